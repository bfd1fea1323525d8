#pragma once

#include <map>
#include <string>
#include <vector>

namespace avqa {

struct QuestionTemplate {
  std::string text;  // verbatim, quirks included (full-width "？", trailing spaces)
  std::string modality;
  std::string question_type;
  std::vector<std::string> placeholders;  // in order of appearance: "<Object>", "<LR>", ...
  std::vector<std::string> observed_answers;
};

// A question or template as people read it: the dataset's full-width question mark (which
// common fonts lack) as "?", without the files' trailing spaces. Matching and tokenizing
// use the verbatim text; only what is shown goes through this.
std::string readableQuestionText(const std::string& text);

// The 33 MUSIC-AVQA templates and the values their placeholders take, compiled into the
// binary so the app needs no data files.
class TemplateCatalog {
 public:
  static TemplateCatalog musicAvqa();

  const std::vector<QuestionTemplate>& templates() const { return templates_; }
  const std::vector<std::string>& placeholderValues(const std::string& placeholder) const;
  const QuestionTemplate* find(const std::string& text) const;

 private:
  std::vector<QuestionTemplate> templates_;
  std::map<std::string, std::vector<std::string>> placeholder_values_;
};

// Fills placeholders in order from `values` ("Is the <Object> ..." + ["violin"]).
std::string fillTemplate(const std::string& template_text, const std::vector<std::string>& values);

}  // namespace avqa
