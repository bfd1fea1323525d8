#include "analysis/AttentionAudit.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "analysis/MapScores.h"

namespace avqa {
namespace {

struct Samples {
  std::vector<double> values;
  FigureMean mean() const { return meanOf(values); }
};

struct Accumulator {
  double ignored_below = kSoundIgnoredBelow;
  int questions = 0;
  std::map<std::string, Samples> figures;
  std::vector<double> sound_cious, question_cious;

  void add(const QuestionFigures& f, const std::optional<StoredPerturbation>& p) {
    ++questions;
    for (const auto& [name, value] : questionFigureValues(f, p, ignored_below)) figures[name].values.push_back(value);
    if (f.sound_spatial) sound_cious.push_back(f.sound_spatial->ciou);
    if (f.spatial) question_cious.push_back(f.spatial->ciou);
  }
  AuditRow row(const std::string& name) const {
    AuditRow out;
    out.name = name;
    out.questions = questions;
    for (const auto& [figure, samples] : figures) out.figures[figure] = samples.mean();
    if (!sound_cious.empty()) out.sound_ciou_auc = ciouAuc(sound_cious);
    if (!question_cious.empty()) out.question_ciou_auc = ciouAuc(question_cious);
    return out;
  }
};

void addMap(const std::string& name, const std::optional<MapFigures>& map, std::map<std::string, double>& values) {
  if (!map) return;
  const std::pair<const char*, double> figures[] = {
      {"pointing", map->pointing},         {"pointing_uniform", map->pointing_uniform}, {"pointing_centre", map->pointing_centre},
      {"energy", map->energy},             {"energy_uniform", map->energy_uniform},     {"energy_centre", map->energy_centre},
      {"ciou", map->ciou},                 {"ciou_centre", map->ciou_centre}};
  for (const auto& [figure, value] : figures) values[name + "." + figure] = value;
}

}  // namespace

FigureMean meanOf(const std::vector<double>& values) {
  FigureMean out;
  out.n = static_cast<int>(values.size());
  if (values.empty()) return out;
  double sum = 0.0;
  for (double v : values) sum += v;
  out.mean = sum / out.n;
  if (out.n < 2) return out;
  double squares = 0.0;
  for (double v : values) squares += (v - out.mean) * (v - out.mean);
  out.ci95 = 1.96 * std::sqrt(squares / (out.n - 1)) / std::sqrt(static_cast<double>(out.n));
  return out;
}

std::map<std::string, double> questionFigureValues(const QuestionFigures& f, const std::optional<StoredPerturbation>& p,
                                                   double ignored_below) {
  std::map<std::string, double> values;
  if (p) {
    const std::pair<const char*, std::optional<double>> checks[] = {
        {"swap.shift", p->sound_map_shift},          {"swap.answer_changed", p->answer_changed_by_swap ? 1.0 : 0.0},
        {"delete.top_patches", p->drop_top_patches}, {"delete.bottom_patches", p->drop_bottom_patches},
        {"delete.top_steps", p->drop_top_steps},     {"delete.bottom_steps", p->drop_bottom_steps}};
    for (const auto& [name, value] : checks) {
      if (value) values[name] = *value;
    }
    if (p->sound_map_shift) values["swap.ignored"] = *p->sound_map_shift < ignored_below ? 1.0 : 0.0;
    if (p->silence_map_shift) values["silence.shift"] = *p->silence_map_shift;
    if (p->answer_changed_by_silence) values["silence.answer_changed"] = *p->answer_changed_by_silence ? 1.0 : 0.0;
  }
  if (f.temporal_mass) values["temporal_mass"] = *f.temporal_mass;
  if (f.temporal_mass_uniform) values["temporal_mass_uniform"] = *f.temporal_mass_uniform;
  if (f.selected_hit) values["selected_hit"] = *f.selected_hit ? 1.0 : 0.0;
  addMap("sound", f.sound_spatial, values);
  addMap("question", f.spatial, values);
  return values;
}

bool hasAuditFigures(const AuditedQuestion& q) {
  return q.figures.temporal_mass || q.figures.spatial || q.figures.sound_spatial || q.perturbation;
}

std::vector<AuditRow> summariseAudit(const std::vector<AuditedQuestion>& questions, AuditGrouping grouping, double ignored_below) {
  std::map<std::string, Accumulator> by_name;
  Accumulator overall;
  overall.ignored_below = ignored_below;
  for (const AuditedQuestion& question : questions) {
    if (!hasAuditFigures(question)) continue;
    Accumulator& group = by_name[grouping == AuditGrouping::Groups ? question.group : question.template_text];
    group.ignored_below = ignored_below;
    group.add(question.figures, question.perturbation);
    overall.add(question.figures, question.perturbation);
  }
  std::vector<AuditRow> rows;
  for (const auto& [name, accumulator] : by_name) rows.push_back(accumulator.row(name));
  rows.push_back(overall.row("Overall"));
  return rows;
}

std::optional<bool> attentionOnEvidence(const QuestionFigures& figures) {
  const std::optional<MapFigures>& map = figures.sound_spatial ? figures.sound_spatial : figures.spatial;
  if (map) return map->pointing >= 0.5;
  if (figures.temporal_mass && figures.temporal_mass_uniform) return *figures.temporal_mass > *figures.temporal_mass_uniform;
  return std::nullopt;
}

std::vector<const AuditedQuestion*> auditList(const std::vector<AuditedQuestion>& questions, AuditList list, double ignored_below) {
  std::vector<const AuditedQuestion*> kept;
  if (list == AuditList::SoundIgnored) {
    for (const AuditedQuestion& question : questions) {
      if (question.perturbation && question.perturbation->sound_map_shift && *question.perturbation->sound_map_shift < ignored_below) {
        kept.push_back(&question);
      }
    }
    std::stable_sort(kept.begin(), kept.end(), [](const AuditedQuestion* a, const AuditedQuestion* b) {
      return *a->perturbation->sound_map_shift < *b->perturbation->sound_map_shift;
    });
    return kept;
  }
  for (const AuditedQuestion& question : questions) {
    const std::optional<bool> on = attentionOnEvidence(question.figures);
    if (!on) continue;
    const bool keep = list == AuditList::All || (list == AuditList::RightWrongPlace && question.right && !*on) ||
                      (list == AuditList::WrongRightPlace && !question.right && *on);
    if (keep) kept.push_back(&question);
  }
  // The primary figure, lowest first: the farthest off the evidence leads.
  const auto primary = [](const AuditedQuestion* q) {
    const std::optional<MapFigures>& map = q->figures.sound_spatial ? q->figures.sound_spatial : q->figures.spatial;
    return map ? map->pointing + map->energy : q->figures.temporal_mass.value_or(0.0);
  };
  if (list == AuditList::All) return kept;  // in the file's order
  std::stable_sort(kept.begin(), kept.end(), [&](const AuditedQuestion* a, const AuditedQuestion* b) {
    return list == AuditList::WrongRightPlace ? primary(a) > primary(b) : primary(a) < primary(b);
  });
  return kept;
}

}  // namespace avqa
