#include "reports/AccuracyReport.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace avqa {
namespace {

std::string cell(double value, int width) {
  char text[32];
  std::snprintf(text, sizeof text, "%*.2f", width, value);
  return text;
}

std::string rightAligned(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

}  // namespace

std::string AccuracyReport::toText() const {
  std::string out = "Run " + run + " on split " + split + ": " + std::to_string(table.overall.n) +
                    " questions, " + std::to_string(table.missing) + " without a prediction (counted wrong)\n\n";
  // Each modality spans its type columns plus an Avg column; Overall spans one column.
  constexpr std::size_t kWidth = 8;
  std::string titles;
  std::string labels;
  std::string values;
  for (const char* modality : paperModalities()) {
    titles += std::string(2, ' ') + modality;
    for (const PaperColumn& column : paperColumns()) {
      if (std::string(column.modality) != modality) continue;
      labels += rightAligned(column.label, kWidth);
      values += cell(table.groups.at(groupKey(column.modality, column.question_type)).percent(), kWidth);
    }
    labels += rightAligned("Avg", kWidth);
    values += cell(table.modalities.at(modality).percent(), kWidth);
    titles.resize(labels.size(), ' ');
  }
  titles += "  Overall";
  labels += rightAligned("Avg", kWidth + 1);
  values += cell(table.overall.percent(), kWidth + 1);
  out += titles + "\n" + labels + "\n" + values + "\n\n";
  out += "Head answers: " + cell(table.head.percent(), 0) + "% (" + std::to_string(table.head.n) +
         " questions)   Tail answers: " + cell(table.tail.percent(), 0) + "% (" +
         std::to_string(table.tail.n) + " questions)\n";
  if (breakdown == AccuracyBreakdown::Templates) {
    out += "\nPer template:\n";
    for (const auto& [template_text, accuracy] : table.templates) {
      out += cell(accuracy.percent(), 8) + "%  n=" + std::to_string(accuracy.n) + "  " + template_text + "\n";
    }
  }
  return out;
}

std::string AccuracyReport::toJson() const {
  nlohmann::ordered_json root;
  root["run"] = run;
  root["split"] = split;
  nlohmann::ordered_json groups = nlohmann::ordered_json::object();
  for (const PaperColumn& column : paperColumns()) {
    const AccuracyCell& accuracy = table.groups.at(groupKey(column.modality, column.question_type));
    groups[groupKey(column.modality, column.question_type)] = {{"n", accuracy.n}, {"accuracy", accuracy.percent()}};
  }
  root["groups"] = groups;
  nlohmann::ordered_json modalities = nlohmann::ordered_json::object();
  for (const char* modality : paperModalities()) modalities[modality] = table.modalities.at(modality).percent();
  root["modalities"] = modalities;
  root["overall"] = table.overall.percent();
  root["head"] = table.head.percent();
  root["tail"] = table.tail.percent();
  root["missing"] = table.missing;
  if (breakdown == AccuracyBreakdown::Templates) {
    nlohmann::ordered_json templates = nlohmann::ordered_json::object();
    for (const auto& [template_text, accuracy] : table.templates) {
      templates[template_text] = {{"n", accuracy.n}, {"accuracy", accuracy.percent()}};
    }
    root["templates"] = templates;
  }
  return root.dump(2) + "\n";
}

TextTable AccuracyReport::toTable() const {
  TextTable out;
  if (breakdown == AccuracyBreakdown::Templates) {
    out.header = {"template", "questions", "accuracy"};
    for (const auto& [template_text, accuracy] : table.templates) {
      out.rows.push_back({template_text, std::to_string(accuracy.n), percentText(accuracy.percent())});
    }
    return out;
  }
  out.header = {"run", "split"};
  std::vector<std::string> row = {run, split};
  for (const char* modality : paperModalities()) {
    for (const PaperColumn& column : paperColumns()) {
      if (std::string(column.modality) != modality) continue;
      out.header.push_back(std::string(modality) + " " + column.label);
      row.push_back(percentText(table.groups.at(groupKey(column.modality, column.question_type)).percent()));
    }
    out.header.push_back(std::string(modality) + " Avg");
    row.push_back(percentText(table.modalities.at(modality).percent()));
  }
  for (const char* extra : {"Overall", "Head", "Tail"}) out.header.emplace_back(extra);
  row.push_back(percentText(table.overall.percent()));
  row.push_back(percentText(table.head.percent()));
  row.push_back(percentText(table.tail.percent()));
  out.rows.push_back(std::move(row));
  return out;
}

}  // namespace avqa
