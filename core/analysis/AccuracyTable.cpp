#include "analysis/AccuracyTable.h"

#include "analysis/TemplateMajorityBaseline.h"

namespace avqa {

double AccuracyCell::percent() const {
  return n > 0 ? roundPercent(100.0 * static_cast<double>(correct) / static_cast<double>(n)) : 0.0;
}

const std::array<PaperColumn, 9>& paperColumns() {
  static const std::array<PaperColumn, 9> kColumns = {{
      {"Audio", "Counting", "Count"},
      {"Audio", "Comparative", "Comp"},
      {"Visual", "Counting", "Count"},
      {"Visual", "Location", "Local"},
      {"Audio-Visual", "Existential", "Exist"},
      {"Audio-Visual", "Counting", "Count"},
      {"Audio-Visual", "Location", "Local"},
      {"Audio-Visual", "Comparative", "Comp"},
      {"Audio-Visual", "Temporal", "Temp"},
  }};
  return kColumns;
}

const std::array<const char*, 3>& paperModalities() {
  static const std::array<const char*, 3> kModalities = {"Audio", "Visual", "Audio-Visual"};
  return kModalities;
}

AccuracyTable computeAccuracyTable(const RecordList& records,
                                   const std::vector<std::optional<std::string>>& predictions,
                                   const HeadTailSplit& head_tail) {
  AccuracyTable table;
  for (const PaperColumn& column : paperColumns()) {
    table.groups[groupKey(column.modality, column.question_type)];
  }
  for (const char* modality : paperModalities()) table.modalities[modality];

  for (std::size_t i = 0; i < records.size(); ++i) {
    const QaRecord& record = *records[i];
    const std::optional<std::string>& predicted = i < predictions.size() ? predictions[i] : std::nullopt;
    if (!predicted) ++table.missing;
    const bool correct = predicted && record.answer && *predicted == *record.answer;
    const auto count = [correct](AccuracyCell& cell) {
      ++cell.n;
      if (correct) ++cell.correct;
    };
    count(table.groups[groupKey(record.modality, record.question_type)]);
    count(table.modalities[record.modality]);
    count(table.templates[record.question_content]);
    count(table.overall);
    count(head_tail.isHead(record) ? table.head : table.tail);
  }
  return table;
}

}  // namespace avqa
