// `avqa-lens render`, `run` and refused models end to end, on the Ask suite's models and videos.
#include <gtest/gtest.h>

#include <QImage>
#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "AskFixture.h"
#include "media/MediaSampler.h"
#include "support/TempDir.h"
#include "support/TestVideos.h"

namespace {

using avqa::test::argmax;
using avqa::test::CommandResult;
using avqa::test::readBytes;

TEST_F(Ask, RenderWritesTheAttendedSecondsWithTheirHeatmaps) {
  const CommandResult result = run("render --model " + model("contract.pt") + " --video " + file("clip.mp4") + " --out " +
                                   file("sheet.png") + " --tiles 2 \"is there a violin sound?\"");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const QImage sheet(QString::fromStdString(file("sheet.png")));
  ASSERT_FALSE(sheet.isNull());
  EXPECT_GT(sheet.width(), 2 * 64);  // two tiles of the 64x48 video side by side
  // The first tile holds the loudest step (2); its red top-right patch carries the heat.
  bool found_hot = false;
  for (int y = 0; y < sheet.height() && !found_hot; ++y) {
    for (int x = 0; x < sheet.width() && !found_hot; ++x) found_hot = qRed(sheet.pixel(x, y)) > 200 && qGreen(sheet.pixel(x, y)) > 150;
  }
  EXPECT_TRUE(found_hot);
  EXPECT_EQ(run("render --model " + model("contract.pt") + " --video " + file("clip.mp4") + " --out " + file("x.gif") + " \"q\"").exit_code, 2);

  // Two maps side by side on the same frame: the question-guided one heats the red patch
  // (top right), the sound-guided one the blue patch (bottom left) of the same step.
  const CommandResult both = run("render --model " + model("contract.pt") + " --video " + file("clip.mp4") + " --out " +
                                 file("both.png") + " --tiles 1 --map question+sound \"is there a violin sound?\"");
  ASSERT_EQ(both.exit_code, 0) << both.err;
  const QImage pair(QString::fromStdString(file("both.png")));
  ASSERT_FALSE(pair.isNull());
  const int gap = 6, header = 34, w = 64, h = 48;
  const auto heat = [&](int x, int y) { const QColor c = pair.pixelColor(x, y); return c.green() + (c.red() > 200 && c.blue() < 120 ? 100 : 0); };
  // The left panel's red patch is brighter than its blue one; the right panel the other way round.
  EXPECT_GT(heat(gap + w * 3 / 4, header + h / 4), heat(gap + w / 4, header + h * 3 / 4));
  EXPECT_GT(heat(gap + w + 2 + w / 4, header + h * 3 / 4), heat(gap + w + 2 + w * 3 / 4, header + h / 4));
  EXPECT_EQ(run("render --model " + model("contract.pt") + " --video " + file("clip.mp4") + " --out " + file("y.png") +
                " --map question+banjo \"q\"").exit_code, 2);
}

TEST_F(Ask, RenderWritesTheVideoWithItsOverlayAndTimeline) {
  const CommandResult result = run("render --model " + model("contract.pt") + " --video " + file("clip.mp4") + " --out " +
                                   file("attention.mp4") + " \"is there a violin sound?\"");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const avqa::MediaSampler rendered(file("attention.mp4"));
  EXPECT_NEAR(rendered.info().duration_s, 6.0, 0.3);
  EXPECT_EQ(rendered.info().width, 640);
  EXPECT_TRUE(rendered.info().has_audio);
  // In second 2 (the loud one, where the map is) the red top-right patch glows; in the
  // timeline strip below the video the playhead has moved on between seconds 1 and 4.
  const std::vector<QImage> frames = rendered.framesAt({2.5, 1.5, 4.5}, avqa::CancelToken());
  const int video_top = 44;
  const int video_height = 480;  // 640 x 480 for the 4:3 clip
  const QColor hot = frames[0].pixelColor(480, video_top + video_height / 4);
  EXPECT_GT(hot.green(), 100) << hot.name().toStdString();  // red (250, 20, 20) under inferno's hot end
  const QColor blue = frames[0].pixelColor(160, video_top + 3 * video_height / 4);
  EXPECT_GT(blue.blue(), 180) << blue.name().toStdString();
  const int strip_y = video_top + video_height + 40;
  const auto playhead_x = [&](const QImage& frame) {
    for (int x = 0; x < frame.width(); ++x) {
      if (frame.pixelColor(x, strip_y).lightness() > 230) return x;
    }
    return -1;
  };
  EXPECT_GT(playhead_x(frames[2]), playhead_x(frames[1]) + 150);
}

TEST_F(Ask, RunStoresAResumableRunThatTableReads) {
  ASSERT_EQ(run("synth --out " + file("runbench") + " --videos 4 --seconds 4 --seed 12").exit_code, 0);
  const std::string project = file("runs.avqa");
  ASSERT_EQ(run("import " + project + " --music-avqa " + file("runbench/avqa-train.json")).exit_code, 0);
  const std::string base = "run " + project + " --model " + model("contract.pt") + " --split train --videos " + file("runbench/videos");
  const CommandResult first = run(base + " --run c");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find(", 0 were already stored"), std::string::npos) << first.out;
  const CommandResult again = run(base + " --run c");
  EXPECT_NE(again.out.find(": 0 new predictions"), std::string::npos) << again.out;  // resumed: nothing left to do
  const auto table = nlohmann::json::parse(run("table " + project + " --run c --json").out);
  EXPECT_EQ(table["missing"], 0);
  EXPECT_EQ(table["split"], "train");
  EXPECT_EQ(run(base.substr(0, base.find("--model")) + "--model " + model("question-features.pt") +
                base.substr(base.find(" --split")) + " --run c").exit_code, 1);  // another model under the same name
  EXPECT_NE(run(base + " --run c --replace").out.find(", 0 were already stored"), std::string::npos);
}

TEST_F(Ask, RunReadsReleasedFeaturesFromTheProjectsFeatureFolders) {
  ASSERT_EQ(run("synth --out " + file("npybench") + " --videos 5 --seconds 4 --seed 13").exit_code, 0);
  const std::string project = file("npy.avqa");
  ASSERT_EQ(run("import " + project + " --music-avqa " + file("npybench/avqa-train.json")).exit_code, 0);
  // Released-style features for every video, written by numpy (not by the app).
  const std::string write_features = "/usr/bin/python3 -c \"import numpy as np, os, sys; r = sys.argv[1]; "
                                     "[os.makedirs(r + '/feats/' + k, exist_ok=True) for k in ('vggish', 'clip_vit_b32')]; "
                                     "[(np.save(r + '/feats/vggish/' + f[:-4] + '.npy', np.ones((4, 128), np.float32)), "
                                     "np.save(r + '/feats/clip_vit_b32/' + f[:-4] + '.npy', np.ones((4, 50, 512), np.float16))) "
                                     "for f in os.listdir(r + '/videos')]\" " + file("npybench");
  ASSERT_EQ(std::system(write_features.c_str()), 0);
  const std::string base = "run " + project + " --model " + model("npy-contract.pt") + " --split train --videos " + file("npybench/videos");
  const CommandResult none = run(base + " --run n");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("the project has no feature folder"), std::string::npos) << none.err;

  std::filesystem::create_directories(file("not-features"));
  const CommandResult wrong = run("folders " + project + " --add-features " + file("not-features"));
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("holds no feature folder this app reads"), std::string::npos) << wrong.err;
  const CommandResult added = run("folders " + project + " --add-features " + file("npybench/feats"));
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_NE(added.out.find("features  " + file("npybench/feats")), std::string::npos) << added.out;

  const CommandResult ran = run(base + " --run n");
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  const auto table = nlohmann::json::parse(run("table " + project + " --run n --json").out);
  EXPECT_EQ(table["missing"], 0);

  // render finds the same video's features through the project's folders, as the window does.
  std::string first_video;
  for (const auto& entry : std::filesystem::directory_iterator(file("npybench/videos"))) first_video = entry.path().string();
  const CommandResult rendered = run("render --model " + model("npy-contract.pt") + " --project " + project + " --video " +
                                     first_video + " --out " + file("npy-project.png") + " \"How many instruments?\"");
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  EXPECT_TRUE(std::filesystem::exists(file("npy-project.png")));
  const CommandResult unrendered = run("render --model " + model("npy-contract.pt") + " --project " + file("auditless.avqa") +
                                       " --video " + first_video + " --out " + file("npy-none.png") + " \"q\"");
  EXPECT_EQ(unrendered.exit_code, 1) << "a project that does not exist is named";

  // One video's audio features gone: the run names the kind, the video and where it looked.
  std::string gone;
  for (const auto& entry : std::filesystem::directory_iterator(file("npybench/feats/vggish"))) gone = entry.path().string();
  std::filesystem::remove(gone);
  const CommandResult missing = run(base + " --run n --replace");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("needs vggish features for video " + std::filesystem::path(gone).stem().string() +
                             ": not found (looked for " + gone + ")"), std::string::npos) << missing.err;
}

TEST_F(Ask, BrokenModelsAreRefusedClearly) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"no-metadata.pt", "has no avqa.json"},
      {"missing-logits.pt", "output has no \"logits\""},
      {"wrong-spatial.pt", "output \"spatial\" has shape [1,4,3], expected [1,4,4]"},
      {"bad-vocab.pt", "question.vocab must start with \"<pad>\""},
      {"raises.pt", "this model is broken on purpose"},
  };
  for (const auto& [name, problem] : cases) {
    const CommandResult result = run("ask --model " + model(name) + " --video " + file("clip.mp4") + " \"is there?\"");
    EXPECT_EQ(result.exit_code, 1) << name;
    EXPECT_NE(result.err.find(model(name)), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(problem), std::string::npos) << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  }
  avqa::test::writeBytes(file("text.pt"), "not a model");
  EXPECT_NE(run("ask --model " + file("text.pt") + " --video " + file("clip.mp4") + " \"x\"").err.find("nor a TorchScript model"),
            std::string::npos);
  const CommandResult cuda = run("ask --device cuda --model " + model("contract.pt") + " --video " + file("clip.mp4") + " \"x\"");
  EXPECT_EQ(cuda.exit_code, 1);  // this machine has no GPU
  EXPECT_NE(cuda.err.find("CUDA was asked for"), std::string::npos) << cuda.err;
  const CommandResult no_video = run("ask --model " + model("contract.pt") + " --video " + model("contract.pt") + " \"x\"");
  EXPECT_EQ(no_video.exit_code, 1);
}

// Released features of the wrong shape are refused naming the .npy file, the shape it has and
// the shape the model needs: too few rows for T steps, a wrong width, a ViT-B/16 patch grid.
TEST_F(Ask, NpyFeaturesOfTheWrongShapeAreRefusedNamingTheFileAndBothShapes) {
  struct Case {
    const char* name;
    const char* vggish_shape;
    const char* clip_shape;
    const char* refused_kind;
    const char* message;
  };
  const Case cases[] = {
      {"rows", "(2, 128)", "(6, 50, 512)", "vggish", "has shape [2,128], expected [4,128] (at least 4 rows)"},
      {"width", "(6, 64)", "(6, 50, 512)", "vggish", "has shape [6,64], expected [4,128]"},
      {"grid", "(6, 128)", "(6, 197, 512)", "clip_vit_b32", "has shape [6,197,512], expected [4,50,512]"},
  };
  for (const Case& c : cases) {
    const std::string root = file(std::string("bad-") + c.name);
    const std::string write = std::string("/usr/bin/python3 -c \"import numpy as np, os; r = '") + root +
                              "'; [os.makedirs(r + '/' + k, exist_ok=True) for k in ('vggish', 'clip_vit_b32')]; "
                              "np.save(r + '/vggish/clip.npy', np.ones(" + c.vggish_shape + ", np.float32)); "
                              "np.save(r + '/clip_vit_b32/clip.npy', np.ones(" + c.clip_shape + ", np.float16))\"";
    ASSERT_EQ(std::system(write.c_str()), 0);
    const CommandResult refused =
        run("ask --model " + model("npy-contract.pt") + " --video " + file("clip.mp4") + " --features " + root + " \"q\"");
    EXPECT_EQ(refused.exit_code, 1) << c.name;
    const std::string named = root + "/" + c.refused_kind + "/clip.npy";
    EXPECT_NE(refused.err.find(named), std::string::npos) << c.name << ": " << refused.err;
    EXPECT_NE(refused.err.find(c.message), std::string::npos) << c.name << ": " << refused.err;
  }
}

}  // namespace
