#include "reports/AuditReport.h"

#include <cstdio>

#include "dataset/TemplateCatalog.h"
#include "reports/FiguresJson.h"

namespace avqa {
namespace {

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", value);
  return text;
}

std::string figure(const AuditRow& row, const std::string& name, bool with_interval = false) {
  const auto found = row.figures.find(name);
  if (found == row.figures.end() || found->second.n == 0) return "-";
  return number(found->second.mean) + (with_interval ? " ± " + number(found->second.ci95) : "");
}

std::string optionalNumber(const std::optional<double>& value) { return value ? number(*value) : "-"; }

}  // namespace

TextTable auditTable(const std::vector<AuditRow>& rows) {
  TextTable table;
  table.header = {"group", "questions", "time on evidence", "(uniform)", "sound pointing", "(uniform)", "(centre)",
                  "sound energy in box", "sound cIoU AUC", "question pointing", "(uniform)", "(centre)",
                  "question energy in box", "question cIoU AUC", "sound map shift on swap", "sound ignored",
                  "answer changed by swap", "sound map shift in silence", "answer changed by silence", "drop: top / bottom patches", "drop: top / bottom steps"};
  for (const AuditRow& row : rows) {
    table.rows.push_back({readableQuestionText(row.name), std::to_string(row.questions), figure(row, "temporal_mass", true),
                          figure(row, "temporal_mass_uniform"), figure(row, "sound.pointing", true), figure(row, "sound.pointing_uniform"),
                          figure(row, "sound.pointing_centre"), figure(row, "sound.energy"), optionalNumber(row.sound_ciou_auc),
                          figure(row, "question.pointing", true), figure(row, "question.pointing_uniform"),
                          figure(row, "question.pointing_centre"), figure(row, "question.energy"), optionalNumber(row.question_ciou_auc),
                          figure(row, "swap.shift", true), figure(row, "swap.ignored"), figure(row, "swap.answer_changed"),
                          figure(row, "silence.shift", true), figure(row, "silence.answer_changed"),
                          figure(row, "delete.top_patches") + " / " + figure(row, "delete.bottom_patches"),
                          figure(row, "delete.top_steps") + " / " + figure(row, "delete.bottom_steps")});
  }
  return table;
}

TextTable auditListTable(const std::vector<const AuditedQuestion*>& questions) {
  TextTable table;
  table.header = {"row", "video", "question", "answer", "predicted", "time on evidence", "sound pointing", "sound energy",
                  "question pointing", "sound map shift on swap", "drop: top patches", "drop: bottom patches"};
  for (const AuditedQuestion* q : questions) {
    const QuestionFigures& f = q->figures;
    table.rows.push_back({std::to_string(q->row), q->video_id, readableQuestionText(q->question), q->answer, q->predicted,
                          optionalNumber(f.temporal_mass), f.sound_spatial ? number(f.sound_spatial->pointing) : "-",
                          f.sound_spatial ? number(f.sound_spatial->energy) : "-", f.spatial ? number(f.spatial->pointing) : "-",
                          q->perturbation ? optionalNumber(q->perturbation->sound_map_shift) : "-",
                          q->perturbation ? optionalNumber(q->perturbation->drop_top_patches) : "-",
                          q->perturbation ? optionalNumber(q->perturbation->drop_bottom_patches) : "-"});
  }
  return table;
}

nlohmann::ordered_json auditJson(const std::vector<AuditRow>& rows, const std::vector<const AuditedQuestion*>& questions) {
  nlohmann::ordered_json out;
  out["rows"] = nlohmann::ordered_json::array();
  for (const AuditRow& row : rows) {
    nlohmann::ordered_json figures = nlohmann::ordered_json::object();
    for (const auto& [name, mean] : row.figures) figures[name] = {{"mean", mean.mean}, {"ci95", mean.ci95}, {"n", mean.n}};
    out["rows"].push_back({{"name", row.name}, {"questions", row.questions}, {"figures", figures},
                           {"sound_ciou_auc", row.sound_ciou_auc ? nlohmann::ordered_json(*row.sound_ciou_auc) : nlohmann::ordered_json(nullptr)},
                           {"question_ciou_auc", row.question_ciou_auc ? nlohmann::ordered_json(*row.question_ciou_auc) : nlohmann::ordered_json(nullptr)}});
  }
  out["questions"] = nlohmann::ordered_json::array();
  for (const AuditedQuestion* q : questions) {
    const std::optional<bool> on = attentionOnEvidence(q->figures);
    out["questions"].push_back({{"row", q->row}, {"video_id", q->video_id}, {"question", q->question}, {"answer", q->answer},
                                {"predicted", q->predicted}, {"right", q->right},
                                {"on_evidence", on ? nlohmann::ordered_json(*on) : nlohmann::ordered_json(nullptr)},
                                {"figures", questionFiguresJson(q->figures)},
                                {"perturbation", q->perturbation ? nlohmann::ordered_json{
                                    {"sound_map_shift", q->perturbation->sound_map_shift ? nlohmann::ordered_json(*q->perturbation->sound_map_shift) : nlohmann::ordered_json(nullptr)},
                                    {"answer_changed_by_swap", q->perturbation->answer_changed_by_swap},
                                    {"drop_top_patches", q->perturbation->drop_top_patches ? nlohmann::ordered_json(*q->perturbation->drop_top_patches) : nlohmann::ordered_json(nullptr)},
                                    {"drop_bottom_patches", q->perturbation->drop_bottom_patches ? nlohmann::ordered_json(*q->perturbation->drop_bottom_patches) : nlohmann::ordered_json(nullptr)},
                                    {"drop_top_steps", q->perturbation->drop_top_steps ? nlohmann::ordered_json(*q->perturbation->drop_top_steps) : nlohmann::ordered_json(nullptr)},
                                    {"drop_bottom_steps", q->perturbation->drop_bottom_steps ? nlohmann::ordered_json(*q->perturbation->drop_bottom_steps) : nlohmann::ordered_json(nullptr)}}
                                                         : nlohmann::ordered_json(nullptr)}});
  }
  return out;
}

namespace {

constexpr std::pair<const char*, const char*> kComparedFigures[] = {
    {"temporal_mass", "time on evidence"},       {"sound.pointing", "sound pointing"},
    {"sound.energy", "sound energy in box"},     {"question.pointing", "question pointing"},
    {"question.energy", "question energy in box"}, {"swap.shift", "sound map shift on swap"}};

std::string signedNumber(double value) { return (value >= 0 ? "+" : "") + number(value); }

}  // namespace

TextTable auditComparisonTable(const std::vector<AuditDelta>& rows) {
  TextTable table;
  table.header = {"group", "questions", "accuracy A", "accuracy B"};
  for (const auto& [name, title] : kComparedFigures) table.header.push_back(std::string(title) + ": A → B (Δ ± 95 %)");
  for (const AuditDelta& row : rows) {
    std::vector<std::string> cells{readableQuestionText(row.name), std::to_string(row.questions), number(row.accuracy_a),
                                   number(row.accuracy_b)};
    for (const auto& [name, title] : kComparedFigures) {
      const auto found = row.figures.find(name);
      cells.push_back(found == row.figures.end() || found->second.difference.n == 0
                          ? "-"
                          : number(found->second.a.mean) + " → " + number(found->second.b.mean) + " (" +
                                signedNumber(found->second.difference.mean) + " ± " + number(found->second.difference.ci95) + ")");
    }
    table.rows.push_back(std::move(cells));
  }
  return table;
}

nlohmann::ordered_json auditComparisonJson(const std::vector<AuditDelta>& rows) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const AuditDelta& row : rows) {
    nlohmann::ordered_json figures = nlohmann::ordered_json::object();
    for (const auto& [name, delta] : row.figures) {
      figures[name] = {{"a", delta.a.mean}, {"b", delta.b.mean}, {"difference", delta.difference.mean},
                       {"difference_ci95", delta.difference.ci95}, {"n", delta.difference.n}};
    }
    out.push_back({{"name", row.name}, {"questions", row.questions}, {"accuracy_a", row.accuracy_a},
                   {"accuracy_b", row.accuracy_b}, {"figures", figures}});
  }
  return out;
}

}  // namespace avqa
