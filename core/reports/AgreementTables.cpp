#include "reports/AgreementTables.h"

#include <cstdio>

namespace avqa {
namespace {

std::string kappaText(const std::optional<double>& kappa) {
  if (!kappa) return "-";  // both annotators gave one answer only: chance agreement is certain
  char text[16];
  std::snprintf(text, sizeof(text), "%.3f", *kappa);
  return text;
}

std::vector<std::string> figuresRow(const AgreementFigures& figures) {
  return {figures.group, figures.template_text, std::to_string(figures.questions), percentText(figures.agreement_percent),
          kappaText(figures.kappa)};
}

}  // namespace

TextTable agreementTable(const AgreementReport& report) {
  TextTable table;
  table.header = {"group", "template", "questions", "agreement %", "Cohen's kappa"};
  for (const AgreementFigures& figures : report.templates) table.rows.push_back(figuresRow(figures));
  table.rows.push_back(figuresRow(report.overall));
  return table;
}

TextTable disagreementTable(const AgreementReport& report, const std::string& first, const std::string& second) {
  TextTable table;
  table.header = {"row", "question", first.empty() ? "first" : first, second.empty() ? "second" : second, "stored answer"};
  for (const BlindPair& pair : report.disagreements) {
    table.rows.push_back({std::to_string(pair.row), pair.question, pair.first_answer, pair.second_answer, pair.stored_answer.value_or("")});
  }
  return table;
}

}  // namespace avqa
