#include "dataset/JsonText.h"

#include <simdjson.h>

#include <stdexcept>

namespace avqa {
namespace od = simdjson::ondemand;

std::string_view trimJsonWhitespace(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

namespace {
bool documentFullyRead(od::document& doc) {
  const char* location = nullptr;
  return doc.current_location().get(location) != simdjson::SUCCESS;  // past the end: no location
}
}  // namespace

struct JsonStringListParser::State {
  od::parser parser;
  std::string buffer;  // text + SIMDJSON_PADDING bytes, reused
};

JsonStringListParser::JsonStringListParser() : state_(std::make_unique<State>()) {}
JsonStringListParser::~JsonStringListParser() = default;

namespace {

// The lists in question files are short lists of plain words: ["Audio", "Counting"]. This
// reads exactly that shape (no escapes) and returns false for anything else, which then goes
// to simdjson. It spares a parser start-up per record.
bool parsePlainStringList(std::string_view text, std::vector<std::string>& items) {
  std::size_t i = 0;
  const auto skip_space = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r')) ++i;
  };
  skip_space();
  if (i >= text.size() || text[i++] != '[') return false;
  skip_space();
  if (i < text.size() && text[i] == ']') {
    ++i;
    skip_space();
    return i == text.size();
  }
  while (true) {
    if (i >= text.size() || text[i++] != '"') return false;
    const std::size_t start = i;
    while (i < text.size() && text[i] != '"') {
      const auto byte = static_cast<unsigned char>(text[i]);
      if (byte == '\\' || byte < 0x20) return false;
      ++i;
    }
    if (i >= text.size()) return false;
    items.emplace_back(text.substr(start, i - start));
    ++i;
    skip_space();
    if (i < text.size() && text[i] == ',') {
      ++i;
      skip_space();
      continue;
    }
    if (i >= text.size() || text[i++] != ']') return false;
    skip_space();
    return i == text.size();
  }
}

}  // namespace

std::optional<std::vector<std::string>> JsonStringListParser::parse(std::string_view text) {
  std::vector<std::string> items;
  if (parsePlainStringList(text, items)) return items;
  items.clear();
  state_->buffer.assign(text);
  state_->buffer.resize(text.size() + simdjson::SIMDJSON_PADDING, ' ');
  od::document doc;
  od::array array;
  if (state_->parser.iterate(state_->buffer.data(), text.size(), state_->buffer.size()).get(doc) ||
      doc.get_array().get(array)) {
    return std::nullopt;
  }
  for (auto item : array) {
    std::string_view value;
    if (item.get_string().get(value)) return std::nullopt;
    items.emplace_back(value);
  }
  if (!documentFullyRead(doc)) return std::nullopt;
  return items;
}

std::optional<std::vector<std::string>> parseJsonStringList(std::string_view text) {
  return JsonStringListParser().parse(text);
}

std::vector<JsonMember> splitJsonObject(std::string_view object_json) {
  simdjson::padded_string padded(object_json);
  od::parser parser;
  od::document doc;
  od::object object;
  if (parser.iterate(padded).get(doc) || doc.get_object().get(object)) {
    throw std::runtime_error("not a JSON object");
  }
  std::vector<JsonMember> members;
  for (auto field : object) {
    std::string_view key;
    od::value value;
    if (field.unescaped_key().get(key) || field.value().get(value)) {
      throw std::runtime_error("malformed JSON object");
    }
    od::json_type type;
    if (value.type().get(type)) throw std::runtime_error("malformed JSON value");
    std::string_view raw;
    simdjson::error_code error = simdjson::SUCCESS;
    if (type == od::json_type::object) {
      od::object nested;
      error = value.get_object().get(nested);
      if (!error) error = nested.raw_json().get(raw);
    } else if (type == od::json_type::array) {
      od::array nested;
      error = value.get_array().get(nested);
      if (!error) error = nested.raw_json().get(raw);
    } else {
      raw = value.raw_json_token();
    }
    if (error) throw std::runtime_error("malformed JSON value");
    members.push_back({std::string(key), std::string(trimJsonWhitespace(raw))});
  }
  return members;
}

PyJsonStyle detectPyJsonStyle(std::string_view first_lead, std::string_view first_record,
                              std::string_view second_lead) {
  PyJsonStyle style = PyJsonStyle::oneLine();
  const std::size_t newline = first_lead.rfind('\n');
  if (newline != std::string_view::npos) {
    style.indent = static_cast<int>(first_lead.size() - newline - 1);
    style.item_separator = ",";
  } else if (!second_lead.empty()) {
    style.item_separator = std::string(second_lead);
  }
  // Key separator: the bytes between the first key's closing quote and its value.
  std::size_t i = first_record.find('"');
  if (i != std::string_view::npos) {
    for (++i; i < first_record.size() && first_record[i] != '"'; ++i) {
      if (first_record[i] == '\\') ++i;
    }
    const std::size_t value_start = first_record.find_first_not_of(" \n\r\t:", i + 1);
    if (value_start != std::string_view::npos) {
      style.key_separator = std::string(first_record.substr(i + 1, value_start - i - 1));
    }
  }
  return style;
}

}  // namespace avqa
