#include "analysis/AuditComparison.h"

#include <unordered_map>

namespace avqa {
namespace {

struct Pairs {
  int questions = 0, right_a = 0, right_b = 0;
  std::map<std::string, std::vector<double>> a, b, difference;

  void add(const AuditedQuestion& qa, const AuditedQuestion& qb, double ignored_below) {
    ++questions;
    right_a += qa.right ? 1 : 0;
    right_b += qb.right ? 1 : 0;
    const std::map<std::string, double> va = questionFigureValues(qa.figures, qa.perturbation, ignored_below);
    const std::map<std::string, double> vb = questionFigureValues(qb.figures, qb.perturbation, ignored_below);
    for (const auto& [name, value] : va) {
      const auto other = vb.find(name);
      if (other == vb.end()) continue;
      a[name].push_back(value);
      b[name].push_back(other->second);
      difference[name].push_back(other->second - value);
    }
  }
  AuditDelta delta(const std::string& name) const {
    AuditDelta out;
    out.name = name;
    out.questions = questions;
    if (questions > 0) {
      out.accuracy_a = static_cast<double>(right_a) / questions;
      out.accuracy_b = static_cast<double>(right_b) / questions;
    }
    for (const auto& [figure, values] : difference) {
      out.figures[figure] = {meanOf(a.at(figure)), meanOf(b.at(figure)), meanOf(values)};
    }
    return out;
  }
};

}  // namespace

std::vector<AuditDelta> compareAudits(const std::vector<AuditedQuestion>& a, const std::vector<AuditedQuestion>& b,
                                      AuditGrouping grouping, double ignored_below) {
  std::unordered_map<std::int64_t, const AuditedQuestion*> by_row;
  for (const AuditedQuestion& question : b) by_row[question.row] = &question;
  std::map<std::string, Pairs> groups;
  Pairs overall;
  for (const AuditedQuestion& qa : a) {
    const auto found = by_row.find(qa.row);
    if (found == by_row.end() || !hasAuditFigures(qa) || !hasAuditFigures(*found->second)) continue;
    groups[grouping == AuditGrouping::Groups ? qa.group : qa.template_text].add(qa, *found->second, ignored_below);
    overall.add(qa, *found->second, ignored_below);
  }
  std::vector<AuditDelta> rows;
  for (const auto& [name, pairs] : groups) rows.push_back(pairs.delta(name));
  rows.push_back(overall.delta("Overall"));
  return rows;
}

}  // namespace avqa
