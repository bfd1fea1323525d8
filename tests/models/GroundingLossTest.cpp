// The weak grounding the built-in heads train their spatial maps (and, optionally, temporal
// curves) with: targets from encoder labels and the question's named instruments, and a loss
// that stops at its margin.
#include <gtest/gtest.h>

#include <cmath>

#include "training/detail/GroundingLoss.h"

namespace avqa::training {
namespace {

TEST(GroundingLoss, TargetsFollowTheNamedAndTheSoundingInstruments) {
  EncoderLabels labels;
  // One video, two steps, four patches: background, instrument 2, instrument 4, instrument 2.
  labels.patch_class = torch::tensor({0, 3, 5, 3, 0, 3, 5, 3}, torch::kLong).view({1, 2, 4});
  labels.sounding = torch::zeros({1, 2, 22});
  labels.sounding[0][1][4] = 1.0f;  // instrument 4 sounds in the second step only
  labels.real = torch::ones({1, 2});
  at::Tensor named = torch::zeros({1, 22});
  named[0][2] = 1.0f;  // the question names instrument 2
  const GroundingTargets targets = groundingTargets(labels, torch::tensor({0}, torch::kLong), named);
  EXPECT_TRUE(targets.question_patches.equal(torch::tensor({0.f, 1.f, 0.f, 1.f, 0.f, 1.f, 0.f, 1.f}).view({1, 2, 4})));
  EXPECT_TRUE(targets.sound_patches.equal(torch::tensor({0.f, 0.f, 0.f, 0.f, 0.f, 0.f, 1.f, 0.f}).view({1, 2, 4})));
}

// "How many instruments are sounding?" names none: with SoundingPatches its map is held on what
// sounds, not on whichever instrument stands in view.
TEST(GroundingLoss, AQuestionNamingNoInstrumentIsGroundedOnWhatSounds) {
  EncoderLabels labels;
  labels.patch_class = torch::tensor({0, 3, 5, 3, 0, 3, 5, 3}, torch::kLong).view({1, 2, 4});
  labels.sounding = torch::zeros({1, 2, 22});
  labels.sounding[0][1][4] = 1.0f;  // instrument 4 sounds in the second step only; 2 is silent
  labels.real = torch::ones({1, 2});
  at::Tensor named = torch::zeros({2, 22});
  named[1][2] = 1.0f;  // question 0 names nothing, question 1 the silent instrument 2
  const at::Tensor videos = torch::tensor({0, 0}, torch::kLong);
  const GroundingTargets targets =
      groundingTargets(labels, videos, named, {}, TimeTarget::SoundingSteps, UnnamedQuestionTarget::SoundingPatches);
  EXPECT_TRUE(targets.question_patches[0].equal(torch::tensor({0.f, 0.f, 0.f, 0.f, 0.f, 0.f, 1.f, 0.f}).view({2, 4})))
      << targets.question_patches[0];
  EXPECT_TRUE(targets.question_patches[1].equal(torch::tensor({0.f, 1.f, 0.f, 1.f, 0.f, 1.f, 0.f, 1.f}).view({2, 4})))
      << "a named instrument stays the target, sounding or not: " << targets.question_patches[1];
  // Without the choice a question naming nothing has no map target.
  const GroundingTargets plain = groundingTargets(labels, videos, named);
  EXPECT_EQ(plain.question_patches[0].sum().item<float>(), 0.0f) << plain.question_patches[0];
  EXPECT_TRUE(plain.question_patches[1].equal(targets.question_patches[1]));
}

TEST(GroundingLoss, TemporalTargetsAreTheSecondsANamedInstrumentIsHeardElseAnyInstrument) {
  EncoderLabels labels;
  labels.patch_class = torch::zeros({1, 4, 1}, torch::kLong);
  labels.sounding = torch::zeros({1, 4, 22});
  labels.sounding[0][0][3] = 1.0f;  // instrument 3 in steps 0 and 3, instrument 5 in steps 1 and 3
  labels.sounding[0][3][3] = 1.0f;
  labels.sounding[0][1][5] = 1.0f;
  labels.sounding[0][3][5] = 1.0f;
  labels.real = torch::ones({1, 4});
  at::Tensor named = torch::zeros({3, 22});
  named[0][3] = 1.0f;  // names instrument 3
  named[2][7] = 1.0f;  // names instrument 7, never heard; question 1 names none
  const GroundingTargets targets = groundingTargets(labels, torch::tensor({0, 0, 0}, torch::kLong), named);
  EXPECT_TRUE(targets.sounding_steps.equal(torch::tensor({1.f, 0.f, 0.f, 1.f, 1.f, 1.f, 0.f, 1.f, 1.f, 1.f, 0.f, 1.f}).view({3, 4})))
      << targets.sounding_steps;
}

// Questions about the order instruments come in are grounded on that onset: instrument 3
// first heard in step 1, instrument 5 in step 2 (and again in 4), instrument 8 in step 4.
TEST(GroundingLoss, OrderQuestionsAreGroundedOnTheOnsetTheyAskAbout) {
  EncoderLabels labels;
  labels.patch_class = torch::zeros({1, 6, 1}, torch::kLong);
  labels.sounding = torch::zeros({1, 6, 22});
  for (const auto& [step, instrument] : {std::pair{1, 3}, {2, 3}, {2, 5}, {4, 5}, {4, 8}, {5, 8}}) labels.sounding[0][step][instrument] = 1.0f;
  labels.real = torch::ones({1, 6});
  // first, last, second, fourth (there is none), none asked, first among the named (instrument 5)
  const at::Tensor rank = torch::tensor(std::vector<int64_t>{1, kLastOnset, 2, 4, 0, 1});
  at::Tensor named = torch::zeros({6, 22});
  named[5][5] = 1.0f;
  const at::Tensor videos = torch::zeros({6}, torch::kLong);
  const GroundingTargets targets = groundingTargets(labels, videos, named, rank, TimeTarget::OnsetForOrderQuestions);
  const at::Tensor every_sounding = torch::tensor({0.f, 1.f, 1.f, 0.f, 1.f, 1.f});
  const at::Tensor expected = torch::stack({torch::tensor({0.f, 1.f, 0.f, 0.f, 0.f, 0.f}), torch::tensor({0.f, 0.f, 0.f, 0.f, 1.f, 0.f}),
                                            torch::tensor({0.f, 0.f, 1.f, 0.f, 0.f, 0.f}), every_sounding, every_sounding,
                                            torch::tensor({0.f, 0.f, 1.f, 0.f, 0.f, 0.f})});
  EXPECT_TRUE(targets.sounding_steps.equal(expected)) << targets.sounding_steps;
  // Without the onset target every question keeps the seconds where something is heard.
  const GroundingTargets plain = groundingTargets(labels, videos, named, rank, TimeTarget::SoundingSteps);
  EXPECT_TRUE(plain.sounding_steps.select(0, 0).equal(every_sounding)) << plain.sounding_steps;
}

TEST(GroundingLoss, IsMinusLogOfTheShareUpToTheMargin) {
  ASSERT_DOUBLE_EQ(kGroundingMargin, 0.5) << "the figures below are worked out for a margin of one half";
  const at::Tensor target = torch::tensor({0.f, 1.f, 0.f, 0.f});
  // 20 % on the target: -log(0.2 / 0.5).
  EXPECT_NEAR(groundingLoss(torch::tensor({0.3f, 0.2f, 0.4f, 0.1f}), target).item<double>(), std::log(2.5), 1e-5);
  // 60 % is past the margin: nothing more is asked, so the map may keep weight elsewhere.
  EXPECT_NEAR(groundingLoss(torch::tensor({0.2f, 0.6f, 0.1f, 0.1f}), target).item<double>(), 0.0, 1e-5);
}

TEST(GroundingLoss, SkipsRowsWithoutTargetOrWithUnweighedPatches) {
  const at::Tensor maps = torch::tensor({0.25f, 0.25f, 0.25f, 0.25f,   // no target: skipped
                                         0.5f, 0.5f, 0.0f, 0.0f,       // weighs two patches only: skipped
                                         0.1f, 0.1f, 0.4f, 0.4f})      // 10 % on target
                              .view({3, 4});
  const at::Tensor targets = torch::tensor({0.f, 0.f, 0.f, 0.f, 0.f, 0.f, 1.f, 0.f, 0.f, 1.f, 0.f, 0.f}).view({3, 4});
  EXPECT_NEAR(groundingLoss(maps, targets).item<double>(), std::log(5.0), 1e-5);
  EXPECT_FALSE(groundingLoss(maps.narrow(0, 0, 2), targets.narrow(0, 0, 2)).defined());
}

TEST(GroundingLoss, ItsGradientMovesASoftmaxOntoTheTarget) {
  at::Tensor logits = torch::zeros({4}, torch::requires_grad());
  const at::Tensor target = torch::tensor({0.f, 0.f, 1.f, 0.f});
  torch::optim::SGD optimizer({logits}, 1.0);
  for (int step = 0; step < 50; ++step) {
    optimizer.zero_grad();
    groundingLoss(torch::softmax(logits, 0), target).backward();
    optimizer.step();
  }
  const at::Tensor weights = torch::softmax(logits.detach(), 0);
  EXPECT_GT(weights[2].item<double>(), 0.45);
  EXPECT_EQ(weights.argmax().item<int64_t>(), 2);
}

}  // namespace
}  // namespace avqa::training
