#include <gtest/gtest.h>

#include "analysis/Faithfulness.h"

namespace avqa {
namespace {

// 320x240 frame, a 2x2 full-frame grid, evidence in seconds 1-2 inside the top-right box:
// only patch (0, 1) has its centre (240, 60) in the box, so uniform attention scores 1/4.
AttentionReadout readoutWith(std::vector<float> map_rows) {
  AttentionReadout readout;
  readout.steps = planTimeSteps(4, 4, 1.0, StepPlacement::FirstSeconds);
  readout.frame = QSize(320, 240);
  readout.spatial = AttentionMap{std::move(map_rows), 2, 2};
  return readout;
}

const Evidence kEvidence{{1, 2}, {QRectF(160, 0, 160, 120)}};

std::vector<float> peakedAt(int patch) {
  std::vector<float> rows(16, 0.02f);
  for (int step = 0; step < 4; ++step) rows[static_cast<std::size_t>(step * 4 + patch)] = 0.94f;
  return rows;
}

TEST(Faithfulness, MapPeakedInsideTheBoxScoresOne) {
  FaithfulnessAccumulator accumulator;
  accumulator.add(readoutWith(peakedAt(1)), kEvidence);
  const FaithfulnessReport report = accumulator.report();
  EXPECT_DOUBLE_EQ(*report.pointing_game_question.model, 1.0);
  EXPECT_NEAR(*report.energy_in_box_question.model, 0.94, 1e-6);
  EXPECT_DOUBLE_EQ(*report.pointing_game_question.uniform, 0.25);
  EXPECT_DOUBLE_EQ(*report.coverage_question.model, 1.0);
  EXPECT_FALSE(report.pointing_game_sound.model.has_value());  // no sound-guided map: null
  EXPECT_FALSE(report.temporal_mass_in_evidence.model.has_value());
}

TEST(Faithfulness, MapPeakedOutsideScoresZeroAndUniformMatchesItsExpectation) {
  FaithfulnessAccumulator outside;
  outside.add(readoutWith(peakedAt(2)), kEvidence);
  EXPECT_DOUBLE_EQ(*outside.report().pointing_game_question.model, 0.0);
  FaithfulnessAccumulator uniform;
  uniform.add(readoutWith(std::vector<float>(16, 0.25f)), kEvidence);
  EXPECT_DOUBLE_EQ(*uniform.report().energy_in_box_question.model, *uniform.report().energy_in_box_question.uniform);
}

TEST(Faithfulness, CoverageCountsOnlySecondsWithAMap) {
  std::vector<float> rows = peakedAt(1);
  std::fill_n(rows.begin() + 8, 4, 0.0f);  // no map at step 2 (second 2)
  FaithfulnessAccumulator accumulator;
  accumulator.add(readoutWith(rows), kEvidence);
  EXPECT_DOUBLE_EQ(*accumulator.report().coverage_question.model, 0.5);
  EXPECT_DOUBLE_EQ(*accumulator.report().pointing_game_question.model, 1.0);  // over the covered second
}

TEST(Faithfulness, TemporalMassAndHitRate) {
  AttentionReadout readout = readoutWith(peakedAt(1));
  readout.temporal = std::vector<float>{0.1f, 0.4f, 0.4f, 0.1f};
  readout.temporal_selected = std::vector<float>{0, 1, 0, 0};
  FaithfulnessAccumulator accumulator;
  accumulator.add(readout, kEvidence);
  readout.temporal_selected = std::vector<float>{1, 0, 0, 0};  // a second question that misses
  accumulator.add(readout, kEvidence);
  const FaithfulnessReport report = accumulator.report();
  EXPECT_NEAR(*report.temporal_mass_in_evidence.model, 0.8, 1e-6);
  EXPECT_DOUBLE_EQ(*report.temporal_mass_in_evidence.uniform, 0.5);  // 2 of 4 steps
  EXPECT_DOUBLE_EQ(*report.temporal_hit_rate.model, 0.5);
  EXPECT_DOUBLE_EQ(*report.temporal_hit_rate.uniform, 0.5);  // one random step of four hits 2 of 4
}

TEST(Faithfulness, PartialEvidenceLeavesOutWholeClipAnswers) {
  AttentionReadout readout = readoutWith(peakedAt(1));
  readout.temporal = std::vector<float>{0.1f, 0.4f, 0.4f, 0.1f};
  FaithfulnessAccumulator accumulator;
  accumulator.add(readout, kEvidence);  // evidence: 2 of 4 steps, mass 0.8
  Evidence whole_clip = kEvidence;
  whole_clip.seconds = {0, 1, 2, 3};
  accumulator.add(readout, whole_clip);  // every curve scores 1 here
  const FaithfulnessReport report = accumulator.report();
  EXPECT_NEAR(*report.temporal_mass_in_evidence.model, 0.9, 1e-6);
  EXPECT_DOUBLE_EQ(*report.temporal_mass_in_evidence.uniform, 0.75);
  EXPECT_NEAR(*report.temporal_mass_in_partial_evidence.model, 0.8, 1e-6);
  EXPECT_DOUBLE_EQ(*report.temporal_mass_in_partial_evidence.uniform, 0.5);
  FaithfulnessAccumulator only_whole;
  only_whole.add(readout, whole_clip);
  EXPECT_FALSE(only_whole.report().temporal_mass_in_partial_evidence.model.has_value());
}

}  // namespace
}  // namespace avqa
