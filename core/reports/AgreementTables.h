#pragma once

#include "analysis/AnnotatorAgreement.h"
#include "reports/TableFormats.h"

namespace avqa {

// Double annotation as tables (the workspace's Agreement tab; Copy as Markdown / CSV):
// per template and overall, then the adjudication list.
TextTable agreementTable(const AgreementReport& report);
TextTable disagreementTable(const AgreementReport& report, const std::string& first, const std::string& second);

}  // namespace avqa
