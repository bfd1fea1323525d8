#pragma once

#include <string>
#include <vector>

namespace avqa {

// A table as text cells, written out for spreadsheets (CSV, RFC 4180 quoting) or for papers
// and READMEs (GitHub Markdown, pipes escaped).
struct TextTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  std::string toCsv() const;
  std::string toMarkdown() const;
};

std::string percentText(double percent);  // "62.51"

}  // namespace avqa
