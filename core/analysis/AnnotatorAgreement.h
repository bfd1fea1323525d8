#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage/BlindAnswerStore.h"

namespace avqa {

// Cohen's kappa of two annotators' answers to the same questions: (p_o - p_e) / (1 - p_e),
// p_o the share of questions they answer alike, p_e the share expected by chance from each
// one's answer frequencies. None when chance agreement is certain (both gave one answer only).
std::optional<double> cohensKappa(const std::vector<std::pair<std::string, std::string>>& answers);

struct AgreementFigures {
  std::string group;          // modality/question_type ("all" for the whole split)
  std::string template_text;  // empty for the whole split
  std::int64_t questions = 0;
  double agreement_percent = 0.0;
  std::optional<double> kappa;
};

struct AgreementReport {
  std::vector<AgreementFigures> templates;  // in order of first appearance
  AgreementFigures overall;
  std::vector<BlindPair> disagreements;  // the adjudication list, in file order
};

AgreementReport annotatorAgreement(const std::vector<BlindPair>& pairs);

}  // namespace avqa
