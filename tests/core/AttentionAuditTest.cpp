// The audit's summaries and lists on figures worked out by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "analysis/AttentionAudit.h"

namespace avqa {
namespace {

AuditedQuestion question(std::int64_t row, bool right, double sound_pointing, const char* group) {
  AuditedQuestion q;
  q.row = row;
  q.right = right;
  q.group = group;
  q.template_text = "Is the <Object> playing?";
  MapFigures map;
  map.steps = 2;
  map.pointing = sound_pointing;
  map.pointing_uniform = 0.25;
  map.energy = sound_pointing / 2;
  q.figures.sound_spatial = map;
  q.figures.temporal_mass = 0.5;
  q.figures.temporal_mass_uniform = 0.4;
  return q;
}

TEST(AttentionAudit, ListsPutEachQuestionWhereItBelongs) {
  const std::vector<AuditedQuestion> questions = {question(1, true, 0.0, "A/C"), question(2, false, 1.0, "A/C"),
                                                  question(3, true, 1.0, "V/L"), question(4, true, 0.5, "V/L")};
  const auto right_wrong_place = auditList(questions, AuditList::RightWrongPlace);
  ASSERT_EQ(right_wrong_place.size(), 1u);
  EXPECT_EQ(right_wrong_place[0]->row, 1);
  const auto wrong_right_place = auditList(questions, AuditList::WrongRightPlace);
  ASSERT_EQ(wrong_right_place.size(), 1u);
  EXPECT_EQ(wrong_right_place[0]->row, 2);
  EXPECT_EQ(auditList(questions, AuditList::All).size(), 4u);
  // Half of the evidence seconds is on the evidence (the boundary counts as on).
  EXPECT_TRUE(*attentionOnEvidence(questions[3].figures));
  // Without a spatial map, time decides: 0.5 of the weight on evidence worth 0.4 uniformly.
  QuestionFigures temporal_only;
  temporal_only.temporal_mass = 0.5;
  temporal_only.temporal_mass_uniform = 0.4;
  EXPECT_TRUE(*attentionOnEvidence(temporal_only));
  EXPECT_FALSE(attentionOnEvidence(QuestionFigures{}).has_value());
}

TEST(AttentionAudit, GroupMeansCarryTheir95PercentInterval) {
  const std::vector<AuditedQuestion> questions = {question(1, true, 0.0, "A/C"), question(2, false, 1.0, "A/C"),
                                                  question(3, true, 1.0, "V/L")};
  const std::vector<AuditRow> rows = summariseAudit(questions, AuditGrouping::Groups);
  ASSERT_EQ(rows.size(), 3u);  // A/C, V/L, Overall
  EXPECT_EQ(rows[0].name, "A/C");
  const FigureMean& pointing = rows[0].figures.at("sound.pointing");
  EXPECT_EQ(pointing.n, 2);
  EXPECT_DOUBLE_EQ(pointing.mean, 0.5);
  // sd of {0, 1} is sqrt(0.5); 1.96 * sqrt(0.5) / sqrt(2) = 0.98.
  EXPECT_NEAR(pointing.ci95, 0.98, 1e-9);
  EXPECT_EQ(rows[1].figures.at("sound.pointing").ci95, 0.0);  // one question: no interval
  EXPECT_EQ(rows[2].name, "Overall");
  EXPECT_EQ(rows[2].questions, 3);
  EXPECT_NEAR(rows[2].figures.at("sound.pointing").mean, 2.0 / 3.0, 1e-12);
  ASSERT_TRUE(rows[2].sound_ciou_auc.has_value());
  const std::vector<AuditRow> by_template = summariseAudit(questions, AuditGrouping::Templates);
  ASSERT_EQ(by_template.size(), 2u);
  EXPECT_EQ(by_template[0].name, "Is the <Object> playing?");
}

}  // namespace
}  // namespace avqa
