#pragma once

#include <string>

#include "analysis/AccuracyTable.h"
#include "reports/TableFormats.h"

namespace avqa {

enum class AccuracyBreakdown { Groups, Templates };

// `avqa-lens table`: the paper-layout accuracy table of one run, as text or JSON.
struct AccuracyReport {
  std::string run;
  std::string split;
  AccuracyTable table;
  AccuracyBreakdown breakdown = AccuracyBreakdown::Groups;

  std::string toText() const;
  std::string toJson() const;
  // The same numbers as cells: the paper table as one row (Groups) or one row per template.
  TextTable toTable() const;
};

}  // namespace avqa
