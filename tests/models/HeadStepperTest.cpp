// A head's training step split across worker threads: the same step as the whole batch on one
// thread, deterministic for a seed, and torch's and OpenBLAS's threads given back afterwards.
#include <gtest/gtest.h>

#include "ComputeDevice.h"
#include "SmallHeadConfig.h"
#include "training/detail/HeadStepper.h"
#include "training/detail/ModuleWeights.h"

namespace {

using avqa::BuiltinArch;
using avqa::training::HeadStepper;

constexpr int64_t kVideos = 5, kQuestions = 11, kInstruments = 22;
constexpr avqa::training::HeadLossWeights kAnswerOnly{0.2, 0.0, 0.0},
    kGrounded{0.2, 0.1, 0.05, avqa::TimeTarget::OnsetForOrderQuestions};

// Random features, questions and encoder labels for a small head: a stand-in training set.
struct SmallTrainingSet {
  avqa::BuiltinConfig config;
  avqa::training::EncodedVideos encoded;
  avqa::training::QuestionSet questions;
  avqa::training::EncoderLabels labels;

  explicit SmallTrainingSet(BuiltinArch arch, int64_t question_count = kQuestions) : config(avqa::test::smallHeadConfig(arch)) {
    torch::manual_seed(7);
    const int64_t t = config.time_steps, m = config.patchCount();
    encoded.audio = torch::randn({kVideos, t, config.audio_dim});
    encoded.visual = torch::randn({kVideos, t, config.visual_dim});
    encoded.patches = torch::randn({kVideos, t, m, config.patch_dim}) * 3.0;
    questions.video = torch::randint(0, kVideos, {question_count}, torch::kLong);
    questions.tokens = torch::randint(2, config.vocab_size, {question_count, config.max_len}, torch::kLong);
    questions.answer = torch::randint(0, config.classes, {question_count}, torch::kLong);
    questions.named = torch::zeros({question_count, kInstruments});
    questions.named.select(1, 3).fill_(1.0);
    questions.onset_rank = torch::randint(-1, 3, {question_count}, torch::kLong);
    labels.patch_class = torch::randint(0, 5, {kVideos, t, m}, torch::kLong);
    labels.sounding = torch::randint(0, 2, {kVideos, t, kInstruments}).to(torch::kFloat);
    labels.real = torch::ones({kVideos, t});
  }
};

std::vector<at::Tensor> weightsAfterSteps(SmallTrainingSet& set, torch::nn::Module& start, bool training, int workers, unsigned seed,
                                          int steps, avqa::training::HeadLossWeights weights, double* first_loss = nullptr,
                                          avqa::BatchGrouping grouping = avqa::BatchGrouping::Shuffled,
                                          const at::Tensor& batch = torch::arange(kQuestions, torch::kLong)) {
  const std::shared_ptr<avqa::builtin::HeadNet> head = avqa::builtin::makeHead(set.config);
  avqa::training::copyWeights(start, *head);
  head->train(training);
  const avqa::training::HeadFeatures features(set.encoded, set.config);
  torch::optim::SGD optimizer(head->parameters(), torch::optim::SGDOptions(0.1));
  HeadStepper stepper(*head, set.config, features, set.questions, &set.labels, weights, workers, seed, grouping);
  for (int step = 0; step < steps; ++step) {
    const std::optional<double> loss = stepper.step(batch, optimizer);
    EXPECT_TRUE(loss.has_value()) << "step " << step << " was skipped";
    if (step == 0 && first_loss && loss) *first_loss = *loss;
  }
  return avqa::training::snapshot(*head);
}

class HeadStepperTest : public ::testing::TestWithParam<BuiltinArch> {};

// Without dropout (eval mode) the parts' gradients, each weighed by its share of the batch,
// must add up to the whole batch's: the same loss and the same weights after three steps,
// each worker's copy of the head following the master's steps. (The
// grounding losses average over the rows that have a target, so a part's share of those rows
// is not its share of questions: with them the split is close, not equal.)
TEST_P(HeadStepperTest, SplittingTheBatchAcrossWorkersTakesTheWholeBatchsStep) {
  SmallTrainingSet set(GetParam());
  const std::shared_ptr<avqa::builtin::HeadNet> start = avqa::builtin::makeHead(set.config);
  const std::vector<at::Tensor> before = avqa::training::snapshot(*start);
  double whole_loss = 0.0, split_loss = 0.0;
  const std::vector<at::Tensor> whole = weightsAfterSteps(set, *start, false, 1, 1, 3, kAnswerOnly, &whole_loss);
  const std::vector<at::Tensor> split = weightsAfterSteps(set, *start, false, 3, 1, 3, kAnswerOnly, &split_loss);
  EXPECT_NEAR(whole_loss, split_loss, 1e-5);
  ASSERT_EQ(whole.size(), split.size());
  double moved = 0.0;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    EXPECT_TRUE(torch::allclose(whole[i], split[i], 1e-4, 1e-6)) << "weight " << i << " differs by "
                                                                 << (whole[i] - split[i]).abs().max().item<double>();
    moved = std::max(moved, (whole[i] - before[i]).abs().max().item<double>());
  }
  EXPECT_GT(moved, 1e-4) << "the steps should change the weights";
}

// Video-grouped batches hand the head each distinct video once: without dropout and without
// AVST's matching loss (which pairs videos, not question rows) the step must be the one the
// question rows take, maps grounded included, on one worker and split across two.
TEST_P(HeadStepperTest, VideoGroupedBatchesTakeTheStepTheQuestionRowsTake) {
  SmallTrainingSet set(GetParam());
  const std::shared_ptr<avqa::builtin::HeadNet> start = avqa::builtin::makeHead(set.config);
  avqa::training::HeadLossWeights grounded_no_aux = kGrounded;
  grounded_no_aux.aux = 0.0;
  // A dealt batch is split between workers by video; the question rows' reference gets the
  // same split (the grounding losses average over a part's rows with a target, so another split
  // is close, not equal).
  const at::Tensor by_video = std::get<1>(set.questions.video.sort(/*stable=*/true, 0, false));
  for (const int workers : {1, 2}) {
    for (const avqa::BatchGrouping grouping : {avqa::BatchGrouping::WholeVideos, avqa::BatchGrouping::VideoShares}) {
      const at::Tensor batch = grouping == avqa::BatchGrouping::VideoShares ? by_video : torch::arange(kQuestions, torch::kLong);
      double rows_loss = 0.0, grouped_loss = 0.0;
      const std::vector<at::Tensor> rows =
          weightsAfterSteps(set, *start, false, workers, 1, 3, grounded_no_aux, &rows_loss, avqa::BatchGrouping::Shuffled, batch);
      const std::vector<at::Tensor> grouped = weightsAfterSteps(set, *start, false, workers, 1, 3, grounded_no_aux, &grouped_loss, grouping,
                                                                grouping == avqa::BatchGrouping::VideoShares ? torch::arange(kQuestions, torch::kLong) : batch);
      const std::string what = std::to_string(workers) + " worker(s), grouping " + std::to_string(static_cast<int>(grouping));
      EXPECT_NEAR(rows_loss, grouped_loss, 1e-5) << what;
      for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_TRUE(torch::allclose(rows[i], grouped[i], 1e-4, 1e-6))
            << what << ": weight " << i << " differs by " << (rows[i] - grouped[i]).abs().max().item<double>();
      }
    }
  }
}

// With dropout each worker draws from its own generator: the same seed gives the same
// weights whatever the threads' timing, another seed other masks.
TEST_P(HeadStepperTest, WorkersAreDeterministicForASeedAndGiveTheirThreadsBack) {
  SmallTrainingSet set(GetParam());
  const std::shared_ptr<avqa::builtin::HeadNet> start = avqa::builtin::makeHead(set.config);
  const int threads_before = avqa::torchThreadsOfThisThread();
  avqa::setTorchThreadsForThisThread(2);
  const std::vector<at::Tensor> first = weightsAfterSteps(set, *start, true, 2, 1, 3, kGrounded);
  EXPECT_EQ(avqa::torchThreadsOfThisThread(), 2) << "the stepper sets one thread per worker only while it lives";
  avqa::setTorchThreadsForThisThread(threads_before);
  const std::vector<at::Tensor> again = weightsAfterSteps(set, *start, true, 2, 1, 3, kGrounded);
  const std::vector<at::Tensor> other_seed = weightsAfterSteps(set, *start, true, 2, 2, 3, kGrounded);
  bool any_differs = false;
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_TRUE(torch::equal(first[i], again[i])) << "weight " << i;
    any_differs = any_differs || !torch::equal(first[i], other_seed[i]);
  }
  EXPECT_TRUE(any_differs) << "another seed draws other dropout masks";
}

// Validation with workers: each takes every N-th chunk of 256 questions on its copy of the
// head, which must follow the master's steps to count what the master alone counts. 700
// questions make three chunks, the last one short.
TEST_P(HeadStepperTest, AfterStepsTheWorkersCountTheValidationAnswersTheMasterCounts) {
  SmallTrainingSet set(GetParam(), 700);
  set.questions.answer = set.questions.tokens.select(1, 0) % set.config.classes;  // learnable from the first word
  const std::shared_ptr<avqa::builtin::HeadNet> head = avqa::builtin::makeHead(set.config);
  const avqa::training::HeadFeatures features(set.encoded, set.config);
  torch::optim::Adam optimizer(head->parameters(), torch::optim::AdamOptions(0.01));
  HeadStepper stepper(*head, set.config, features, set.questions, &set.labels, kGrounded, 2, 1);
  const double untrained = stepper.accuracyPercent(set.questions);
  head->train();
  for (int step = 0; step < 40; ++step) {
    const int64_t first = (step * 64) % (700 - 64);
    ASSERT_TRUE(stepper.step(torch::arange(first, first + 64, torch::kLong), optimizer));
  }
  const double split = stepper.accuracyPercent(set.questions);
  const double master_alone = 100.0 * static_cast<double>(avqa::training::countRightAnswers(*head, features, set.questions, 0, 1)) / 700.0;
  EXPECT_DOUBLE_EQ(split, master_alone);
  EXPECT_GT(split, untrained) << "the steps should teach the head some of the first word's answers";
}

INSTANTIATE_TEST_SUITE_P(Heads, HeadStepperTest,
                         ::testing::Values(BuiltinArch::Avst, BuiltinArch::Pstp, BuiltinArch::AvMaster, BuiltinArch::AvUnified));

}  // namespace
