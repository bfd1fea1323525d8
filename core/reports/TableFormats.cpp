#include "reports/TableFormats.h"

#include <cstdio>

namespace avqa {
namespace {

std::string csvCell(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string markdownCell(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '|') escaped += "\\|";
    else if (c == '\n' || c == '\r') escaped += ' ';
    else escaped += c;
  }
  return escaped;
}

template <typename Format>
std::string joined(const std::vector<std::string>& cells, const char* separator, Format format) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) line += (i ? separator : "") + format(cells[i]);
  return line;
}

}  // namespace

std::string TextTable::toCsv() const {
  std::string out = joined(header, ",", csvCell) + "\r\n";
  for (const auto& row : rows) out += joined(row, ",", csvCell) + "\r\n";
  return out;
}

std::string TextTable::toMarkdown() const {
  std::string out = "| " + joined(header, " | ", markdownCell) + " |\n|";
  for (std::size_t i = 0; i < header.size(); ++i) out += "---|";
  out += "\n";
  for (const auto& row : rows) out += "| " + joined(row, " | ", markdownCell) + " |\n";
  return out;
}

std::string percentText(double percent) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", percent);
  return text;
}

}  // namespace avqa
