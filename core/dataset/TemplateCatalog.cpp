#include "dataset/TemplateCatalog.h"

#include <simdjson.h>

#include <stdexcept>

namespace avqa {
namespace embedded {
extern const std::string_view music_avqa_templates_json;
}

namespace {

std::vector<std::string> stringArray(simdjson::dom::element element) {
  std::vector<std::string> items;
  for (simdjson::dom::element item : element.get_array()) items.emplace_back(std::string_view(item));
  return items;
}

}  // namespace

TemplateCatalog TemplateCatalog::musicAvqa() {
  TemplateCatalog catalog;
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.parse(simdjson::padded_string(embedded::music_avqa_templates_json));
  for (simdjson::dom::element entry : root["templates"].get_array()) {
    QuestionTemplate question_template;
    question_template.text = std::string(std::string_view(entry["template"]));
    question_template.modality = std::string(std::string_view(entry["modality"]));
    question_template.question_type = std::string(std::string_view(entry["type"]));
    question_template.placeholders = stringArray(entry["placeholders"]);
    question_template.observed_answers = stringArray(entry["observed_answers"]);
    catalog.templates_.push_back(std::move(question_template));
  }
  for (auto [key, values] : root["placeholder_values"].get_object()) {
    catalog.placeholder_values_[std::string(key)] = stringArray(values);
  }
  return catalog;
}

const std::vector<std::string>& TemplateCatalog::placeholderValues(const std::string& placeholder) const {
  static const std::vector<std::string> kNone;
  auto it = placeholder_values_.find(placeholder);
  return it == placeholder_values_.end() ? kNone : it->second;
}

const QuestionTemplate* TemplateCatalog::find(const std::string& text) const {
  for (const QuestionTemplate& question_template : templates_) {
    if (question_template.text == text) return &question_template;
  }
  return nullptr;
}

std::string fillTemplate(const std::string& template_text, const std::vector<std::string>& values) {
  std::string out;
  std::size_t value = 0;
  std::size_t i = 0;
  while (i < template_text.size()) {
    const std::size_t open = template_text.find('<', i);
    const std::size_t close = open == std::string::npos ? std::string::npos : template_text.find('>', open);
    if (close == std::string::npos) {
      out += template_text.substr(i);
      break;
    }
    out += template_text.substr(i, open - i);
    out += value < values.size() ? values[value++] : template_text.substr(open, close - open + 1);
    i = close + 1;
  }
  return out;
}

std::string readableQuestionText(const std::string& text) {
  std::string shown;
  static const std::string kFullWidthQuestionMark = "\xEF\xBC\x9F";  // U+FF1F
  for (std::size_t i = 0; i < text.size();) {
    if (text.compare(i, kFullWidthQuestionMark.size(), kFullWidthQuestionMark) == 0) {
      shown += '?';
      i += kFullWidthQuestionMark.size();
    } else {
      shown += text[i++];
    }
  }
  const std::size_t end = shown.find_last_not_of(" \t\r\n");
  const std::size_t begin = shown.find_first_not_of(" \t\r\n");
  return end == std::string::npos ? std::string() : shown.substr(begin, end - begin + 1);
}

}  // namespace avqa
