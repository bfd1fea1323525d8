// A project file from elsewhere: damaged SQLite, a wrong schema, foreign tables. Opening it
// and reading every split, question, run and export either works or throws AvqaError; so
// does `check`, which also writes a copy of what is readable.
#include "FuzzSupport.h"
#include "common/AvqaError.h"
#include "storage/ProjectCheck.h"
#include "storage/ProjectStore.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = avqa::fuzz::scratchFile("project.avqa", data, size);
  for (const char* suffix : {"-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
  try {
    avqa::ProjectStore project(path, avqa::DbConnection::OpenMode::MustExist);
    for (const avqa::SplitInfo& split : project.splits()) {
      (void)project.questions(split.id, avqa::QuestionDetail::WithRecordBytes);
      (void)project.exportSplit(split.id);
    }
    for (const avqa::RunInfo& run : project.runs()) (void)project.predictionMaps(run.id);
  } catch (const avqa::AvqaError&) {
  }
  // `check` on the same bytes: reports, and saves what is readable, without crashing.
  const std::string recovered = avqa::fuzz::scratchFolder() + "/recovered.avqa";
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((recovered + suffix).c_str());
  try {
    (void)avqa::checkProject(path, recovered);
  } catch (const avqa::AvqaError&) {
  }
  return 0;
}
