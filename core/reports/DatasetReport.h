#pragma once

#include <string>
#include <vector>

#include "analysis/HeadTailSplit.h"
#include "analysis/TemplateBalance.h"

namespace avqa {

// Everything `avqa-lens stats` reports about a split, computed once, printed as text or JSON.
struct DatasetReport {
  std::string split;
  std::string fit_split;
  std::size_t records = 0;
  BalanceThresholds thresholds;
  std::vector<TemplateBalance> templates;
  HeadTailSplit head_tail;
  double blind_baseline_accuracy = 0.0;  // percent, two decimals

  static DatasetReport compute(const std::string& split, const RecordList& records,
                               const std::string& fit_split, const RecordList& fit_records,
                               const BalanceThresholds& thresholds, HeadTailGrouping grouping);
  std::string toText() const;
  std::string toJson() const;
};

}  // namespace avqa
