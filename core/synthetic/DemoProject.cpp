#include "DemoProject.h"

#include <filesystem>

#include "dataset/MusicAvqaFile.h"
#include "media/VideoFiles.h"
#include "storage/AskStore.h"
#include "storage/ProjectStore.h"
#include "common/OutputFile.h"
#include "synthetic/SynthDataset.h"

namespace avqa::synth {
namespace {

constexpr const char* kCompleteMarker = ".complete";

}  // namespace

DemoProject ensureDemoProject(const std::string& folder, const std::function<bool(int, int)>& progress) {
  namespace fs = std::filesystem;
  DemoProject demo;
  const fs::path root(folder);
  demo.data_dir = (root / "benchmark").string();
  demo.project_path = (root / "demo.avqa").string();
  if (!fs::exists(root / kCompleteMarker)) {
    fs::remove_all(demo.data_dir);
    fs::remove(demo.project_path);
    fs::create_directories(root);
    SynthOptions options;
    options.out_dir = demo.data_dir;
    options.seed = 7;
    generateSynthDataset(options, progress);
    ProjectStore store(demo.project_path, DbConnection::OpenMode::CreateIfMissing);
    for (const char* split : {"train", "val", "test"}) {
      store.importSplit(split, readMusicAvqaFile((fs::path(demo.data_dir) / ("avqa-" + std::string(split) + ".json")).string()),
                        ExistingPolicy::Replace);
    }
    writeFileAtomically((root / kCompleteMarker).string(), "demo made by avqa-lens\n");
    demo.created = true;
  }
  {
    // Also for demos made before projects knew their video folders (adding again is a no-op).
    ProjectStore store(demo.project_path, DbConnection::OpenMode::MustExist);
    VideoFolders(store).add((fs::path(demo.data_dir) / "videos").string());
  }
  const MusicAvqaFile test = readMusicAvqaFile((fs::path(demo.data_dir) / "avqa-test.json").string());
  demo.first_video = findVideoFile((fs::path(demo.data_dir) / "videos").string(),
                                   test.records.empty() ? std::string("00000001") : test.records.front().video_id);
  return demo;
}

}  // namespace avqa::synth
