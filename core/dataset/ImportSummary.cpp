#include "dataset/ImportSummary.h"

#include <algorithm>
#include <unordered_map>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace avqa {

ImportSummary summarizeImport(const MusicAvqaFile& file) {
  // Views into the records (they outlive this function) and no set per id: a 50,000-record
  // file spent 40 ms here in allocations when each id kept a set of its answers.
  ImportSummary summary;
  summary.records = file.records.size();
  std::unordered_set<std::string_view> videos;
  std::unordered_set<std::string_view> templates;
  std::unordered_set<std::string_view> answers;
  struct IdUse {
    std::size_t first_record = 0;
    std::size_t records = 0;
    std::vector<std::string_view> answers;  // distinct; almost always one
  };
  std::unordered_map<std::string_view, IdUse> ids;
  ids.reserve(file.records.size());
  for (std::size_t i = 0; i < file.records.size(); ++i) {
    const QaRecord& record = file.records[i];
    videos.insert(record.video_id);
    templates.insert(record.question_content);
    if (record.answer) answers.insert(*record.answer);
    if (!record.question_id) {
      summary.records_without_id.push_back(i + 1);
      continue;
    }
    auto [it, inserted] = ids.try_emplace(*record.question_id);
    IdUse& use = it->second;
    if (inserted) use.first_record = i;
    ++use.records;
    const std::string_view answer = record.answer ? std::string_view(*record.answer) : std::string_view();
    if (std::find(use.answers.begin(), use.answers.end(), answer) == use.answers.end()) use.answers.push_back(answer);
  }
  summary.videos = videos.size();
  summary.templates = templates.size();
  summary.answers = answers.size();
  std::vector<std::pair<std::size_t, DuplicatedQuestionId>> duplicated;
  for (const auto& [id, use] : ids) {
    if (use.records > 1) duplicated.push_back({use.first_record, {std::string(id), use.records, use.answers.size()}});
  }
  std::sort(duplicated.begin(), duplicated.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& entry : duplicated) summary.duplicated_ids.push_back(std::move(entry.second));
  return summary;
}

std::string defaultSplitName(const std::string& path) {
  std::string name = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  const std::size_t dot = name.rfind('.');
  if (dot != std::string::npos && dot > 0) name = name.substr(0, dot);
  const std::string prefix = "avqa-";
  if (name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0) {
    name = name.substr(prefix.size());
  }
  return name;
}

}  // namespace avqa
