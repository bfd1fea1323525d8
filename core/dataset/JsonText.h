#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dataset/PyJsonStyle.h"

namespace avqa {

// Small JSON helpers over simdjson, kept out of headers so only a few files compile it.

// Parses `text` as a JSON list of strings; nullopt when it is anything else.
std::optional<std::vector<std::string>> parseJsonStringList(std::string_view text);

// The same, reusing one parser and one padded buffer across calls: for hot loops that parse
// the `type` / `templ_values` lists of tens of thousands of records.
class JsonStringListParser {
 public:
  JsonStringListParser();
  ~JsonStringListParser();
  JsonStringListParser(const JsonStringListParser&) = delete;
  JsonStringListParser& operator=(const JsonStringListParser&) = delete;
  std::optional<std::vector<std::string>> parse(std::string_view text);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The members of a JSON object, values as their raw (trimmed) text in original layout.
// Throws std::runtime_error when `object_json` is not a valid object.
std::vector<JsonMember> splitJsonObject(std::string_view object_json);

// The layout json.dump used for a list of records, read off its first two records.
PyJsonStyle detectPyJsonStyle(std::string_view first_lead, std::string_view first_record,
                              std::string_view second_lead);

std::string_view trimJsonWhitespace(std::string_view text);

}  // namespace avqa
