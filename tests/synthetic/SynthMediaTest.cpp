// The benchmark's videos as a model sees them: encoded through FFmpeg, decoded back, and
// checked against the ground truth pixel by pixel and second by second.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <nlohmann/json.hpp>

#include "common/AvqaError.h"
#include "dataset/MusicAvqaFile.h"
#include "media/MediaFileDecoder.h"
#include "media/Mp4Writer.h"
#include "support/TempDir.h"
#include "synthetic/SceneAudio.h"
#include "synthetic/SceneGenerator.h"
#include "synthetic/ScenePainter.h"
#include "synthetic/SynthDataset.h"

namespace avqa::synth {
namespace {

// Mean absolute luminance change inside `box` between two frames.
double motionIn(const QImage& a, const QImage& b, const PixelBox& box) {
  double sum = 0.0;
  for (int y = box.y0; y < box.y1; ++y) {
    for (int x = box.x0; x < box.x1; ++x) sum += std::abs(qGray(a.pixel(x, y)) - qGray(b.pixel(x, y)));
  }
  return sum / ((box.x1 - box.x0) * (box.y1 - box.y0));
}

// Violin left sounds in seconds 0-1, piano right in 2-3: each moves only while it sounds.
TEST(SynthMedia, SpritesMoveOnlyWhileSoundingAfterEncodeAndDecode) {
  test::TempDir dir;
  Scene scene;
  scene.video_id = "pixel";
  scene.duration_s = 4;
  scene.loudness_db.resize(4);
  for (const auto& [name, slot, first] : {std::tuple<const char*, Slot, int>{"violin", Slot::Left, 0},
                                          std::tuple<const char*, Slot, int>{"piano", Slot::Right, 2}}) {
    ScenePlayer player;
    player.id = static_cast<int>(scene.players.size());
    player.instrument = name;
    player.slot = slot;
    player.box = slotBox(slot, scene.width, scene.height);
    player.sounding_seconds = {first, first + 1};
    scene.players.push_back(player);
  }
  const std::string path = dir.file("pixel.mp4");
  {
    Mp4Writer writer(path, Mp4Format{scene.width, scene.height, scene.fps, 16000, 20});
    const ScenePainter painter(scene);
    for (int frame = 0; frame < scene.duration_s * scene.fps; ++frame) writer.writeVideoFrame(painter.frameAt(double(frame) / scene.fps));
    writer.writeAudio(std::vector<float>(static_cast<std::size_t>(16000 * scene.duration_s), 0.0f));
    writer.finish();
  }
  const DecodedMedia media = decodeMediaFile(path);
  ASSERT_EQ(media.frames.size(), static_cast<std::size_t>(scene.duration_s * scene.fps));
  EXPECT_EQ(media.width, 320);
  EXPECT_NEAR(media.frames[13].time_s, 13.0 / 12.0, 1e-3);
  for (const ScenePlayer& player : scene.players) {
    for (int second = 0; second < scene.duration_s; ++second) {
      double motion = 0.0;
      for (int f = second * scene.fps + 1; f < (second + 1) * scene.fps; ++f) {
        motion += motionIn(media.frames[static_cast<std::size_t>(f - 1)].image, media.frames[static_cast<std::size_t>(f)].image, *player.box);
      }
      motion /= scene.fps - 1;
      if (player.soundsAt(second)) {
        EXPECT_GT(motion, 1.0) << player.instrument << " should move in second " << second;
      } else {
        EXPECT_LT(motion, 0.3) << player.instrument << " should stand still in second " << second;
      }
    }
  }
  // The sprite lies inside its ground-truth box: outside all boxes the frame is the stage.
  const QImage& frame = media.frames[6].image;
  const QImage stage = ScenePainter(Scene{scene.video_id, 4, 320, 240, 12, scene.background, {}, {}, 0, {}}).frameAt(0.5);
  double outside = 0.0;
  int count = 0;
  for (int y = 0; y < 240; y += 2) {
    for (int x = 0; x < 320; x += 2) {
      bool in_box = false;
      for (const ScenePlayer& player : scene.players) in_box |= player.box->contains(x, y) || player.box->contains(x + 3, y + 3) || player.box->contains(x - 3, y - 3);
      if (in_box) continue;
      outside += std::abs(qGray(frame.pixel(x, y)) - qGray(stage.pixel(x, y)));
      ++count;
    }
  }
  EXPECT_LT(outside / count, 3.0);
}

TEST(SynthMedia, MissingSoundfontNamesTheDebianPackage) {
  try {
    SceneAudioRenderer renderer("/nonexistent/TimGM6mb.sf2", 16000);
    FAIL() << "accepted a missing soundfont";
  } catch (const AvqaError& error) {
    EXPECT_NE(std::string(error.what()).find("timgm6mb-soundfont"), std::string::npos) << error.what();
  }
}

class SynthDatasetTest : public ::testing::Test {
 protected:
  static SynthOptions options(const std::string& out, std::uint64_t seed) {
    SynthOptions o;
    o.out_dir = out;
    o.videos = 6;
    o.seed = seed;
    o.questions_per_video = 10;
    o.scene.duration_s = 4;
    return o;
  }
  test::TempDir dir_;
};

// Scenes, questions and ground truth are a function of the seed inside one process too.
// Byte-identical MP4s are checked across separate runs of the command (CliSynth), which is
// how the benchmark is made: inside one process espeak-ng's voice-over drifts, and under
// heavy load a second in-process run has once shown two differing frames (not reproduced
// across processes; see the closing note of the synthetic-benchmark issue).
TEST_F(SynthDatasetTest, SameSeedSameFilesOtherSeedOtherFiles) {
  generateSynthDataset(options(dir_.file("a"), 3), nullptr);
  generateSynthDataset(options(dir_.file("b"), 3), nullptr);
  generateSynthDataset(options(dir_.file("c"), 4), nullptr);
  for (const char* name : {"avqa-train.json", "avqa-val.json", "avqa-test.json", "groundtruth.json"}) {
    EXPECT_EQ(test::readBytes(dir_.file("a/") + name), test::readBytes(dir_.file("b/") + name)) << name;
  }
  EXPECT_NE(test::readBytes(dir_.file("a/groundtruth.json")), test::readBytes(dir_.file("c/groundtruth.json")));
  const DecodedMedia a = decodeMediaFile(dir_.file("a/videos/00000003.mp4"));
  const DecodedMedia c = decodeMediaFile(dir_.file("c/videos/00000003.mp4"));
  ASSERT_EQ(a.frames.size(), c.frames.size());
  EXPECT_NE(a.frames[0].image, c.frames[0].image);
}

TEST_F(SynthDatasetTest, GroundTruthMatchesFilesSplitsAndSound) {
  generateSynthDataset(options(dir_.path(), 9), nullptr);
  std::ifstream truth_file(dir_.file("groundtruth.json"));
  const nlohmann::json truth = nlohmann::json::parse(truth_file);
  std::map<std::string, std::string> split_of_video;
  std::size_t records = 0;
  for (const char* split : {"train", "val", "test"}) {
    const MusicAvqaFile file = readMusicAvqaFile(dir_.file(std::string("avqa-") + split + ".json"));
    EXPECT_EQ(file.style.indent, 2);
    for (const QaRecord& record : file.records) {
      auto [it, inserted] = split_of_video.emplace(record.video_id, split);
      EXPECT_EQ(it->second, split) << record.video_id << " is in two splits";
      EXPECT_TRUE(truth["questions"].contains(*record.question_id));
      EXPECT_EQ(truth["questions"][*record.question_id]["video_id"], record.video_id);
      EXPECT_TRUE(std::filesystem::exists(dir_.file("videos/" + record.video_id + ".mp4")));
      ++records;
    }
  }
  EXPECT_EQ(truth["questions"].size(), records);
  EXPECT_GT(records, 20u);
  ASSERT_EQ(truth["videos"].size(), 6u);
  // Audio energy lies where the ground truth says something sounds.
  for (const auto& [video_id, video] : truth["videos"].items()) {
    const DecodedMedia media = decodeMediaFile(dir_.file("videos/" + video_id + ".mp4"));
    ASSERT_GE(media.audio.size(), 16000u * 4 - 1024) << video_id;
    std::set<int> voiceover;
    for (int s : video["voiceover_seconds"]) voiceover.insert(s);
    for (int second = 0; second < 4; ++second) {
      // The first and last 0.15 s are left out: AAC priming and note releases blur edges.
      const std::size_t begin = static_cast<std::size_t>(second) * 16000 + 2400;
      const double level = rmsDb(media.audio.data() + begin, std::min<std::size_t>(11200, media.audio.size() - begin));
      const bool sounding = !video["seconds"][static_cast<std::size_t>(second)]["sounding"].empty();
      if (sounding) {
        EXPECT_GT(level, -50.0) << video_id << " second " << second;
      } else if (!voiceover.count(second)) {
        EXPECT_LT(level, -60.0) << video_id << " second " << second;
      }
    }
  }
}

TEST_F(SynthDatasetTest, RefusesAnUnwritableFolderAndImpossibleOptions) {
  test::writeBytes(dir_.file("a-file"), "x");
  EXPECT_THROW(generateSynthDataset(options(dir_.file("a-file/out"), 1), nullptr), AvqaError);
  SynthOptions none = options(dir_.file("o"), 1);
  none.videos = 0;
  EXPECT_THROW(generateSynthDataset(none, nullptr), UsageError);
  SynthOptions long_videos = options(dir_.file("o"), 1);
  long_videos.scene.duration_s = 100000;
  EXPECT_THROW(generateSynthDataset(long_videos, nullptr), UsageError);
}

}  // namespace
}  // namespace avqa::synth
