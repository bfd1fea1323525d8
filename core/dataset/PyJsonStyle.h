#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace avqa {

// The layout Python's json.dump gave a question file, detected on import so that an edited
// record is written back exactly as json.dump would have written it (a diff shows only the
// edit). ensure_ascii is always on in the released files: non-ASCII becomes \uXXXX.
struct PyJsonStyle {
  int indent = 2;                  // spaces per level; 0 means everything on one line
  std::string item_separator = ",";  // json.dump: "," with indent, ", " without
  std::string key_separator = ": ";

  static PyJsonStyle indented(int spaces) { return {spaces, ",", ": "}; }
  static PyJsonStyle oneLine() { return {0, ", ", ": "}; }

  // Text that opens / separates / closes the records of a top-level list.
  std::string listOpening() const;
  std::string listSeparator() const;
  std::string listClosing() const;
};

// json.dumps(text) with ensure_ascii=True: quotes, escapes and lowercase \uXXXX.
std::string pyJsonQuote(std::string_view utf8);

// json.dumps(list_of_strings) with default separators, as the released files store `type`
// and `templ_values` inside a string: ["Audio", "Counting"].
std::string pyJsonCompactStringList(const std::vector<std::string>& items);

// A list of strings as json.dump writes it nested at `level` in the given style.
std::string pyJsonStringList(const std::vector<std::string>& items, const PyJsonStyle& style,
                             int level);

// One key/value pair of an object whose values are already serialized JSON text.
struct JsonMember {
  std::string key;         // unescaped
  std::string value_json;  // serialized value, in the file's style for its nesting level
};

// An object as json.dump writes it at `level` (1 for the records of a top-level list).
std::string pyJsonObject(const std::vector<JsonMember>& members, const PyJsonStyle& style,
                         int level);

}  // namespace avqa
