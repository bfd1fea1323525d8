// `avqa-lens ask` end to end: models written by Python's torch.jit (Debian's python3-torch),
// a video written through FFmpeg, the real binary, and answers the test can work out itself.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <QImage>
#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "media/MediaSampler.h"
#include "support/TempDir.h"
#include "support/TestVideos.h"

namespace {

using avqa::test::readBytes;


struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class Ask : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new avqa::test::TempDir();
    const std::string command = "/usr/bin/python3 " + std::string(AVQA_TESTS_DIR) + "/models/make_models.py " + dir_->file("m");
    ASSERT_EQ(std::system(command.c_str()), 0);
    writeVideo(dir_->file("clip.mp4"), 6);
    writeVideo(dir_->file("short.mp4"), 3);
  }
  static void TearDownTestSuite() { delete dir_; }

  static void writeVideo(const std::string& path, int seconds) { avqa::test::writeRedBlueVideo(path, seconds, 64, 48); }

  CommandResult run(std::string arguments) {
    if (arguments.rfind("ask ", 0) == 0 || arguments.rfind("extract ", 0) == 0) {
      arguments.insert(arguments.find(' '), " --cache " + dir_->file("cache"));
    }
    const std::string out = dir_->file("stdout.txt");
    const std::string err = dir_->file("stderr.txt");
    const int status = std::system((std::string(AVQA_LENS_EXE) + " " + arguments + " >" + out + " 2>" + err + " </dev/null").c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, readBytes(out), readBytes(err)};
  }
  static std::string model(const std::string& name) { return dir_->file("m/" + name); }
  static std::string file(const std::string& name) { return dir_->file(name); }

  static avqa::test::TempDir* dir_;
};

avqa::test::TempDir* Ask::dir_ = nullptr;

std::size_t argmax(const nlohmann::json& values) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < values.size(); ++i) {
    if (values[i].get<double>() > values[best].get<double>()) best = i;
  }
  return best;
}

TEST_F(Ask, ContractModelWithEncodersOnARawVideo) {
  const CommandResult result = run("ask --model " + model("contract.pt") + " --video " + file("clip.mp4") +
                                   " --json \"Is there a violin sound?\"");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["answer"], "five");  // five words once the "?" is dropped
  ASSERT_EQ(json["top"].size(), 5u);
  EXPECT_GT(json["top"][0]["probability"].get<double>(), 0.99);
  ASSERT_EQ(json["steps"].size(), 4u);
  EXPECT_DOUBLE_EQ(json["steps"][1]["start_s"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(json["steps"][1]["end_s"].get<double>(), 2.0);
  EXPECT_FALSE(json["steps"][3]["padded"].get<bool>());
  EXPECT_EQ(argmax(json["temporal"]), 2u);  // the loud second
  EXPECT_EQ(json["temporal_selected"][2], 1.0);
  EXPECT_EQ(json["temporal_selected"][0], 0.0);
  for (std::size_t step = 0; step < 4; ++step) {
    EXPECT_EQ(argmax(json["spatial"][step]), 1u) << "red square is patch (0, 1)";
    EXPECT_EQ(argmax(json["sound_spatial"][step]), 2u) << "blue square is patch (1, 0)";
  }
  EXPECT_EQ(json["grid"], nlohmann::json::array({2, 2}));
  EXPECT_EQ(json["crop"], "full-frame");
  EXPECT_EQ(json["frame_size"], nlohmann::json::array({64, 48}));
  EXPECT_EQ(json["path_probs"]["audio"].size(), 7u);
  ASSERT_EQ(json["tokens"]["question"].size(), 6u);
  EXPECT_NEAR(json["tokens"]["question"][0].get<double>(), 0.2, 1e-6);
  EXPECT_EQ(json["tokens"]["question"][5], 0.0);  // padding
  EXPECT_EQ(json["question_words"], nlohmann::json::array({"is", "there", "a", "violin", "sound"}));
  EXPECT_EQ(json["model"]["name"], "contract-test");
  EXPECT_EQ(json["model"]["file_sha256"], readBytes(model("contract.sha256")));
  EXPECT_EQ(json["model"]["feature_kinds"], nlohmann::json::array({"test-mel-quarters", "test-rgb-2x2"}));
  EXPECT_EQ(json["device"], "cpu");
  EXPECT_GE(json["timing_ms"]["inference"].get<double>(), 0.0);

  const CommandResult text = run("ask --model " + model("contract.pt") + " --video " + file("clip.mp4") + " \"how many?\"");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Answer: two"), std::string::npos) << text.out;  // "how many" -> two words
  EXPECT_NE(text.out.find("*selected"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("(0, 1, "), std::string::npos) << text.out;
}

TEST_F(Ask, SaliencyOfALogitsOnlyModelPeaksOnItsOnePatchAndSecond) {
  // The model reads only patch 3 (grey, lower right) at step 1: 10 x the sum of its three
  // channels is the logit of "four". Gradient x input is then 10 x each channel value there,
  // and exactly zero everywhere else, although the frames are the same at every second.
  const CommandResult result = run("ask --model " + model("one-patch-one-second.pt") + " --video " + file("clip.mp4") +
                                   " --saliency --json \"is there a violin?\"");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["answer"], "four");
  EXPECT_TRUE(json["temporal"].is_null());  // no attention at all: saliency is the only readout
  EXPECT_TRUE(json["spatial"].is_null());
  const auto& saliency = json["saliency"];
  ASSERT_TRUE(saliency.is_object()) << result.out;
  EXPECT_EQ(saliency["kind"], "gradient x input");
  EXPECT_EQ(saliency["answer"], "four");
  ASSERT_EQ(saliency["patches"].size(), 4u);
  const double grey = 128.0 / 255.0;  // the test encoder's mean RGB of the grey patch
  for (std::size_t step = 0; step < 4; ++step) {
    ASSERT_EQ(saliency["patches"][step].size(), 4u);
    for (std::size_t patch = 0; patch < 4; ++patch) {
      const double value = saliency["patches"][step][patch].get<double>();
      if (step == 1 && patch == 3) {
        EXPECT_NEAR(value, 10.0 * 3.0 * grey, 0.3);
      } else {
        EXPECT_EQ(value, 0.0) << "step " << step << " patch " << patch;
      }
    }
    EXPECT_EQ(saliency["audio"][step], 0.0);
    EXPECT_EQ(saliency["visual"][step], 0.0);
  }
  EXPECT_DOUBLE_EQ(saliency["temporal"][1].get<double>(), 1.0);
  EXPECT_GE(json["timing_ms"]["saliency"].get<double>(), 0.0);

  // Another answer's logit does not depend on the input at all.
  const CommandResult other = run("ask --model " + model("one-patch-one-second.pt") + " --video " + file("clip.mp4") +
                                  " --saliency-answer two --json \"is there a violin?\"");
  ASSERT_EQ(other.exit_code, 0) << other.err;
  const auto other_json = nlohmann::json::parse(other.out);
  EXPECT_EQ(other_json["saliency"]["answer"], "two");
  EXPECT_EQ(other_json["saliency"]["patches"][1][3], 0.0);
  const CommandResult unknown = run("ask --model " + model("one-patch-one-second.pt") + " --video " + file("clip.mp4") +
                                    " --saliency-answer banjo \"is there a violin?\"");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("\"banjo\" is not one of model one-patch-one-second's answers"), std::string::npos) << unknown.err;

  // Without --saliency nothing is computed; the text output labels saliency apart from attention.
  const CommandResult plain = run("ask --model " + model("one-patch-one-second.pt") + " --video " + file("clip.mp4") + " --json \"x\"");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_TRUE(nlohmann::json::parse(plain.out)["saliency"].is_null());
  const CommandResult text = run("ask --model " + model("one-patch-one-second.pt") + " --video " + file("clip.mp4") + " --saliency \"x\"");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("not the model's attention"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("step 1: (1, 1, "), std::string::npos) << text.out;  // patch 3 = row 1, column 1

  // render draws the same map, labelled.
  const CommandResult rendered = run("render --model " + model("one-patch-one-second.pt") + " --video " + file("clip.mp4") +
                                     " --map saliency --tiles 1 --out " + file("saliency.png") + " \"x\"");
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  const QImage sheet(QString::fromStdString(file("saliency.png")));
  ASSERT_FALSE(sheet.isNull());
  const QImage plain_frame = avqa::MediaSampler(file("clip.mp4")).framesAt({1.5}, avqa::CancelToken()).front();
  // The one tile is step 1; its lower-right quarter is coloured, its upper-left grey stays grey.
  const int header = 34, gap = 6;
  const QColor lower_right = sheet.pixelColor(gap + plain_frame.width() * 3 / 4, header + plain_frame.height() * 3 / 4);
  const QColor upper_left = sheet.pixelColor(gap + plain_frame.width() / 4, header + plain_frame.height() / 4);
  EXPECT_GT(std::abs(lower_right.red() - lower_right.blue()) + std::abs(lower_right.green() - 128), 30);
  EXPECT_LT(std::abs(upper_left.red() - 128) + std::abs(upper_left.blue() - 128), 20);
}

TEST_F(Ask, ShortVideoStepsArePadded) {
  const CommandResult result = run("ask --model " + model("contract.pt") + " --video " + file("short.mp4") + " --json \"is there?\"");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_FALSE(json["steps"][2]["padded"].get<bool>());
  EXPECT_TRUE(json["steps"][3]["padded"].get<bool>());
}

TEST_F(Ask, QuestionFeaturesAndNpyFeatures) {
  const CommandResult result = run("ask --model " + model("question-features.pt") + " --video " + file("clip.mp4") +
                                   " --features " + model("features") + " --question-features " + model("qfeatures") +
                                   " --question-id 77 --json \"ignored\"");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["answer"], "three");            // the question features sum to 3
  EXPECT_EQ(json["steps"].size(), 3u);           // T = 3, stride 2
  EXPECT_EQ(json["steps"][2]["start_s"], 4.0);
  EXPECT_EQ(argmax(json["temporal"]), 2u);       // vggish row 4 holds the largest values
  EXPECT_TRUE(json["spatial"].is_null());        // a model without maps gets null, not zeros
  EXPECT_TRUE(json["grid"].is_null());
  const CommandResult no_features = run("ask --model " + model("question-features.pt") + " --video " + file("clip.mp4") + " \"x\"");
  EXPECT_EQ(no_features.exit_code, 1);
  EXPECT_NE(no_features.err.find("give --features DIR"), std::string::npos) << no_features.err;
  // render takes the same feature folders: a model that runs on released .npy features only.
  const CommandResult rendered = run("render --model " + model("question-features.pt") + " --video " + file("clip.mp4") +
                                     " --features " + model("features") + " --question-features " + model("qfeatures") +
                                     " --question-id 77 --out " + file("npy-render.png") + " \"ignored\"");
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  EXPECT_NE(rendered.out.find("Answer: three"), std::string::npos) << rendered.out;
  EXPECT_TRUE(std::filesystem::exists(file("npy-render.png")));
}

TEST_F(Ask, SecondAskReadsCachedFeaturesAndExtractFillsTheCache) {
  const std::string ask = "ask --model " + model("contract.pt") + " --video " + file("clip.mp4") + " --json \"is there?\"";
  const auto first = nlohmann::json::parse(run(ask).out);
  const auto second = nlohmann::json::parse(run(ask).out);
  EXPECT_TRUE(second["features_from_cache"].get<bool>());
  EXPECT_EQ(first["temporal"], second["temporal"]);
  EXPECT_EQ(first["spatial"], second["spatial"]);
  // A video whose content changed is extracted again.
  writeVideo(file("copy.mp4"), 5);
  const auto changed = nlohmann::json::parse(run("ask --model " + model("contract.pt") + " --video " + file("copy.mp4") +
                                                 " --json \"is there?\"").out);
  EXPECT_FALSE(changed["features_from_cache"].get<bool>());
  // extract with two shards covers each video once.
  std::filesystem::create_directories(file("videos"));
  for (const char* name : {"a.mp4", "b.mp4", "c.mp4"}) writeVideo(file(std::string("videos/") + name), 2);
  const CommandResult shard1 = run("extract --model " + model("contract.pt") + " --videos " + file("videos") + " --shard 1/2");
  const CommandResult shard2 = run("extract --model " + model("contract.pt") + " --videos " + file("videos") + " --shard 2/2");
  ASSERT_EQ(shard1.exit_code, 0) << shard1.err;
  EXPECT_NE(shard1.out.find("for 2 videos"), std::string::npos) << shard1.out;
  EXPECT_NE(shard2.out.find("for 1 videos"), std::string::npos) << shard2.out;
  const auto after = nlohmann::json::parse(run("ask --model " + model("contract.pt") + " --video " + file("videos/b.mp4") +
                                               " --json \"is there?\"").out);
  EXPECT_TRUE(after["features_from_cache"].get<bool>());
  EXPECT_EQ(run("extract --model " + model("contract.pt") + " --videos " + file("videos") + " --shard 3/2").exit_code, 2);
}

TEST_F(Ask, EvalOnASyntheticBenchmarkWithAndWithoutGroundTruth) {
  ASSERT_EQ(run("synth --out " + file("bench") + " --videos 5 --seconds 4 --seed 8").exit_code, 0);
  const CommandResult result = run("eval --model " + model("contract.pt") + " --data " + file("bench") + " --split train --json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::ordered_json::parse(result.out);
  const auto table_keys = nlohmann::ordered_json::array({"run", "split", "groups", "modalities", "overall", "head", "tail", "missing"});
  nlohmann::ordered_json keys = nlohmann::ordered_json::array();
  for (const auto& item : json["accuracy"].items()) keys.push_back(item.key());
  EXPECT_EQ(keys, table_keys);
  EXPECT_EQ(json["accuracy"]["missing"], 0);
  EXPECT_GT(json["blind_baseline_accuracy"].get<double>(), 0.0);
  for (const char* metric : {"temporal_mass_in_evidence", "temporal_hit_rate", "pointing_game_sound", "pointing_game_question",
                             "energy_in_box_sound", "energy_in_box_question", "coverage_sound", "coverage_question"}) {
    ASSERT_TRUE(json["faithfulness"].contains(metric)) << metric;
    const double value = json["faithfulness"][metric]["model"].get<double>();
    EXPECT_TRUE(value >= 0.0 && value <= 1.0) << metric;
    EXPECT_TRUE(json["faithfulness"][metric].contains("uniform")) << metric;
  }
  // The contract model's temporal focus follows loudness, which the benchmark's evidence does too.
  EXPECT_GE(json["faithfulness"]["temporal_mass_in_evidence"]["model"].get<double>(),
            json["faithfulness"]["temporal_mass_in_evidence"]["uniform"].get<double>());
  std::filesystem::remove(file("bench/groundtruth.json"));
  const CommandResult without = run("eval --model " + model("contract.pt") + " --data " + file("bench") + " --split train");
  ASSERT_EQ(without.exit_code, 0) << without.err;
  EXPECT_NE(without.out.find("Overall"), std::string::npos);
  EXPECT_NE(without.out.find("attention faithfulness is unavailable"), std::string::npos) << without.out;
  const std::string full = readBytes(model("contract.pt"));
  avqa::test::writeBytes(file("truncated.pt"), full.substr(0, full.size() / 2));
  const CommandResult truncated = run("eval --model " + file("truncated.pt") + " --data " + file("bench") + " --split train");
  EXPECT_EQ(truncated.exit_code, 1);
  EXPECT_NE(truncated.err.find(file("truncated.pt")), std::string::npos) << truncated.err;
  EXPECT_EQ(run("eval --model " + model("contract.pt") + " --data " + file("bench") + " --split nope").exit_code, 1);
}

TEST_F(Ask, EvalAndRunGiveABatchedModelEachVideosQuestionsInOneForward) {
  ASSERT_EQ(run("synth --out " + file("batchbench") + " --videos 5 --seconds 4 --seed 8").exit_code, 0);
  // The same model with and without "batch": true answers every question the same, maps too.
  const CommandResult single = run("eval --model " + model("contract.pt") + " --data " + file("batchbench") + " --split train --json");
  const CommandResult batched = run("eval --model " + model("contract-batched.pt") + " --data " + file("batchbench") + " --split train --json");
  ASSERT_EQ(single.exit_code, 0) << single.err;
  ASSERT_EQ(batched.exit_code, 0) << batched.err;
  const auto one = nlohmann::json::parse(single.out);
  const auto many = nlohmann::json::parse(batched.out);
  ASSERT_EQ(one["questions"].size(), many["questions"].size());
  ASSERT_GT(one["questions"].size(), 10u);
  for (std::size_t i = 0; i < one["questions"].size(); ++i) {
    EXPECT_EQ(one["questions"][i]["predicted"], many["questions"][i]["predicted"]) << i;
    EXPECT_EQ(one["questions"][i]["figures"], many["questions"][i]["figures"]) << i;
  }
  EXPECT_EQ(one["faithfulness"], many["faithfulness"]);

  // A model that answers with its batch size: each question's answer is its video's question count.
  const auto records = nlohmann::json::parse(readBytes(file("batchbench/avqa-train.json")));
  std::map<std::string, int> per_video;
  for (const auto& record : records) ++per_video[record["video_id"].get<std::string>()];
  const CommandResult counted = run("eval --model " + model("counts-its-batch.pt") + " --data " + file("batchbench") + " --split train --json");
  ASSERT_EQ(counted.exit_code, 0) << counted.err;
  const auto counts = nlohmann::json::parse(counted.out);
  const std::vector<std::string> numbers = {"zero", "one", "two", "three", "four", "five", "six"};
  for (const auto& question : counts["questions"]) {
    EXPECT_EQ(question["predicted"], numbers[static_cast<std::size_t>(per_video[question["video_id"].get<std::string>()] % 7)]);
  }
  // run batches the same way.
  const std::string project = file("batch.avqa");
  ASSERT_EQ(run("import " + project + " --music-avqa " + file("batchbench/avqa-train.json")).exit_code, 0);
  ASSERT_EQ(run("run " + project + " --model " + model("counts-its-batch.pt") + " --split train --run b --videos " + file("batchbench/videos")).exit_code, 0);
  const auto table = nlohmann::json::parse(run("table " + project + " --run b --json").out);
  EXPECT_EQ(table["missing"], 0);
}

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

}  // namespace

// A run stores every prediction's maps; audit computes the attention figures from them
// later, without the model, and they equal what eval computes from the live predictions.
TEST_F(Ask, AuditFiguresFromStoredMapsEqualEvalsFromLivePredictions) {
  ASSERT_EQ(run("synth --out " + file("auditbench") + " --videos 4 --seconds 4 --seed 21").exit_code, 0);
  const std::string project = file("audit.avqa");
  ASSERT_EQ(run("import " + project + " --music-avqa " + file("auditbench/avqa-train.json")).exit_code, 0);
  const CommandResult stored = run("run " + project + " --model " + model("contract.pt") + " --split train --run c --videos " +
                                   file("auditbench/videos"));
  ASSERT_EQ(stored.exit_code, 0) << stored.err;
  const CommandResult audited = run("audit " + project + " --run c --show all --format json --ground-truth " +
                                    file("auditbench/groundtruth.json"));
  ASSERT_EQ(audited.exit_code, 0) << audited.err;
  const auto audit = nlohmann::json::parse(audited.out);
  ASSERT_GT(audit["with_figures"].get<int>(), 10);
  EXPECT_EQ(audit["without_maps"], 0);
  const CommandResult evaluated = run("eval --model " + model("contract.pt") + " --data " + file("auditbench") + " --split train --json");
  ASSERT_EQ(evaluated.exit_code, 0) << evaluated.err;
  const auto eval = nlohmann::json::parse(evaluated.out);
  // Compare in the file's order: both list the questions with figures that way.
  std::vector<nlohmann::json> audit_figures, live_figures;
  for (const auto& q : audit["questions"]) audit_figures.push_back(q["figures"]);
  for (const auto& q : eval["questions"]) {
    if (!q["figures"].is_null()) live_figures.push_back(q["figures"]);
  }
  ASSERT_FALSE(live_figures.empty());
  ASSERT_EQ(audit_figures.size(), live_figures.size());
  for (std::size_t i = 0; i < audit_figures.size(); ++i) {
    for (const char* map : {"sound_guided", "question_guided"}) {
      if (live_figures[i][map].is_null()) continue;
      for (const char* key : {"pointing", "energy_in_box", "ciou", "pointing_uniform", "pointing_centre"}) {
        EXPECT_NEAR(audit_figures[i][map][key].get<double>(), live_figures[i][map][key].get<double>(), 1e-3) << i << " " << map << " " << key;
      }
    }
    if (!live_figures[i]["temporal_mass"].is_null()) {
      EXPECT_NEAR(audit_figures[i]["temporal_mass"].get<double>(), live_figures[i]["temporal_mass"].get<double>(), 1e-3) << i;
    }
  }
  // The lists hold what they say: right answers with attention off the evidence, and back.
  const auto listed = nlohmann::json::parse(run("audit " + project + " --run c --show right-wrong-place --format json --ground-truth " +
                                                file("auditbench/groundtruth.json")).out);
  for (const auto& q : listed["questions"]) {
    EXPECT_TRUE(q["right"].get<bool>());
    EXPECT_FALSE(q["on_evidence"].get<bool>());
  }
  const auto overall = audit["rows"].back();
  EXPECT_EQ(overall["name"], "Overall");
  const double pointing = overall["figures"]["sound.pointing"]["mean"].get<double>();
  EXPECT_GE(pointing, 0.0);
  EXPECT_LE(pointing, 1.0);
  EXPECT_GT(overall["figures"]["sound.pointing"]["ci95"].get<double>(), 0.0);
  // An imported run has answers but no maps: audit says so instead of inventing figures.
  const CommandResult text = run("audit " + project + " --run c --ground-truth " + file("auditbench/groundtruth.json"));
  EXPECT_NE(text.out.find("with attention figures"), std::string::npos) << text.out;
  EXPECT_EQ(run("audit " + project + " --run nosuch").exit_code, 1);
}

// The checks without ground truth: a sound map that ignores the sound does not move when
// another video's sound is swapped in and is listed as such; one that listens moves.
TEST_F(Ask, AuditPerturbFlagsASoundMapThatIgnoresTheSound) {
  ASSERT_EQ(run("synth --out " + file("perturbbench") + " --videos 4 --seconds 4 --seed 21").exit_code, 0);
  const std::string project = file("perturb.avqa");
  ASSERT_EQ(run("import " + project + " --music-avqa " + file("perturbbench/avqa-train.json")).exit_code, 0);
  const std::string videos = " --videos " + file("perturbbench/videos");
  for (const char* name : {"contract", "sound-follower"}) {
    const CommandResult stored = run("run " + project + " --model " + model(std::string(name) + ".pt") + " --split train --run " + name + videos);
    ASSERT_EQ(stored.exit_code, 0) << stored.err;
  }
  const auto audit = [&](const std::string& run_name) {
    const CommandResult result = run("audit " + project + " --run " + run_name + " --perturb --show sound-ignored --format json" + videos);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return nlohmann::json::parse(result.out);
  };
  const auto deaf = audit("contract");
  const auto listening = audit("sound-follower");
  const auto& deaf_overall = deaf["rows"].back()["figures"];
  const auto& listening_overall = listening["rows"].back()["figures"];
  ASSERT_TRUE(deaf_overall.contains("swap.shift"));
  EXPECT_NEAR(deaf_overall["swap.shift"]["mean"].get<double>(), 0.0, 1e-6);  // the bluest patch, whatever it hears
  EXPECT_NEAR(deaf_overall["swap.ignored"]["mean"].get<double>(), 1.0, 1e-9);
  EXPECT_EQ(deaf["questions"].size(), static_cast<std::size_t>(deaf_overall["swap.shift"]["n"].get<int>()));
  EXPECT_GT(listening_overall["swap.shift"]["mean"].get<double>(), 0.01);
  // Silence through the model's own audio encoder: the deaf map stays, the listening one moves.
  ASSERT_TRUE(deaf_overall.contains("silence.shift"));
  EXPECT_NEAR(deaf_overall["silence.shift"]["mean"].get<double>(), 0.0, 1e-6);
  EXPECT_GT(listening_overall["silence.shift"]["mean"].get<double>(), 0.01);
  EXPECT_LT(listening["questions"].size(), deaf["questions"].size());
  // Its answer depends on the question's words only: deleting what it attends to changes
  // nothing, the mark of a map that does not carry the answer.
  EXPECT_NEAR(deaf_overall["delete.top_patches"]["mean"].get<double>(), 0.0, 1e-5);
  EXPECT_NEAR(deaf_overall["delete.top_steps"]["mean"].get<double>(), 0.0, 1e-5);
  // --vs pairs the two runs' questions: each side's figure is that run's own audit figure.
  const CommandResult compared = run("audit " + project + " --run contract --vs sound-follower --format json");
  ASSERT_EQ(compared.exit_code, 0) << compared.err;
  const auto shift = nlohmann::json::parse(compared.out)["rows"].back()["figures"]["swap.shift"];
  EXPECT_NEAR(shift["a"].get<double>(), deaf_overall["swap.shift"]["mean"].get<double>(), 1e-9);
  EXPECT_NEAR(shift["b"].get<double>(), listening_overall["swap.shift"]["mean"].get<double>(), 1e-9);
  EXPECT_NEAR(shift["difference"].get<double>(), shift["b"].get<double>() - shift["a"].get<double>(), 1e-9);
  EXPECT_EQ(shift["n"].get<int>(), deaf_overall["swap.shift"]["n"].get<int>());
  // Stored and resumable: a second --perturb has nothing left to do.
  const CommandResult again = run("audit " + project + " --run contract --perturb --format json" + videos);
  EXPECT_NE(again.err.find("0 new"), std::string::npos) << again.err;
}
