#include "reports/DatasetReport.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

#include "analysis/TemplateMajorityBaseline.h"

namespace avqa {
namespace {

std::string format(const char* pattern, double value) {
  char text[64];
  std::snprintf(text, sizeof text, pattern, value);
  return text;
}

std::string padded(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out.empty() ? "-" : out;
}

}  // namespace

DatasetReport DatasetReport::compute(const std::string& split, const RecordList& records,
                                     const std::string& fit_split, const RecordList& fit_records,
                                     const BalanceThresholds& thresholds,
                                     HeadTailGrouping grouping) {
  DatasetReport report{split,
                       fit_split,
                       records.size(),
                       thresholds,
                       analyzeTemplateBalance(records, thresholds),
                       HeadTailSplit(records, grouping),
                       TemplateMajorityBaseline(fit_records).accuracyPercent(records)};
  return report;
}

std::string DatasetReport::toText() const {
  const auto violations = std::count_if(templates.begin(), templates.end(),
                                        [](const TemplateBalance& t) { return t.violates; });
  std::string out = "Split " + split + ": " + std::to_string(records) + " records, " +
                    std::to_string(templates.size()) + " templates, " +
                    std::to_string(violations) + " break the balance threshold (binary > " +
                    format("%.2f", thresholds.binary) + ", multi-class > " +
                    format("%.2f", thresholds.multi_class) + ")\n\n";
  out += "  " + padded("Template", 80) + padded("Group", 26) + padded("n", 8) +
         padded("Dominant", 16) + padded("Share", 7) + "Kind\n";
  for (const TemplateBalance& entry : templates) {
    out += entry.violates ? "! " : "  ";
    out += padded(entry.template_text, 80) + padded(groupKey(entry.modality, entry.question_type), 26) +
           padded(std::to_string(entry.n), 8) + padded(entry.dominant_answer, 16) +
           padded(format("%.2f", entry.dominant_share), 7) +
           (entry.binary ? "binary" : "multi-class") + "\n";
  }
  out += "\nHead/tail by " + head_tail.groupingName() + " (head: count > 1.2 x mean count)\n";
  for (const HeadTailGroup& group : head_tail.groups()) {
    out += "  " + group.group + ": mean " + format("%.2f", group.mean_count) + "; head (" +
           std::to_string(group.head_n) + "): " + joined(group.head_answers) + "; tail (" +
           std::to_string(group.tail_n) + "): " + joined(group.tail_answers) + "\n";
  }
  out += "\nBlind baseline (template majority fitted on " + fit_split +
         "): " + format("%.2f", blind_baseline_accuracy) + "%\n";
  return out;
}

std::string DatasetReport::toJson() const {
  nlohmann::ordered_json root;
  root["split"] = split;
  root["records"] = records;
  root["thresholds"] = {{"binary", thresholds.binary}, {"multi_class", thresholds.multi_class}};
  nlohmann::ordered_json template_list = nlohmann::ordered_json::array();
  for (const TemplateBalance& entry : templates) {
    nlohmann::ordered_json answers = nlohmann::ordered_json::object();
    for (const AnswerCount& count : entry.answers) answers[count.answer] = count.count;
    template_list.push_back({{"template", entry.template_text},
                             {"modality", entry.modality},
                             {"type", entry.question_type},
                             {"n", entry.n},
                             {"answers", answers},
                             {"dominant_answer", entry.dominant_answer},
                             {"dominant_share", entry.dominant_share},
                             {"binary", entry.binary},
                             {"violates", entry.violates}});
  }
  root["templates"] = template_list;
  nlohmann::ordered_json groups = nlohmann::ordered_json::object();
  for (const HeadTailGroup& group : head_tail.groups()) {
    groups[group.group] = {{"mean_count", group.mean_count},
                           {"head_answers", group.head_answers},
                           {"tail_answers", group.tail_answers},
                           {"head_n", group.head_n},
                           {"tail_n", group.tail_n}};
  }
  root["head_tail"] = {{"group_by", head_tail.groupingName()}, {"groups", groups}};
  root["blind_baseline_fit_split"] = fit_split;
  root["blind_baseline_accuracy"] = blind_baseline_accuracy;
  return root.dump(2) + "\n";
}

}  // namespace avqa
