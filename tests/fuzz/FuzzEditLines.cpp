// `annotate`'s JSON lines, applied to a real project: each line is applied or refused
// (AvqaError, or std::invalid_argument for a malformed line), and the project stays sound.
#include <sstream>
#include <stdexcept>

#include "FuzzSupport.h"
#include "annotation/EditScript.h"
#include "common/AvqaError.h"
#include "dataset/MusicAvqaFile.h"
#include "storage/ProjectStore.h"

namespace {

constexpr const char* kSplitJson =
    R"([{"video_id": "00000093", "question_id": 12, "type": "[\"Audio\", \"Counting\"]", )"
    R"("question_content": "How many musical instruments were heard throughout the video?", )"
    R"("templ_values": "[]", "question_deleted": 0, "anser": "one"}, )"
    R"({"video_id": "00000086", "question_id": 28, "type": "[\"Audio-Visual\", \"Existential\"]", )"
    R"("question_content": "Is the <Object> in the video always playing?", "templ_values": "[\"violin\"]", )"
    R"("question_deleted": 0, "anser": "no"}])";

avqa::ProjectStore& project() {
  static avqa::ProjectStore* store = [] {
    const std::string path = avqa::fuzz::scratchFolder() + "/edits.avqa";
    std::remove(path.c_str());
    auto* created = new avqa::ProjectStore(path, avqa::DbConnection::OpenMode::CreateIfMissing);
    created->importSplit("test", avqa::parseMusicAvqaText(kSplitJson, "split.json"), avqa::ExistingPolicy::Refuse);
    return created;
  }();
  return *store;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  avqa::AnnotationSession session(project(), "fuzz");
  std::istringstream lines(std::string(reinterpret_cast<const char*>(data), size));
  std::string line;
  while (std::getline(lines, line)) {
    try {
      (void)avqa::applyEditLine(project(), session, line);
    } catch (const avqa::AvqaError&) {
    } catch (const std::invalid_argument&) {
    }
  }
  return 0;
}
