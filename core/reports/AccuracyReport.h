#pragma once

#include <string>

#include "analysis/AccuracyTable.h"

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
};

}  // namespace avqa
