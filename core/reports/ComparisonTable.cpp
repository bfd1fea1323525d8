#include "reports/ComparisonTable.h"

namespace avqa {

TextTable comparisonDeltaTable(const RunComparison& comparison) {
  const std::string& a_name = comparison.a_name;
  const std::string& b_name = comparison.b_name;
  const AccuracyTable& a = comparison.a;
  const AccuracyTable& b = comparison.b;
  TextTable table;
  table.header = {"group", a_name, b_name, b_name + " - " + a_name};
  const auto add = [&table](const std::string& name, const AccuracyCell& in_a, const AccuracyCell& in_b) {
    table.rows.push_back(
        {name, percentText(in_a.percent()), percentText(in_b.percent()), percentText(in_b.percent() - in_a.percent())});
  };
  for (const PaperColumn& column : paperColumns()) {
    const std::string key = groupKey(column.modality, column.question_type);
    add(key, a.groups.at(key), b.groups.at(key));
  }
  for (const char* modality : paperModalities()) add(std::string(modality) + " Avg", a.modalities.at(modality), b.modalities.at(modality));
  add("Overall", a.overall, b.overall);
  return table;
}

}  // namespace avqa
