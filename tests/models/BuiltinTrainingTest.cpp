// Training and running built-in models through the public API on small generated data, the
// shipped models on a freshly generated test split, and bad model files.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <nlohmann/json.hpp>

#include "ModelLoader.h"
#include "builtin/BuiltinModelFormat.h"
#include "builtin/detail/BuiltinBundle.h"
#include "common/AvqaError.h"
#include "support/TempDir.h"
#include "training/Trainer.h"
#include "LensCommand.h"

namespace {

using avqa::test::readBytes;
using avqa::test::CommandResult;
using avqa::test::runLens;

class BuiltinTraining : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new avqa::test::TempDir();
    const CommandResult synth = runLens(*dir_, "synth --out " + dir_->file("data") + " --videos 24 --seed 3");
    ASSERT_EQ(synth.exit_code, 0) << synth.err;
  }
  static void TearDownTestSuite() { delete dir_; }

  static avqa::TrainOptions tinyOptions(avqa::BuiltinArch arch, const std::string& out) {
    avqa::TrainOptions options;
    options.data_dir = dir_->file("data");
    options.arch = arch;
    options.out_path = out;
    options.epochs = 6;
    options.encoder_epochs = 1;
    options.batch_size = 32;
    options.learning_rate = 3e-3;
    return options;
  }
  static avqa::test::TempDir* dir_;
};

avqa::test::TempDir* BuiltinTraining::dir_ = nullptr;

TEST_F(BuiltinTraining, LossFallsAndTheFileAnswersThroughTheModelInterface) {
  const std::string path = dir_->file("pstp.avqamodel");
  const avqa::TrainSummary summary = trainBuiltinModel(tinyOptions(avqa::BuiltinArch::Pstp, path), avqa::CancelToken(), nullptr);
  ASSERT_EQ(summary.epoch_losses.size(), 6u);
  EXPECT_LT(summary.epoch_losses.back(), summary.epoch_losses.front() * 0.9) << "the training loss should fall";
  EXPECT_GT(summary.train_questions, 100);
  ASSERT_TRUE(summary.encoder_patch_accuracy);
  EXPECT_GT(*summary.encoder_patch_accuracy, 60.0) << "patches are mostly background, named after one epoch";

  const auto model = avqa::loadModel(path, avqa::DeviceRequest::Cpu);
  const avqa::ModelInfo& info = model->info();
  EXPECT_EQ(info.name, "PSTP-Net (built-in)");
  EXPECT_EQ(info.time_steps, 10);
  ASSERT_TRUE(info.patches);
  EXPECT_EQ(info.patches->grid, (std::vector<int>{7, 7}));
  EXPECT_EQ(info.encoders.at("visual"), path) << "the encoders live in the model file";

  // ask through the CLI: real video, features from the model's own encoders.
  const std::string video = dir_->file("data/videos/") + std::filesystem::directory_iterator(dir_->file("data/videos"))->path().filename().string();
  const CommandResult ask = runLens(*dir_, "ask --json --model " + path + " --video " + video + " \"How many instruments are sounding in the video?\"");
  ASSERT_EQ(ask.exit_code, 0) << ask.err;
  const nlohmann::json answer = nlohmann::json::parse(ask.out);
  EXPECT_EQ(answer.at("temporal").size(), 10u);
  EXPECT_EQ(answer.at("temporal_selected").size(), 10u);
  EXPECT_FALSE(answer.at("sound_spatial").is_null());
}

TEST_F(BuiltinTraining, TheSameSeedGivesTheSameWeightsAndResumeContinues) {
  avqa::TrainOptions options = tinyOptions(avqa::BuiltinArch::Avst, dir_->file("a1.avqamodel"));
  options.epochs = 2;
  options.max_videos = 6;
  trainBuiltinModel(options, avqa::CancelToken(), nullptr);
  options.out_path = dir_->file("a2.avqamodel");
  trainBuiltinModel(options, avqa::CancelToken(), nullptr);
  EXPECT_EQ(avqa::readBuiltinModelBlocks(dir_->file("a1.avqamodel")).weights, avqa::readBuiltinModelBlocks(dir_->file("a2.avqamodel")).weights);
  options.seed = 2;
  options.out_path = dir_->file("a3.avqamodel");
  trainBuiltinModel(options, avqa::CancelToken(), nullptr);
  EXPECT_NE(avqa::readBuiltinModelBlocks(dir_->file("a1.avqamodel")).weights, avqa::readBuiltinModelBlocks(dir_->file("a3.avqamodel")).weights);

  options.seed = 1;
  options.resume_path = dir_->file("a1.avqamodel");
  options.out_path = dir_->file("a4.avqamodel");
  trainBuiltinModel(options, avqa::CancelToken(), nullptr);
  const nlohmann::json meta = nlohmann::json::parse(avqa::readBuiltinModelBlocks(dir_->file("a4.avqamodel")).metadata);
  EXPECT_EQ(meta.at("training").at("resumed_from"), dir_->file("a1.avqamodel"));
  EXPECT_EQ(meta.at("vocab"), nlohmann::json::parse(avqa::readBuiltinModelBlocks(dir_->file("a1.avqamodel")).metadata).at("vocab"));

  options.resume_path.clear();
  options.arch = avqa::BuiltinArch::AvMaster;
  options.out_path = dir_->file("m1.avqamodel");
  trainBuiltinModel(options, avqa::CancelToken(), nullptr);
  const auto master = avqa::loadModel(options.out_path, avqa::DeviceRequest::Cpu);
  ASSERT_TRUE(master->info().patches) << "AV-Master reads the patch grid for its layout bands";
  EXPECT_EQ(master->info().patches->grid, (std::vector<int>{7, 7}));
}

// The shipped heads share one frozen encoder pair: --encoders takes it from another model
// file, and the feature cache lets the next head skip decoding and encoding the videos. A
// head from cached features is the head from freshly encoded ones, bit for bit; a damaged
// cache is encoded again, never trusted; --train-videos narrows the head's questions only.
TEST_F(BuiltinTraining, SharedEncodersAndTheFeatureCacheGiveTheSameHead) {
  avqa::TrainOptions options = tinyOptions(avqa::BuiltinArch::Pstp, dir_->file("encoders.avqamodel"));
  options.epochs = 1;
  options.max_videos = 6;
  trainBuiltinModel(options, avqa::CancelToken(), nullptr);

  options.arch = avqa::BuiltinArch::AvMaster;
  options.encoders_path = dir_->file("encoders.avqamodel");
  options.feature_cache_dir = dir_->file("cache");
  options.epochs = 2;
  options.out_path = dir_->file("fresh-features.avqamodel");
  const avqa::TrainSummary fresh = trainBuiltinModel(options, avqa::CancelToken(), nullptr);
  EXPECT_FALSE(fresh.features_from_cache);
  EXPECT_FALSE(fresh.encoder_patch_accuracy) << "no encoder pretraining with --encoders";
  ASSERT_EQ(std::distance(std::filesystem::directory_iterator(dir_->file("cache")), std::filesystem::directory_iterator()), 1);
  const std::string cache_file = std::filesystem::directory_iterator(dir_->file("cache"))->path().string();

  options.out_path = dir_->file("cached-features.avqamodel");
  const avqa::TrainSummary cached = trainBuiltinModel(options, avqa::CancelToken(), nullptr);
  EXPECT_TRUE(cached.features_from_cache);
  EXPECT_EQ(cached.train_questions, fresh.train_questions);
  EXPECT_EQ(avqa::readBuiltinModelBlocks(dir_->file("fresh-features.avqamodel")).weights,
            avqa::readBuiltinModelBlocks(dir_->file("cached-features.avqamodel")).weights);
  const nlohmann::json meta = nlohmann::json::parse(avqa::readBuiltinModelBlocks(dir_->file("cached-features.avqamodel")).metadata);
  EXPECT_EQ(meta.at("training").at("encoders_from"), dir_->file("encoders.avqamodel"));

  std::filesystem::resize_file(cache_file, std::filesystem::file_size(cache_file) / 2);
  options.out_path = dir_->file("after-damage.avqamodel");
  EXPECT_FALSE(trainBuiltinModel(options, avqa::CancelToken(), nullptr).features_from_cache);
  EXPECT_EQ(avqa::readBuiltinModelBlocks(dir_->file("fresh-features.avqamodel")).weights,
            avqa::readBuiltinModelBlocks(dir_->file("after-damage.avqamodel")).weights);

  options.train_videos = 2;
  options.out_path = dir_->file("two-videos.avqamodel");
  const avqa::TrainSummary narrowed = trainBuiltinModel(options, avqa::CancelToken(), nullptr);
  EXPECT_TRUE(narrowed.features_from_cache);
  EXPECT_GT(narrowed.train_questions, 0);
  EXPECT_LT(narrowed.train_questions, fresh.train_questions / 2);
  EXPECT_EQ(narrowed.val_questions, fresh.val_questions) << "the validation split stays whole";
}

TEST_F(BuiltinTraining, MapGroundingTrainsTheHeadsMapsAndIsRecorded) {
  const auto weights = [&](avqa::BuiltinArch arch, double grounding, const std::string& name,
                           avqa::UnnamedQuestionTarget unnamed = avqa::UnnamedQuestionTarget::None) {
    avqa::TrainOptions options = tinyOptions(arch, dir_->file(name));
    options.epochs = 2;
    options.max_videos = 6;
    options.grounding_weight = grounding;
    options.unnamed_target = unnamed;
    // The shipped encoders, so the encoder labels the targets come from name what is there.
    options.encoders_path = std::string(AVQA_WEIGHTS_DIR) + "/avmaster.avqamodel";
    trainBuiltinModel(options, avqa::CancelToken(), nullptr);
    return avqa::readBuiltinModelBlocks(dir_->file(name));
  };
  const avqa::BuiltinModelBlocks plain = weights(avqa::BuiltinArch::AvUnified, 0.0, "plain.avqamodel");
  const avqa::BuiltinModelBlocks grounded = weights(avqa::BuiltinArch::AvUnified, 1.0, "grounded.avqamodel");
  EXPECT_TRUE(plain.weights != grounded.weights) << "AV-Unified fills both maps: grounding must change its head";
  EXPECT_EQ(nlohmann::json::parse(grounded.metadata).at("training").at("grounding_weight").get<double>(), 1.0);
  EXPECT_TRUE(weights(avqa::BuiltinArch::AvMaster, 0.0, "m0.avqamodel").weights != weights(avqa::BuiltinArch::AvMaster, 1.0, "m1.avqamodel").weights)
      << "AV-Master's band map is grounded through its visual decoder";
  // Questions that name no instrument ("How many instruments are sounding?") get a target too.
  const avqa::BuiltinModelBlocks unnamed =
      weights(avqa::BuiltinArch::Avst, 1.0, "unnamed.avqamodel", avqa::UnnamedQuestionTarget::SoundingPatches);
  EXPECT_TRUE(unnamed.weights != weights(avqa::BuiltinArch::Avst, 1.0, "named-only.avqamodel").weights)
      << "AVST's band map is grounded on what sounds for questions naming nothing";
  EXPECT_EQ(nlohmann::json::parse(unnamed.metadata).at("training").at("unnamed_question_target"), "sounding patches");
  const CommandResult cli = runLens(*dir_, "train --data " + dir_->file("data") + " --arch avst --out " + dir_->file("x.avqamodel") +
                                               " --ground-unnamed");
  EXPECT_EQ(cli.exit_code, 2) << "a grounding target without a grounding weight is a usage error";
  EXPECT_NE(cli.err.find("--ground-unnamed needs --ground-maps"), std::string::npos) << cli.err;
}

// Encoders whose weights are NaN (a damaged colleague's file) make every step's loss NaN:
// no update is applied, the run stops at its first epoch with an error naming the data, and no
// model file is written.
TEST_F(BuiltinTraining, StepsWithoutAFiniteLossAreNotAppliedAndAWhollyNaNEpochStopsTheRun) {
  avqa::builtin::BuiltinModelData broken =
      avqa::builtin::readBuiltinModelFile(std::string(AVQA_WEIGHTS_DIR) + "/avmaster.avqamodel", "cpu");
  {
    torch::NoGradGuard no_grad;
    for (at::Tensor& p : broken.bundle->visual->parameters()) p.fill_(std::numeric_limits<float>::quiet_NaN());
  }
  const std::string broken_path = dir_->file("nan-encoders.avqamodel");
  avqa::builtin::writeBuiltinModelFile(broken, broken_path);

  avqa::TrainOptions options = tinyOptions(avqa::BuiltinArch::Avst, dir_->file("from-nan.avqamodel"));
  options.epochs = 2;
  options.max_videos = 6;
  options.encoders_path = broken_path;
  try {
    trainBuiltinModel(options, avqa::CancelToken(), nullptr);
    ADD_FAILURE() << "training on NaN features should stop";
  } catch (const avqa::AvqaError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(options.data_dir), std::string::npos) << message;
    EXPECT_NE(message.find("diverged at head epoch 1"), std::string::npos) << message;
  }
  EXPECT_FALSE(std::filesystem::exists(options.out_path));

  // The same run on sound encoders applies every step.
  options.encoders_path = std::string(AVQA_WEIGHTS_DIR) + "/avmaster.avqamodel";
  const avqa::TrainSummary sound = trainBuiltinModel(options, avqa::CancelToken(), nullptr);
  EXPECT_EQ(sound.skipped_steps, 0);
  EXPECT_EQ(nlohmann::json::parse(avqa::readBuiltinModelBlocks(options.out_path).metadata).at("training").at("skipped_steps").get<int>(), 0);
}

// Through the command line: the flag reaches training and the model file says it was used.
// Refining takes a file's audio encoder further on this data's labels (rhythm among them) and
// leaves its visual encoder as it was; its features are encoded anew, not read from the cache.
TEST_F(BuiltinTraining, RefiningTheAudioEncoderKeepsTheVisualOneAndIsRecorded) {
  const std::string source = std::string(AVQA_WEIGHTS_DIR) + "/avmaster.avqamodel";
  avqa::TrainOptions options = tinyOptions(avqa::BuiltinArch::AvMaster, dir_->file("refined.avqamodel"));
  options.epochs = 1;
  options.max_videos = 8;
  options.encoders_path = source;
  options.refine_audio_epochs = 2;
  options.feature_cache_dir = dir_->file("refine-cache");
  const avqa::TrainSummary summary = trainBuiltinModel(options, avqa::CancelToken(), nullptr);
  EXPECT_TRUE(summary.encoder_rhythm_order.has_value());
  EXPECT_FALSE(summary.features_from_cache);
  auto before = avqa::builtin::readBuiltinModelFile(source, "cpu");
  auto after = avqa::builtin::readBuiltinModelFile(options.out_path, "cpu");
  const auto same = [](torch::nn::Module& a, torch::nn::Module& b) {
    const auto pa = a.parameters(), pb = b.parameters();
    for (std::size_t i = 0; i < pa.size(); ++i) {
      if (!pa[i].equal(pb[i])) return false;
    }
    return true;
  };
  EXPECT_TRUE(same(*before.bundle->visual, *after.bundle->visual));
  EXPECT_FALSE(same(*before.bundle->audio, *after.bundle->audio));
  EXPECT_EQ(nlohmann::json::parse(after.training_json).at("audio_encoder_refined_epochs").get<int>(), 2);

  const CommandResult alone = runLens(*dir_, "train --data " + options.data_dir + " --arch avst --out " + dir_->file("x.avqamodel") +
                                                 " --refine-audio-encoder 1");
  EXPECT_NE(alone.exit_code, 0);
  EXPECT_NE(alone.err.find("--refine-audio-encoder needs --encoders"), std::string::npos) << alone.err;
}

TEST_F(BuiltinTraining, SwapComparisonsAndBatchByVideoFlagsAreRecorded) {
  const auto train = [&](const std::string& name, const std::string& extra) {
    const CommandResult result = runLens(*dir_, "train --data " + dir_->file("data") + " --arch avmaster --epochs 1 --max-videos 6 --encoders " +
                                                    std::string(AVQA_WEIGHTS_DIR) + "/avmaster.avqamodel --out " + dir_->file(name) + extra);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return nlohmann::json::parse(avqa::readBuiltinModelBlocks(dir_->file(name)).metadata).at("training");
  };
  const nlohmann::json plain = train("cli-plain.avqamodel", "");
  const nlohmann::json swapped = train("cli-swapped.avqamodel", " --swap-comparisons");
  EXPECT_EQ(plain.at("batches"), "shuffled questions");
  EXPECT_EQ(train("cli-by-video.avqamodel", " --batch-by-video").at("batches"), "whole videos");
  EXPECT_EQ(train("cli-shares.avqamodel", " --batch-by-video --videos-per-batch 3").at("batches"), "questions dealt across 3 videos");
  const CommandResult shares_alone = runLens(*dir_, "train --data " + dir_->file("data") + " --arch avmaster --epochs 1 --max-videos 6 --out " +
                                                        dir_->file("cli-shares-alone.avqamodel") + " --videos-per-batch 3");
  EXPECT_NE(shares_alone.exit_code, 0);
  EXPECT_NE(shares_alone.err.find("--videos-per-batch needs --batch-by-video"), std::string::npos) << shares_alone.err;
  EXPECT_FALSE(plain.at("swap_comparisons").get<bool>());
  EXPECT_TRUE(swapped.at("swap_comparisons").get<bool>());
  EXPECT_GT(swapped.at("train_questions").get<int>(), plain.at("train_questions").get<int>());
}

TEST_F(BuiltinTraining, TopKSegmentsSetsPstpNetsKeptSegmentsAndIsRefusedElsewhere) {
  const auto train = [&](const std::string& arch, const std::string& name, const std::string& k) {
    return runLens(*dir_, "train --data " + dir_->file("data") + " --arch " + arch + " --epochs 1 --max-videos 6 --encoders " +
                              std::string(AVQA_WEIGHTS_DIR) + "/pstp.avqamodel --out " + dir_->file(name) + " --top-k-segments " + k);
  };
  const CommandResult six = train("pstp", "pstp-k6.avqamodel", "6");
  ASSERT_EQ(six.exit_code, 0) << six.err;
  EXPECT_EQ(avqa::builtin::readBuiltinModelFile(dir_->file("pstp-k6.avqamodel"), "cpu").config.top_k_segments, 6);
  const CommandResult avst = train("avst", "avst-k6.avqamodel", "6");
  EXPECT_NE(avst.exit_code, 0);
  EXPECT_NE(avst.err.find("--top-k-segments is PSTP-Net's"), std::string::npos) << avst.err;
  const CommandResult too_many = train("pstp", "pstp-k11.avqamodel", "11");
  EXPECT_NE(too_many.exit_code, 0);
  EXPECT_NE(too_many.err.find("more than PSTP-Net's 10 segments"), std::string::npos) << too_many.err;
  EXPECT_FALSE(std::filesystem::exists(dir_->file("pstp-k11.avqamodel")));
}

TEST_F(BuiltinTraining, EvalWithoutGroundTruthStillGivesAccuracy) {
  avqa::TrainOptions options = tinyOptions(avqa::BuiltinArch::AvUnified, dir_->file("u.avqamodel"));
  options.epochs = 1;
  options.max_videos = 4;
  trainBuiltinModel(options, avqa::CancelToken(), nullptr);
  const std::string bare = dir_->file("bare");
  std::filesystem::create_directories(bare);
  std::filesystem::copy(dir_->file("data/videos"), bare + "/videos");
  std::filesystem::copy_file(dir_->file("data/avqa-test.json"), bare + "/avqa-test.json");
  const CommandResult eval = runLens(*dir_, "eval --json --model " + dir_->file("u.avqamodel") + " --data " + bare + " --split test");
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  const nlohmann::json report = nlohmann::json::parse(eval.out);
  EXPECT_TRUE(report.at("accuracy").at("overall").is_number());
  EXPECT_TRUE(report.at("faithfulness").is_null());
  EXPECT_NE(report.at("faithfulness_note").get<std::string>().find("groundtruth.json"), std::string::npos);
}

TEST_F(BuiltinTraining, BadModelFilesAreNamedWithTheirProblem) {
  avqa::TrainOptions options = tinyOptions(avqa::BuiltinArch::Avst, dir_->file("ok.avqamodel"));
  options.epochs = 1;
  options.max_videos = 4;
  trainBuiltinModel(options, avqa::CancelToken(), nullptr);
  const std::string bytes = readBytes(dir_->file("ok.avqamodel"));
  avqa::test::writeBytes(dir_->file("truncated.avqamodel"), bytes.substr(0, bytes.size() / 2));
  avqa::test::writeBytes(dir_->file("notes.avqamodel"), "{\"format\": \"something else\"}\n");
  std::string damaged = bytes;
  for (std::size_t i = bytes.size() / 2; i < bytes.size() / 2 + 4096; ++i) damaged[i] = static_cast<char>(~damaged[i]);
  avqa::test::writeBytes(dir_->file("damaged.avqamodel"), damaged);
  const auto message = [](const std::string& path) {
    try {
      avqa::loadModel(path, avqa::DeviceRequest::Cpu);
    } catch (const avqa::AvqaError& error) {
      return std::string(error.what());
    }
    return std::string("loaded");
  };
  EXPECT_NE(message(dir_->file("truncated.avqamodel")).find("truncated"), std::string::npos) << message(dir_->file("truncated.avqamodel"));
  EXPECT_NE(message(dir_->file("notes.avqamodel")).find("notes.avqamodel: is neither an AVQA Lens model file nor a TorchScript model"), std::string::npos) << message(dir_->file("notes.avqamodel"));
  EXPECT_NE(message(dir_->file("damaged.avqamodel")).find("damaged.avqamodel"), std::string::npos) << message(dir_->file("damaged.avqamodel"));
  EXPECT_EQ(message(dir_->file("damaged.avqamodel")).find("loaded"), std::string::npos);
  // One flipped bit inside a tensor is still a valid archive: only the recorded digest sees it.
  const avqa::BuiltinModelBlocks blocks = avqa::readBuiltinModelBlocks(dir_->file("ok.avqamodel"));
  nlohmann::json meta = nlohmann::json::parse(blocks.metadata);
  ASSERT_EQ(meta.value("weights_sha256", std::string()).size(), 64u) << blocks.metadata.substr(0, 200);
  std::string flipped_weights = blocks.weights;
  flipped_weights[flipped_weights.size() - 1024] ^= 0x01;
  avqa::test::writeBytes(dir_->file("bitflip.avqamodel"), avqa::joinBuiltinModelBlocks({blocks.metadata, flipped_weights}));
  EXPECT_NE(message(dir_->file("bitflip.avqamodel")).find("bitflip.avqamodel: the model's weights are damaged: their SHA-256"), std::string::npos)
      << message(dir_->file("bitflip.avqamodel"));
  // Files from before the digest load as they did.
  meta.erase("weights_sha256");
  avqa::test::writeBytes(dir_->file("undigested.avqamodel"), avqa::joinBuiltinModelBlocks({meta.dump(), blocks.weights}));
  EXPECT_EQ(message(dir_->file("undigested.avqamodel")), "loaded");
  const CommandResult cli = runLens(*dir_, "eval --model " + dir_->file("truncated.avqamodel") + " --data " + dir_->file("data"));
  EXPECT_EQ(cli.exit_code, 1);
  EXPECT_NE(cli.err.find("truncated"), std::string::npos) << cli.err;
}

}  // namespace
