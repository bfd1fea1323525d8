// The attention figures of docs/attention-metrics.md, against values worked out by hand and
// against an independent implementation in Python (tests/core/map_scores_reference.py).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "analysis/MapScores.h"
#include "support/TempDir.h"

namespace avqa {
namespace {

// 320x240, a 2x2 full-frame grid: patch centres (80,60) (240,60) (80,180) (240,180).
PatchMap twoByTwo(std::vector<float> weights) { return PatchMap{std::move(weights), 2, 2, "full-frame", QSize(320, 240)}; }

TEST(MapScores, PointingHitUsesThePeakCentreAndTheTolerance) {
  const std::vector<QRectF> top_right{QRectF(160, 0, 160, 120)};
  EXPECT_TRUE(pointingHit(twoByTwo({0.1f, 0.7f, 0.1f, 0.1f}), top_right));
  EXPECT_FALSE(pointingHit(twoByTwo({0.7f, 0.1f, 0.1f, 0.1f}), top_right));
  // A box whose edge lies 10 px from the peak's centre: a hit with the 15 px tolerance only.
  const std::vector<QRectF> near{QRectF(250, 0, 70, 120)};
  EXPECT_TRUE(pointingHit(twoByTwo({0.0f, 1.0f, 0.0f, 0.0f}), near));
  EXPECT_FALSE(pointingHit(twoByTwo({0.0f, 1.0f, 0.0f, 0.0f}), near, 0.0));
  EXPECT_FALSE(pointingHit(twoByTwo({0.0f, 0.0f, 0.0f, 0.0f}), top_right));  // no map, no hit
}

TEST(MapScores, CentreBaselinePeaksInTheMiddle) {
  PatchMap like{{}, 3, 3, "full-frame", QSize(300, 300)};
  const PatchMap centre = centreMap(like);
  EXPECT_FLOAT_EQ(centre.weights[4], 1.0f);
  // A corner patch centre is (50,50) from (150,150): exp(-(100^2+100^2)/(2*75^2)).
  EXPECT_NEAR(centre.weights[0], std::exp(-20000.0 / 11250.0), 1e-6);
  EXPECT_TRUE(pointingHit(centre, {QRectF(120, 120, 60, 60)}));
}

TEST(MapScores, PatchesTiedAtThePeakPointAtTheirMiddle) {
  // A column map (one band's weight over each of its rows): the peak is the column's middle,
  // not its top patch. 3x3 over 300x300: the middle column's centre is (150,150).
  PatchMap column{{0.0f, 0.2f, 0.0f, 0.0f, 0.2f, 0.0f, 0.0f, 0.2f, 0.0f}, 3, 3, "full-frame", QSize(300, 300)};
  const QRectF player(110, 110, 80, 180);  // the lower two thirds of the middle column
  EXPECT_TRUE(pointingHit(column, {player}));
  const QRectF sky(110, 0, 80, 60);  // the top patch alone
  EXPECT_FALSE(pointingHit(column, {sky}, 0.0));
  // Two tied patches apart point between them: (50,50) and (250,250) -> (150,150).
  PatchMap corners{{0.5f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.5f}, 3, 3, "full-frame", QSize(300, 300)};
  EXPECT_TRUE(pointingHit(corners, {QRectF(140, 140, 20, 20)}, 0.0));
  EXPECT_FALSE(pointingHit(corners, {QRectF(0, 0, 100, 100)}, 0.0));
}

TEST(MapScores, CiouOfAMapFillingExactlyTheBoxIsOne) {
  // The top row at full weight: upsampled bilinearly, the map is >= half its peak exactly on
  // the top half of the frame (y < 120), so the top-half box scores 1 and the bottom half 0.
  const PatchMap map = twoByTwo({1.0f, 1.0f, 0.0f, 0.0f});
  EXPECT_NEAR(ciou(map, {QRectF(0, 0, 320, 120)}), 1.0, 1e-9);
  EXPECT_NEAR(ciou(map, {QRectF(0, 120, 320, 120)}), 0.0, 1e-9);
  EXPECT_NEAR(energyInBoxes(map, {QRectF(0, 0, 320, 240)}), 1.0, 1e-9);
}

TEST(MapScores, AucOfTheSuccessRate) {
  EXPECT_NEAR(ciouAuc({1.0}), 1.0, 1e-12);
  EXPECT_NEAR(ciouAuc({0.0}), 0.025, 1e-12);  // only threshold 0 succeeds: one half-trapezoid
  EXPECT_NEAR(ciouAuc({0.5, 0.5}), 0.5 + 0.025, 1e-12);  // thresholds 0..0.5 succeed
}

TEST(MapScores, AgreeWithAnIndependentPythonImplementation) {
  test::TempDir dir;
  const std::string out = dir.file("reference.txt");
  const std::string command = "/usr/bin/python3 " + std::string(AVQA_TESTS_DIR) + "/core/map_scores_reference.py > " + out;
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::ifstream lines(out);
  std::string line;
  int cases = 0;
  while (std::getline(lines, line)) {
    // rows cols crop width height w... | box x0 y0 x1 y1 | ciou energy hit
    std::istringstream in(line);
    PatchMap map;
    in >> map.rows >> map.columns >> map.crop;
    int width = 0, height = 0;
    in >> width >> height;
    map.frame = QSize(width, height);
    map.weights.resize(static_cast<std::size_t>(map.rows * map.columns));
    for (float& w : map.weights) in >> w;
    double x0, y0, x1, y1, expected_ciou, expected_energy;
    int expected_hit;
    in >> x0 >> y0 >> x1 >> y1 >> expected_ciou >> expected_energy >> expected_hit;
    const std::vector<QRectF> boxes{QRectF(QPointF(x0, y0), QPointF(x1, y1))};
    EXPECT_NEAR(ciou(map, boxes), expected_ciou, 1e-4) << line;
    EXPECT_NEAR(energyInBoxes(map, boxes), expected_energy, 1e-4) << line;
    EXPECT_EQ(pointingHit(map, boxes) ? 1 : 0, expected_hit) << line;
    ++cases;
  }
  EXPECT_GE(cases, 20);
}

}  // namespace
}  // namespace avqa
