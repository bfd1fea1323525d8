// The four built-in heads, on small configurations and random inputs: shapes, softmaxes,
// per-sample selection, gradients to every parameter, determinism.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "builtin/BuiltinModelFormat.h"
#include "builtin/detail/HeadNet.h"
#include "common/AvqaError.h"
#include "RandomHeadInputs.h"
#include "SmallHeadConfig.h"

namespace {

using avqa::BuiltinArch;
using avqa::BuiltinConfig;
using avqa::builtin::HeadInputs;
using avqa::builtin::HeadOutputs;

BuiltinConfig smallConfig(BuiltinArch arch) { return avqa::test::smallHeadConfig(arch); }

HeadInputs randomInputs(const BuiltinConfig& config, int64_t batch, uint64_t seed) {
  return avqa::test::randomHeadInputs(config, batch, seed);
}

HeadInputs sample(const HeadInputs& inputs, int64_t i) {
  HeadInputs one;
  one.audio = inputs.audio.narrow(0, i, 1);
  one.visual = inputs.visual.narrow(0, i, 1);
  one.patches = inputs.patches.narrow(0, i, 1);
  one.question = inputs.question.narrow(0, i, 1);
  return one;
}

void expectRowsSumToOne(const at::Tensor& weights, const char* what) {
  ASSERT_TRUE(weights.defined()) << what;
  EXPECT_TRUE(torch::allclose(weights.sum(-1), torch::ones_like(weights.sum(-1)), 1e-4, 1e-5)) << what << " rows do not sum to 1";
  EXPECT_GE(weights.min().item<float>(), 0.0f) << what;
}

// A question's weights over (step, band) keys as a column map: 1 per step, alike down a column.
void expectBandMap(const at::Tensor& spatial, const BuiltinConfig& config, int64_t batch) {
  ASSERT_TRUE(spatial.defined()) << "no band map";
  EXPECT_EQ(spatial.sizes(), (std::vector<int64_t>{batch, config.time_steps, config.patchCount()}));
  expectRowsSumToOne(spatial.flatten(0, 1), "spatial (band map)");
  const at::Tensor grid_map = spatial.view({batch, config.time_steps, config.grid, config.grid});
  EXPECT_TRUE(torch::equal(grid_map, grid_map.narrow(2, 0, 1).expand_as(grid_map))) << "a band says which column, not which row";
  EXPECT_GT((grid_map.select(2, 0).amax(-1) - grid_map.select(2, 0).amin(-1)).min().item<float>(), 0.0f)
      << "the columns are weighed differently";
}

class BuiltinHead : public ::testing::TestWithParam<BuiltinArch> {};

TEST_P(BuiltinHead, ReadoutsHaveTheContractShapesAndSoftmaxesSumToOne) {
  const BuiltinConfig config = smallConfig(GetParam());
  torch::manual_seed(3);
  auto head = avqa::builtin::makeHead(config);
  head->eval();
  torch::NoGradGuard no_grad;
  const HeadOutputs out = head->forward(randomInputs(config, 2, 7));
  const int64_t t = config.time_steps, m = config.patchCount();
  EXPECT_EQ(out.logits.sizes(), (std::vector<int64_t>{2, config.classes}));
  ASSERT_TRUE(out.temporal.defined());
  EXPECT_EQ(out.temporal.sizes(), (std::vector<int64_t>{2, t}));
  EXPECT_FALSE(out.aux_loss.defined()) << "the extra loss is for training only";
  switch (GetParam()) {
    case BuiltinArch::Avst:
      expectRowsSumToOne(out.temporal, "temporal");
      expectRowsSumToOne(out.sound_spatial, "sound_spatial");
      EXPECT_EQ(out.sound_spatial.sizes(), (std::vector<int64_t>{2, t, m}));
      expectBandMap(out.spatial, config, 2);  // the question's visual attention over the bands
      EXPECT_FALSE(out.temporal_selected.defined() || out.logits_audio.defined());
      break;
    case BuiltinArch::Pstp: {
      // Segment weights sum to 1 over segments; each is repeated over its steps.
      const int64_t segment_len = t / config.segments;
      expectRowsSumToOne(out.temporal.view({2, config.segments, segment_len}).select(2, 0), "TSSM segment weights");
      const at::Tensor selected = out.temporal_selected;
      EXPECT_TRUE(torch::equal(selected.sum(1), torch::full({2}, static_cast<float>(config.top_k_segments * segment_len))));
      for (int64_t b = 0; b < 2; ++b) {
        for (int64_t s = 0; s < t; ++s) {
          const bool kept = selected[b][s].item<float>() > 0.5f;
          const float spatial = out.spatial[b][s].sum().item<float>();
          const float sound = out.sound_spatial[b][s].sum().item<float>();
          EXPECT_NEAR(spatial, kept ? 1.0f : 0.0f, 1e-4) << "SRSM row " << s;
          EXPECT_NEAR(sound, kept ? 1.0f : 0.0f, 1e-4) << "AVAM row " << s;
          EXPECT_EQ(out.sound_spatial[b][s].gt(0).sum().item<int64_t>(), kept ? config.top_m_patches : 0)
              << "AVAM looks only at the top-m patches";
        }
      }
      break;
    }
    case BuiltinArch::AvMaster:
      expectRowsSumToOne(out.temporal, "temporal");
      expectRowsSumToOne(out.tokens_audio, "tokens_audio");
      expectRowsSumToOne(out.tokens_visual, "tokens_visual");
      EXPECT_EQ(out.tokens_audio.narrow(1, 5, 2).abs().sum().item<float>(), 0.0f) << "no attention on padding";
      EXPECT_TRUE(torch::allclose(out.logits, out.logits_audio + out.logits_visual)) << "predictions are summed";
      EXPECT_FALSE(out.sound_spatial.defined());
      expectBandMap(out.spatial, config, 2);  // the visual decoder's weights over the bands
      break;
    case BuiltinArch::AvUnified:
      expectRowsSumToOne(out.temporal, "temporal (audio and visual halves summed)");
      expectRowsSumToOne(out.sound_spatial, "sound_spatial");
      EXPECT_EQ(out.spatial.sizes(), (std::vector<int64_t>{2, t, m}));
      EXPECT_TRUE((out.spatial.sum(-1) < 1.0).all().item<bool>()) << "W_SPM without its audio column";
      break;
  }
}

TEST_P(BuiltinHead, EachSampleOfABatchGetsWhatItGetsAlone) {
  const BuiltinConfig config = smallConfig(GetParam());
  torch::manual_seed(3);
  auto head = avqa::builtin::makeHead(config);
  head->eval();
  torch::NoGradGuard no_grad;
  const HeadInputs batch = randomInputs(config, 2, 11);
  const HeadOutputs together = head->forward(batch);
  for (int64_t i = 0; i < 2; ++i) {
    const HeadOutputs alone = head->forward(sample(batch, i));
    EXPECT_TRUE(torch::allclose(together.logits[i], alone.logits[0], 1e-4, 1e-5)) << "sample " << i;
    EXPECT_TRUE(torch::allclose(together.temporal[i], alone.temporal[0], 1e-4, 1e-6)) << "sample " << i;
    if (alone.temporal_selected.defined()) {
      EXPECT_TRUE(torch::equal(together.temporal_selected[i], alone.temporal_selected[0]));
    }
    if (alone.spatial.defined()) {
      EXPECT_TRUE(torch::allclose(together.spatial[i], alone.spatial[0], 1e-4, 1e-6));
    }
    if (alone.sound_spatial.defined()) {
      EXPECT_TRUE(torch::allclose(together.sound_spatial[i], alone.sound_spatial[0], 1e-4, 1e-6));
    }
  }
  if (GetParam() == BuiltinArch::Pstp) {
    // The published SelectTopM reuses sample 0's indices: two different samples must differ.
    EXPECT_FALSE(torch::equal(together.temporal_selected[0], together.temporal_selected[1]) &&
                 torch::equal(together.sound_spatial[0].gt(0), together.sound_spatial[1].gt(0)))
        << "two different samples selected the same segments and patches";
  }
}

TEST_P(BuiltinHead, TheLossReachesEveryParameter) {
  const BuiltinConfig config = smallConfig(GetParam());
  torch::manual_seed(3);
  auto head = avqa::builtin::makeHead(config);
  head->train();
  const HeadOutputs out = head->forward(randomInputs(config, 4, 5));
  at::Tensor loss = torch::nn::functional::cross_entropy(out.logits, torch::tensor({0, 1, 2, 3}, torch::kLong));
  if (out.aux_loss.defined()) loss = loss + out.aux_loss;
  loss.backward();
  for (const auto& item : head->named_parameters()) {
    const at::Tensor& grad = item.value().grad();
    EXPECT_TRUE(grad.defined() && grad.abs().sum().item<double>() > 0.0) << item.key() << " gets no gradient";
  }
}

// The heads that fill a question-guided map.
class QuestionMapHead : public ::testing::TestWithParam<BuiltinArch> {};

TEST_P(QuestionMapHead, TrainsItsQueryNotTheQuestionEncoder) {
  const BuiltinConfig config = smallConfig(GetParam());
  torch::manual_seed(3);
  auto head = avqa::builtin::makeHead(config);
  const HeadInputs inputs = randomInputs(config, 2, 5);
  head->eval();
  const at::Tensor inference_map = head->forward(inputs).spatial;
  head->train();
  const HeadOutputs out = head->forward(inputs);
  ASSERT_TRUE(out.spatial.defined());
  EXPECT_TRUE(torch::allclose(out.spatial, inference_map, 1e-5, 1e-6)) << "training shows the map inference shows";
  (out.spatial * torch::randn_like(out.spatial)).sum().backward();  // as a grounding loss would
  bool query_learns = false;
  for (const auto& item : head->named_parameters()) {
    const at::Tensor& grad = item.value().grad();
    const bool moved = grad.defined() && grad.abs().sum().item<double>() > 0.0;
    if (item.key().rfind("question.", 0) == 0) {
      EXPECT_FALSE(moved) << item.key() << " is moved by the map's loss";
    }
    if (item.key() == "srsm_query.weight" || item.key() == "spatial_query.weight") query_learns = moved;
  }
  EXPECT_TRUE(query_learns) << "the map's own query gets no gradient";
}

// PSTP-Net's sound map weighs every patch of the kept steps in training, so AVAM's query
// learns where the sound is wherever SRSM looked; the sound map's loss leaves SRSM alone (its
// own map's loss trains it: QuestionMapHead).
TEST(PstpGrounding, TrainsTheSoundQueryOverEveryKeptPatchAndLeavesSrsmAlone) {
  const BuiltinConfig config = smallConfig(BuiltinArch::Pstp);
  torch::manual_seed(3);
  auto head = avqa::builtin::makeHead(config);
  const HeadInputs inputs = randomInputs(config, 2, 5);
  head->eval();
  const HeadOutputs inference = head->forward(inputs);
  head->train();
  const HeadOutputs out = head->forward(inputs);
  EXPECT_TRUE(torch::allclose(out.spatial, inference.spatial, 1e-5, 1e-6)) << "training shows the SRSM map inference shows";
  const int64_t m = config.patchCount();
  for (int64_t b = 0; b < 2; ++b) {
    for (int64_t s = 0; s < config.time_steps; ++s) {
      const bool kept = inference.temporal_selected[b][s].item<float>() > 0.5f;
      EXPECT_EQ(out.sound_spatial[b][s].gt(0).sum().item<int64_t>(), kept ? m : 0) << "step " << s;
      EXPECT_EQ(inference.sound_spatial[b][s].gt(0).sum().item<int64_t>(), kept ? config.top_m_patches : 0) << "step " << s;
    }
  }
  (out.sound_spatial * torch::randn_like(out.sound_spatial)).sum().backward();  // as a grounding loss would
  const auto moved = [&](const std::string& name) {
    const at::Tensor& grad = head->named_parameters()[name].grad();
    return grad.defined() && grad.abs().sum().item<double>() > 0.0;
  };
  EXPECT_TRUE(moved("avam_query.weight")) << "AVAM's query gets no gradient";
  EXPECT_FALSE(moved("srsm_query.weight")) << "the sound map's loss moves SRSM";
}

TEST_P(BuiltinHead, TheSameSeedGivesTheSameWeightsAfterSteps) {
  const BuiltinConfig config = smallConfig(GetParam());
  const auto train = [&](uint64_t seed) {
    torch::manual_seed(seed);
    auto head = avqa::builtin::makeHead(config);
    head->train();
    torch::optim::Adam optimizer(head->parameters(), torch::optim::AdamOptions(1e-2));
    for (int step = 0; step < 3; ++step) {
      optimizer.zero_grad();
      const HeadOutputs out = head->forward(randomInputs(config, 4, 100 + static_cast<uint64_t>(step)));
      at::Tensor loss = torch::nn::functional::cross_entropy(out.logits, torch::tensor({0, 1, 2, 3}, torch::kLong));
      if (out.aux_loss.defined()) loss = loss + out.aux_loss;
      loss.backward();
      optimizer.step();
    }
    std::vector<at::Tensor> weights;
    for (const at::Tensor& p : head->parameters()) weights.push_back(p.detach().clone());
    return weights;
  };
  const std::vector<at::Tensor> first = train(1), second = train(1), other = train(2);
  ASSERT_EQ(first.size(), second.size());
  bool all_equal_other = true;
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_TRUE(torch::equal(first[i], second[i])) << "parameter " << i;
    all_equal_other = all_equal_other && torch::equal(first[i], other[i]);
  }
  EXPECT_FALSE(all_equal_other) << "another seed should give other weights";
}

INSTANTIATE_TEST_SUITE_P(Architectures, BuiltinHead,
                         ::testing::Values(BuiltinArch::Avst, BuiltinArch::Pstp, BuiltinArch::AvMaster, BuiltinArch::AvUnified),
                         [](const ::testing::TestParamInfo<BuiltinArch>& param_info) { return avqa::builtinArchName(param_info.param); });

INSTANTIATE_TEST_SUITE_P(Architectures, QuestionMapHead, ::testing::Values(BuiltinArch::Pstp, BuiltinArch::AvUnified),
                         [](const ::testing::TestParamInfo<BuiltinArch>& param_info) { return avqa::builtinArchName(param_info.param); });

TEST(BuiltinConfigTest, PaperScaleIsThePapers) {
  BuiltinConfig config = BuiltinConfig::paperScale(BuiltinArch::Pstp);
  EXPECT_EQ(config.time_steps, 60);
  EXPECT_EQ(config.segments, 20);
  EXPECT_EQ(config.top_k_segments, 7);
  EXPECT_EQ(config.top_m_patches, 20);
  EXPECT_EQ(config.patchCount(), 49);
  EXPECT_EQ(config.model_dim, 512);
  config.top_k_segments = 21;
  config.vocab_size = 10;
  config.classes = 3;
  EXPECT_THROW(config.validate(), avqa::UsageError);
}

// AV-Master's layout code: with it the answer depends on where the patches stand, without it
// (files from before it) the patches are not read at all.
TEST(AvMasterLayout, TheAnswerSeesWhereInstrumentsStandOnlyWithLayoutColumns) {
  for (const int columns : {3, 0}) {
    BuiltinConfig config = smallConfig(BuiltinArch::AvMaster);
    config.layout_columns = columns;
    EXPECT_EQ(config.readsPatches(), columns > 0);
    torch::manual_seed(11);
    auto head = avqa::builtin::makeHead(config);
    head->eval();
    const HeadInputs inputs = randomInputs(config, 2, 13);
    HeadInputs mirrored = inputs;  // the same patches, the grid's columns reversed
    mirrored.patches = inputs.patches.view({2, config.time_steps, config.grid, config.grid, config.patch_dim}).flip({3}).reshape_as(inputs.patches);
    torch::NoGradGuard no_grad;
    const bool same = torch::allclose(head->forward(inputs).logits, head->forward(mirrored).logits, 1e-5, 1e-6);
    EXPECT_EQ(same, columns == 0) << columns << " layout columns";
    EXPECT_EQ(head->forward(inputs).spatial.defined(), columns > 0) << "the band map needs bands";
  }
}

// AVST: with its patch positions at zero the sound grounding does not know where a patch is,
// so only the layout bands can make the answer depend on a mirrored frame. The temporal curve
// stays one weight per second, summing to 1, with the bands' keys folded into their second.
TEST(AvstLayout, OnlyTheBandsTellTheAnswerWhereInstrumentsStand) {
  for (const int columns : {3, 0}) {
    BuiltinConfig config = smallConfig(BuiltinArch::Avst);
    config.layout_columns = columns;
    torch::manual_seed(11);
    auto head = avqa::builtin::makeHead(config);
    head->eval();
    {
      torch::NoGradGuard no_grad;
      head->named_parameters()["patch_position"].zero_();
    }
    const HeadInputs inputs = randomInputs(config, 2, 13);
    HeadInputs mirrored = inputs;
    mirrored.patches = inputs.patches.view({2, config.time_steps, config.grid, config.grid, config.patch_dim}).flip({3}).reshape_as(inputs.patches);
    torch::NoGradGuard no_grad;
    const HeadOutputs out = head->forward(inputs);
    EXPECT_EQ(out.temporal.sizes(), (std::vector<int64_t>{2, config.time_steps}));
    EXPECT_TRUE(torch::allclose(out.temporal.sum(1), torch::ones({2}), 1e-5, 1e-6));
    const bool same = torch::allclose(out.logits, head->forward(mirrored).logits, 1e-5, 1e-6);
    EXPECT_EQ(same, columns == 0) << columns << " layout columns";
    EXPECT_EQ(out.spatial.defined(), columns > 0) << "the band map needs bands";
  }
}

// Training computes each video's layout bands and normalised patch codes once and hands them
// in, without the patches; inference leaves them to the head. Both must answer alike.
TEST_P(BuiltinHead, PrecomputedBandsAndPatchCodesAnswerAsThePatchesDo) {
  const BuiltinConfig config = smallConfig(GetParam());
  torch::manual_seed(11);
  auto head = avqa::builtin::makeHead(config);
  head->eval();
  const HeadInputs inputs = randomInputs(config, 3, 17);
  const at::Tensor order = torch::tensor({2, 0, 1});
  HeadInputs precomputed;
  precomputed.audio = inputs.audio.index_select(0, order);
  precomputed.visual = inputs.visual.index_select(0, order);
  precomputed.question = inputs.question.index_select(0, order);
  if (config.layout_columns > 0) {
    const at::Tensor all_bands = avqa::builtin::layoutBands(inputs.patches, config.grid, config.layout_columns);
    EXPECT_EQ(all_bands.sizes(), (std::vector<int64_t>{3, config.time_steps, config.layout_columns, config.patch_dim}));
    precomputed.bands = all_bands.index_select(0, order);
  }
  if (config.attendsOverPatches()) precomputed.patch_codes = avqa::builtin::normalizeCodes(inputs.patches).index_select(0, order);
  EXPECT_EQ(config.readsPatches(), precomputed.bands.defined() || precomputed.patch_codes.defined());
  torch::NoGradGuard no_grad;
  const HeadOutputs expected = head->forward(inputs);
  const HeadOutputs got = head->forward(precomputed);
  EXPECT_TRUE(torch::allclose(got.logits, expected.logits.index_select(0, order), 1e-5, 1e-6));
  EXPECT_TRUE(torch::allclose(got.temporal, expected.temporal.index_select(0, order), 1e-5, 1e-6));
  if (expected.sound_spatial.defined()) {
    EXPECT_TRUE(torch::allclose(got.sound_spatial, expected.sound_spatial.index_select(0, order), 1e-5, 1e-6));
  }
}

TEST(AvMasterLayout, HeadersWithoutLayoutColumnsReadAsZeroAndNewOnesRoundTrip) {
  EXPECT_EQ(BuiltinConfig::demoScale(BuiltinArch::AvMaster).layout_columns, 7);  // what `train --arch avmaster` builds now
  EXPECT_EQ(BuiltinConfig::demoScale(BuiltinArch::Avst).layout_columns, 7);  // and `--arch avst`
  EXPECT_EQ(BuiltinConfig::demoScale(BuiltinArch::Pstp).layout_columns, 7);  // and `--arch pstp`
  EXPECT_EQ(BuiltinConfig::demoScale(BuiltinArch::AvUnified).layout_columns, 0);
  BuiltinConfig config = smallConfig(BuiltinArch::AvMaster);
  EXPECT_EQ(avqa::configFromJson(avqa::configToJsonText(config)).layout_columns, 3);
  nlohmann::json old_header = nlohmann::json::parse(avqa::configToJsonText(config));
  old_header.erase("layout_columns");
  EXPECT_EQ(avqa::configFromJson(old_header.dump()).layout_columns, 0);
  EXPECT_FALSE(avqa::configFromJson(old_header.dump()).readsPatches());
  config.layout_columns = config.grid + 1;
  EXPECT_THROW(config.validate(), avqa::UsageError);
}

// A question that attends only to itself leaves its steps' weights at exactly 0 in float, and
// the temporal readout divides by their sum (a 22-epoch training run's loss became NaN so).
// Saturate the key-fusion attention: a whole batch still gives finite readouts and gradients.
TEST(AvMasterTemporal, ASaturatedQuestionRowGivesFiniteReadoutsAndGradients) {
  const BuiltinConfig config = smallConfig(BuiltinArch::AvMaster);
  torch::manual_seed(5);
  auto head = avqa::builtin::makeHead(config);
  head->train();
  {
    torch::NoGradGuard no_grad;
    for (auto& item : head->named_parameters()) {
      if (item.key() == "query.weight" || item.key() == "key.weight") item.value().mul_(1000.0);
    }
  }
  const int64_t batch = 64;
  const HeadOutputs out = head->forward(randomInputs(config, batch, 21));
  const at::Tensor row_sums = out.temporal.sum(1);  // 1 unless the steps' weights underflowed
  ASSERT_TRUE((row_sums - 1).abs().gt(1e-3).logical_or(torch::isnan(row_sums)).any().item<bool>())
      << "no question row saturated: the case is not exercised";
  EXPECT_TRUE(torch::isfinite(out.temporal).all().item<bool>());
  EXPECT_TRUE(torch::isfinite(out.logits).all().item<bool>());
  torch::nn::functional::cross_entropy(out.logits, torch::zeros({batch}, torch::kLong)).backward();
  for (const auto& item : head->named_parameters()) {
    if (item.value().grad().defined()) {
      EXPECT_TRUE(torch::isfinite(item.value().grad()).all().item<bool>()) << item.key();
    }
  }
}

}  // namespace
