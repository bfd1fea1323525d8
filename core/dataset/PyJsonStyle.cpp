#include "dataset/PyJsonStyle.h"

#include <cstdint>

namespace avqa {
namespace {

std::string newlineAndIndent(const PyJsonStyle& style, int level) {
  return "\n" + std::string(static_cast<std::size_t>(style.indent * level), ' ');
}

void appendEscapedCodeUnit(std::string& out, std::uint32_t unit) {
  static const char kHex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(unit >> shift) & 0xF];
}

// Decodes one UTF-8 sequence at text[i]; invalid bytes are passed through as U+FFFD.
std::uint32_t decodeUtf8(std::string_view text, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  if (length == 1 || i + static_cast<std::size_t>(length) > text.size()) {
    ++i;
    return 0xFFFD;
  }
  std::uint32_t code = lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    code = (code << 6) | (static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]) & 0x3F);
  }
  i += static_cast<std::size_t>(length);
  return code;
}

}  // namespace

std::string PyJsonStyle::listOpening() const {
  return indent > 0 ? "[" + newlineAndIndent(*this, 1) : "[";
}

std::string PyJsonStyle::listSeparator() const {
  return indent > 0 ? item_separator + newlineAndIndent(*this, 1) : item_separator;
}

std::string PyJsonStyle::listClosing() const { return indent > 0 ? "\n]" : "]"; }

std::string pyJsonQuote(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size() + 2);
  out += '"';
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    if (byte >= 0x80) {
      const std::uint32_t code = decodeUtf8(utf8, i);
      if (code >= 0x10000) {  // json.dumps writes astral characters as a surrogate pair
        const std::uint32_t v = code - 0x10000;
        appendEscapedCodeUnit(out, 0xD800 | (v >> 10));
        appendEscapedCodeUnit(out, 0xDC00 | (v & 0x3FF));
      } else {
        appendEscapedCodeUnit(out, code);
      }
      continue;
    }
    switch (byte) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (byte < 0x20 || byte == 0x7F) {  // json.dumps escapes all but printable ASCII
          appendEscapedCodeUnit(out, byte);
        } else {
          out += static_cast<char>(byte);
        }
    }
    ++i;
  }
  out += '"';
  return out;
}

std::string pyJsonCompactStringList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += pyJsonQuote(items[i]);
  }
  return out + "]";
}

std::string pyJsonStringList(const std::vector<std::string>& items, const PyJsonStyle& style,
                             int level) {
  if (items.empty()) return "[]";
  if (style.indent == 0) return pyJsonCompactStringList(items);
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += style.item_separator;
    out += newlineAndIndent(style, level + 1) + pyJsonQuote(items[i]);
  }
  return out + newlineAndIndent(style, level) + "]";
}

std::string pyJsonObject(const std::vector<JsonMember>& members, const PyJsonStyle& style,
                         int level) {
  if (members.empty()) return "{}";
  std::string out = "{";
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i > 0) out += style.item_separator;
    if (style.indent > 0) out += newlineAndIndent(style, level + 1);
    out += pyJsonQuote(members[i].key);
    out += style.key_separator;
    out += members[i].value_json;
  }
  if (style.indent > 0) out += newlineAndIndent(style, level);
  return out + "}";
}

}  // namespace avqa
