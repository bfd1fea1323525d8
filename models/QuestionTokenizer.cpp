#include "QuestionTokenizer.h"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <unordered_map>

#include "dataset/TemplateCatalog.h"

namespace avqa {
namespace {

// Removes the last UTF-8 character (one code point, however many bytes).
void dropLastCharacter(std::string& text) {
  if (text.empty()) return;
  std::size_t cut = text.size() - 1;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.erase(cut);
}

}  // namespace

TokenizedQuestion tokenizeQuestion(const std::string& question, const std::vector<std::string>& templ_values,
                                   const QuestionSpec& spec) {
  std::string text = question;
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  dropLastCharacter(text);
  text = fillTemplate(text, templ_values);
  if (spec.lowercase) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  }
  std::unordered_map<std::string, std::int64_t> index;
  for (std::size_t i = 0; i < spec.vocab.size(); ++i) index.emplace(spec.vocab[i], static_cast<std::int64_t>(i));
  const auto unknown = index.find("<unk>");
  TokenizedQuestion result;
  std::istringstream words(text);
  for (std::string word; std::getline(words, word, ' ');) {
    if (word.empty()) continue;
    auto found = index.find(word);
    if (found != index.end()) {
      result.ids.push_back(found->second);
      result.words.push_back(word);
    } else if (unknown != index.end()) {
      result.ids.push_back(unknown->second);
      result.words.push_back(word);
    } else {
      result.dropped.push_back(word);
    }
  }
  const std::size_t length = static_cast<std::size_t>(std::max(spec.max_len, 0));
  if (result.ids.size() > length) {
    result.ids.resize(length);
    result.words.resize(length);
  }
  result.ids.resize(length, 0);  // <pad> is index 0
  return result;
}

}  // namespace avqa
