#include "annotation/ComparisonSwap.h"

#include <algorithm>

namespace avqa {

std::optional<QaRecord> swappedComparison(const QaRecord& record) {
  const std::string answer = record.answer.value_or("");
  if (answer != "yes" && answer != "no") return std::nullopt;
  const std::string& text = record.question_content;
  const std::string kThan = " than ";
  const std::size_t than = text.find(kThan);
  if (than == std::string::npos || text.find(kThan, than + 1) != std::string::npos) return std::nullopt;
  const auto before = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(than), '<');
  const auto after = std::count(text.begin() + static_cast<std::ptrdiff_t>(than), text.end(), '<');
  if (before == 0 || before != after || record.templ_values.size() != static_cast<std::size_t>(before + after)) {
    return std::nullopt;
  }
  QaRecord swapped;
  swapped.video_id = record.video_id;
  swapped.modality = record.modality;
  swapped.question_type = record.question_type;
  swapped.question_content = record.question_content;
  const auto half = record.templ_values.begin() + before;
  swapped.templ_values.assign(half, record.templ_values.end());
  swapped.templ_values.insert(swapped.templ_values.end(), record.templ_values.begin(), half);
  swapped.answer = answer == "yes" ? "no" : "yes";
  swapped.unmatch_audio = record.unmatch_audio;
  return swapped;
}

}  // namespace avqa
