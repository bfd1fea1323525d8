#pragma once

#include "analysis/RunComparison.h"
#include "reports/TableFormats.h"

namespace avqa {

// Rows: the nine groups, the three modality averages, overall; columns A, B, B - A. The
// `compare` command and the workspace's A vs B table print this.
TextTable comparisonDeltaTable(const RunComparison& comparison);

}  // namespace avqa
