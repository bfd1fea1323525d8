#pragma once

#include <string>
#include <unordered_map>

#include "analysis/TemplateBalance.h"

namespace avqa {

// The "blind" baseline: answers each question with its template's most frequent answer in
// the fit records (ties: the answer seen first); an unseen template gets the fit records'
// overall majority. It shows how much a split can be solved without seeing or hearing.
class TemplateMajorityBaseline {
 public:
  explicit TemplateMajorityBaseline(const RecordList& fit_records);
  const std::string& predict(const QaRecord& record) const;
  // Percentage of `records` the baseline answers right (records without answer count wrong).
  double accuracyPercent(const RecordList& records) const;

 private:
  std::unordered_map<std::string, std::string> per_template_;
  std::string overall_majority_;
};

// Rounds a percentage to two decimals, the precision every accuracy is reported with.
double roundPercent(double percent);

}  // namespace avqa
