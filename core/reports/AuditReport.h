#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "analysis/AttentionAudit.h"
#include "analysis/AuditComparison.h"
#include "reports/TableFormats.h"

namespace avqa {

// The audit per group or template: questions with figures, time on the evidence (model,
// uniform), and per map pointing ± its 95 % interval (uniform, centre), energy in box and
// cIoU AUC. Numbers with three decimals; "-" where a model has no such map.
TextTable auditTable(const std::vector<AuditRow>& rows);

// A list of questions with their answer, prediction and figures.
TextTable auditListTable(const std::vector<const AuditedQuestion*>& questions);

// Both as JSON: {"rows": [...], "questions": [{row, video_id, question, answer, predicted,
// right, on_evidence, figures}]}.
nlohmann::ordered_json auditJson(const std::vector<AuditRow>& rows, const std::vector<const AuditedQuestion*>& questions);

// Two runs side by side (`audit --vs`): accuracy of each and, per figure, "A → B (Δ ± ci)".
TextTable auditComparisonTable(const std::vector<AuditDelta>& rows);
nlohmann::ordered_json auditComparisonJson(const std::vector<AuditDelta>& rows);

}  // namespace avqa
