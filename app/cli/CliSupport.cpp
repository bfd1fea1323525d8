#include "cli/CliSupport.h"

#include <algorithm>
#include <thread>

#include "ComputeDevice.h"
#include "common/AvqaError.h"

namespace avqa::cli {

RecordList LoadedSplit::records() const {
  RecordList records;
  records.reserve(questions.size());
  for (const StoredQuestion& question : questions) records.push_back(&question.record);
  return records;
}

LoadedSplit loadSplit(ProjectStore& store, const std::string& split) {
  LoadedSplit loaded;
  if (!split.empty()) {
    std::optional<SplitInfo> info = store.findSplit(split);
    if (!info) throw AvqaError(store.path(), "has no split \"" + split + "\"");
    loaded.name = split;
    loaded.questions = store.questions(info->id, QuestionDetail::AnalysisFields);
    return loaded;
  }
  const std::vector<SplitInfo> splits = store.splits();
  if (splits.empty()) throw AvqaError(store.path(), "holds no questions yet (import a file first)");
  loaded.name = splits.size() == 1 ? splits.front().name : "all";
  for (const SplitInfo& info : splits) {
    std::vector<StoredQuestion> questions = store.questions(info.id, QuestionDetail::AnalysisFields);
    std::move(questions.begin(), questions.end(), std::back_inserter(loaded.questions));
  }
  return loaded;
}

void useAllCoresForTorch() {
  setTorchThreadsForThisThread(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
}

std::string listSome(const std::vector<std::string>& items, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < limit; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > limit) out += " ... and " + std::to_string(items.size() - limit) + " more";
  return out;
}

}  // namespace avqa::cli
