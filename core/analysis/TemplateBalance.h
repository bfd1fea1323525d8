#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dataset/QaRecord.h"

namespace avqa {


struct BalanceThresholds {
  double binary = 0.60;       // a yes/no template breaks balance above this dominant share
  double multi_class = 0.50;  // any other template
};

struct AnswerCount {
  std::string answer;
  std::int64_t count = 0;
};

// The answer distribution of one template (question_content with placeholders unfilled).
struct TemplateBalance {
  std::string template_text;
  std::string modality;
  std::string question_type;
  std::int64_t n = 0;                // records with an answer
  std::vector<AnswerCount> answers;  // in order of first appearance
  std::string dominant_answer;       // ties go to the answer seen first
  double dominant_share = 0.0;       // 0..1
  bool binary = false;               // every answer is "yes" or "no"
  bool violates = false;             // dominant_share > threshold
};

// Counts answers per answer string in order of first appearance.
std::vector<AnswerCount> countAnswers(const RecordList& records);

// One entry per template, in order of first appearance.
std::vector<TemplateBalance> analyzeTemplateBalance(const RecordList& records,
                                                    const BalanceThresholds& thresholds);

}  // namespace avqa
