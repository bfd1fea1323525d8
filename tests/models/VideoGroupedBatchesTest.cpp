// Video-grouped training batches: the epoch order that keeps a video's questions together, and
// the heads reading a few videos' media for many questions (HeadInputs::video_of_question).
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <set>

#include "RandomHeadInputs.h"
#include "SmallHeadConfig.h"
#include "training/detail/EpochOrder.h"

namespace {

using avqa::BatchGrouping;
using avqa::BuiltinArch;
using avqa::builtin::HeadInputs;
using avqa::builtin::HeadOutputs;
using avqa::training::EpochOrder;

std::vector<int64_t> values(const at::Tensor& tensor) {
  const at::Tensor flat = tensor.contiguous();
  return {flat.data_ptr<int64_t>(), flat.data_ptr<int64_t>() + flat.numel()};
}

// The sorted order must be 0..count-1: every question visited once.
std::vector<int64_t> allQuestions(std::size_t count) {
  std::vector<int64_t> all(count);
  std::iota(all.begin(), all.end(), 0);
  return all;
}

std::vector<int64_t> sortedCopy(std::vector<int64_t> questions) {
  std::sort(questions.begin(), questions.end());
  return questions;
}

// Every shipped model was trained on an index vector reshuffled in place each epoch; the
// default order must stay that one, or the README's recipes would no longer give their files.
TEST(EpochOrder, ShuffledIsTheReshuffledIndexVectorEveryShippedModelWasTrainedOn) {
  const at::Tensor videos = torch::tensor(std::vector<int64_t>{4, 4, 1, 0, 1, 4, 2, 2, 0, 3, 3}, torch::kLong);
  EpochOrder order(videos, BatchGrouping::Shuffled);
  std::vector<int64_t> reference(11);
  std::iota(reference.begin(), reference.end(), 0);
  std::mt19937 rng(5), reference_rng(5);
  for (int epoch = 0; epoch < 3; ++epoch) {
    std::shuffle(reference.begin(), reference.end(), reference_rng);
    EXPECT_EQ(values(order.next(rng)), reference) << "epoch " << epoch;
  }
}

TEST(EpochOrder, WholeVideosVisitsEveryQuestionOnceWithEachVideosQuestionsInARow) {
  const std::vector<int64_t> video_of = {4, 4, 1, 0, 1, 4, 2, 2, 0, 3, 3, 5, 6, 6};
  EpochOrder order(torch::tensor(video_of, torch::kLong), BatchGrouping::WholeVideos);
  std::mt19937 rng(5);
  std::set<std::vector<int64_t>> video_orders;
  for (int epoch = 0; epoch < 4; ++epoch) {
    const std::vector<int64_t> questions = values(order.next(rng));
    EXPECT_EQ(sortedCopy(questions), allQuestions(video_of.size())) << "epoch " << epoch << " should visit every question once";
    std::vector<int64_t> runs;  // the videos in the order their runs come
    for (const int64_t question : questions) {
      const int64_t video = video_of[static_cast<std::size_t>(question)];
      if (runs.empty() || runs.back() != video) runs.push_back(video);
    }
    EXPECT_EQ(runs.size(), 7u) << "each of the 7 videos' questions should come in one run (epoch " << epoch << ")";
    video_orders.insert(runs);
  }
  EXPECT_GT(video_orders.size(), 1u) << "the videos should be reshuffled each epoch";
}

// Eight videos of four questions each, dealt four videos at a time: each half of the epoch
// holds four videos, and each turn of four questions takes one question of each of them.
TEST(EpochOrder, VideoSharesDealsEachRunOfVideosOneQuestionOfEachInTurn) {
  std::vector<int64_t> video_of;
  for (int64_t question = 0; question < 32; ++question) video_of.push_back((question * 5) % 8);
  EpochOrder order(torch::tensor(video_of, torch::kLong), BatchGrouping::VideoShares, 4);
  std::mt19937 rng(9);
  std::set<std::vector<int64_t>> orders;
  for (int epoch = 0; epoch < 3; ++epoch) {
    const std::vector<int64_t> questions = values(order.next(rng));
    ASSERT_EQ(sortedCopy(questions), allQuestions(video_of.size())) << "epoch " << epoch << " should visit every question once";
    std::set<int64_t> first_half_videos;
    for (std::size_t turn = 0; turn < 8; ++turn) {
      std::set<int64_t> videos_this_turn;
      for (std::size_t i = 0; i < 4; ++i) videos_this_turn.insert(video_of[static_cast<std::size_t>(questions[turn * 4 + i])]);
      EXPECT_EQ(videos_this_turn.size(), 4u) << "turn " << turn << " of epoch " << epoch << " should take four videos";
      if (turn < 4) first_half_videos.insert(videos_this_turn.begin(), videos_this_turn.end());
    }
    EXPECT_EQ(first_half_videos.size(), 4u) << "the first 16 questions should be all of four videos' questions";
    orders.insert(questions);
  }
  EXPECT_GT(orders.size(), 1u) << "the order should change each epoch";
}

class VideoGroupedInputs : public ::testing::TestWithParam<BuiltinArch> {};

// Seven questions on three videos: the media once per video with each question's index must
// give every readout that one video per question row gives.
TEST_P(VideoGroupedInputs, GiveEachQuestionWhatItsOwnVideosRowGives) {
  const avqa::BuiltinConfig config = avqa::test::smallHeadConfig(GetParam());
  const HeadInputs videos = avqa::test::randomHeadInputs(config, 3, 11);
  torch::manual_seed(12);
  const at::Tensor video_of_question = torch::tensor(std::vector<int64_t>{0, 2, 1, 0, 2, 2, 1}, torch::kLong);
  const at::Tensor questions = torch::randint(2, config.vocab_size, {7, config.max_len}, torch::kLong);
  HeadInputs grouped = videos;
  grouped.question = questions;
  grouped.video_of_question = video_of_question;
  HeadInputs per_row;
  per_row.audio = videos.audio.index_select(0, video_of_question);
  per_row.visual = videos.visual.index_select(0, video_of_question);
  per_row.patches = videos.patches.index_select(0, video_of_question);
  per_row.question = questions;

  const std::shared_ptr<avqa::builtin::HeadNet> head = avqa::builtin::makeHead(config);
  head->eval();
  torch::NoGradGuard no_grad;
  const HeadOutputs expected = head->forward(per_row);
  const HeadOutputs actual = head->forward(grouped);
  const std::vector<std::tuple<const char*, at::Tensor, at::Tensor>> readouts = {
      {"logits", expected.logits, actual.logits},
      {"temporal", expected.temporal, actual.temporal},
      {"temporal_selected", expected.temporal_selected, actual.temporal_selected},
      {"spatial", expected.spatial, actual.spatial},
      {"sound_spatial", expected.sound_spatial, actual.sound_spatial},
      {"tokens_audio", expected.tokens_audio, actual.tokens_audio}};
  int compared = 0;
  for (const auto& [name, want, got] : readouts) {
    ASSERT_EQ(want.defined(), got.defined()) << name;
    if (!want.defined()) continue;
    ASSERT_EQ(want.sizes(), got.sizes()) << name;
    EXPECT_TRUE(torch::allclose(want, got, 1e-4, 1e-5)) << name << " differs by " << (want - got).abs().max().item<double>();
    ++compared;
  }
  EXPECT_GE(compared, 3) << "every head fills logits, a curve and a map";
  EXPECT_EQ(actual.logits.size(0), 7) << "one answer per question, not per video";
}

INSTANTIATE_TEST_SUITE_P(Heads, VideoGroupedInputs,
                         ::testing::Values(BuiltinArch::Avst, BuiltinArch::Pstp, BuiltinArch::AvMaster, BuiltinArch::AvUnified));

}  // namespace
