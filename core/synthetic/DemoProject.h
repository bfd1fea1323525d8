#pragma once

#include <functional>
#include <string>

namespace avqa::synth {

struct DemoProject {
  std::string project_path;  // demo.avqa: the benchmark's three splits imported
  std::string data_dir;      // the benchmark in MUSIC-AVQA layout
  std::string first_video;   // the first test video
  bool created = false;      // made by this call (first run)
};

// The demo the app opens when started without arguments: a small synthetic benchmark (60
// videos, seed 7) and a project holding its splits, inside `folder` (the user's data folder).
// Made once; later calls find it. A half-made demo (interrupted first run) is made again.
// `progress(done, total)` follows the videos; returning false cancels.
DemoProject ensureDemoProject(const std::string& folder, const std::function<bool(int, int)>& progress);

}  // namespace avqa::synth
