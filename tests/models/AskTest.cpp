// `avqa-lens ask` end to end: models written by Python's torch.jit (Debian's python3-torch),
// a video written through FFmpeg, the real binary, and answers the test can work out itself.
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

// The maps follow the pixels: a red square that moves clockwise each second is where each
// step's question-guided map (the reddest patch) peaks, patch by patch and step by step.
TEST_F(Ask, MapsFollowARedSquareThatMovesEachSecond) {
  avqa::test::writeMovingRedVideo(file("moving.mp4"), 4, 64, 48);
  const CommandResult result = run("ask --model " + model("contract.pt") + " --video " + file("moving.mp4") + " --json \"q\"");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  ASSERT_EQ(json["steps"].size(), 4u);
  // Patches in row-major order of the 2x2 grid: 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right.
  const std::size_t red_patch_at_second[4] = {0, 1, 3, 2};
  for (std::size_t step = 0; step < 4; ++step) {
    EXPECT_EQ(argmax(json["spatial"][step]), red_patch_at_second[step]) << "step " << step;
  }
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

}  // namespace
