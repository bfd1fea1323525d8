#include "analysis/AnnotatorAgreement.h"

#include <map>

namespace avqa {
namespace {

AgreementFigures figuresOf(const std::vector<std::pair<std::string, std::string>>& answers) {
  AgreementFigures figures;
  figures.questions = static_cast<std::int64_t>(answers.size());
  std::int64_t alike = 0;
  for (const auto& [first, second] : answers) alike += first == second ? 1 : 0;
  figures.agreement_percent = answers.empty() ? 0.0 : 100.0 * static_cast<double>(alike) / static_cast<double>(answers.size());
  figures.kappa = cohensKappa(answers);
  return figures;
}

}  // namespace

std::optional<double> cohensKappa(const std::vector<std::pair<std::string, std::string>>& answers) {
  if (answers.empty()) return std::nullopt;
  std::map<std::string, double> first_share, second_share;
  double observed = 0.0;
  const double n = static_cast<double>(answers.size());
  for (const auto& [first, second] : answers) {
    first_share[first] += 1.0 / n;
    second_share[second] += 1.0 / n;
    observed += first == second ? 1.0 / n : 0.0;
  }
  double expected = 0.0;
  for (const auto& [answer, share] : first_share) {
    const auto other = second_share.find(answer);
    if (other != second_share.end()) expected += share * other->second;
  }
  if (expected >= 1.0 - 1e-12) return std::nullopt;
  return (observed - expected) / (1.0 - expected);
}

AgreementReport annotatorAgreement(const std::vector<BlindPair>& pairs) {
  AgreementReport report;
  std::vector<std::pair<std::string, std::string>> all;
  std::vector<std::pair<std::string, std::string>> keys;  // (group, template) in order of appearance
  std::map<std::pair<std::string, std::string>, std::vector<std::pair<std::string, std::string>>> by_template;
  for (const BlindPair& pair : pairs) {
    const auto key = std::make_pair(pair.group, pair.template_text);
    if (!by_template.count(key)) keys.push_back(key);
    by_template[key].emplace_back(pair.first_answer, pair.second_answer);
    all.emplace_back(pair.first_answer, pair.second_answer);
    if (pair.first_answer != pair.second_answer) report.disagreements.push_back(pair);
  }
  for (const auto& key : keys) {
    AgreementFigures figures = figuresOf(by_template[key]);
    figures.group = key.first;
    figures.template_text = key.second;
    report.templates.push_back(std::move(figures));
  }
  report.overall = figuresOf(all);
  report.overall.group = "all";
  return report;
}

}  // namespace avqa
