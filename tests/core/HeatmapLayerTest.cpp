// The heatmap's colour mapping, without a GPU: what the shader samples and the headless
// renderer blends.
#include <gtest/gtest.h>

#include "media/HeatmapLayer.h"

namespace avqa {
namespace {

FrameHeatmap twoByTwo(std::vector<float> weights) {
  FrameHeatmap heat;
  heat.rows = 2;
  heat.columns = 2;
  heat.weights = std::move(weights);
  return heat;
}

TEST(HeatmapLayer, HotCellTakesTheColormapsTopAndZeroStaysSeeThrough) {
  HeatmapLook look;
  look.sampling = HeatmapSampling::Blocky;
  const QImage layer = heatmapLayer(twoByTwo({0.0f, 2.0f, 1.0f, 0.0f}), look, 8);
  ASSERT_EQ(layer.size(), QSize(16, 16));
  const QImage lut = colormapLut(Colormap::Inferno);
  const QColor hot = layer.pixelColor(12, 4);  // row 0, column 1: the peak
  EXPECT_EQ(hot.alpha(), 255);
  EXPECT_EQ(hot.rgb() & 0xffffff, lut.pixel(255, 0) & 0xffffff);
  const QColor half = layer.pixelColor(4, 12);  // row 1, column 0: half the peak
  EXPECT_NEAR(half.alpha(), 128, 1);
  EXPECT_EQ(layer.pixelColor(4, 4).alpha(), 0);  // zero weight: nothing over the frame
}

TEST(HeatmapLayer, MirroredMapsSwapSidesAndSmoothBlendsBetweenCentres) {
  HeatmapLook look;
  look.sampling = HeatmapSampling::Blocky;
  FrameHeatmap heat = twoByTwo({1.0f, 0.0f, 0.0f, 0.0f});  // top left
  heat.mirror = Mirror::Horizontal;
  const QImage mirrored = heatmapLayer(heat, look, 8);
  EXPECT_EQ(mirrored.pixelColor(12, 4).alpha(), 255);
  EXPECT_EQ(mirrored.pixelColor(4, 4).alpha(), 0);
  heat.mirror = Mirror::None;
  look.sampling = HeatmapSampling::Smooth;
  const QImage smooth = heatmapLayer(heat, look, 8);
  EXPECT_EQ(smooth.pixelColor(0, 0).alpha(), 255);           // at and before the hot centre: full
  EXPECT_NEAR(smooth.pixelColor(8, 3).alpha(), 127, 20);     // half-way to the next centre
  EXPECT_EQ(smooth.pixelColor(15, 15).alpha(), 0);           // at and past the cold centres
}

TEST(HeatmapLayer, OutlinesKeptPatchesAndDrawsTheGrid) {
  HeatmapLook look;
  look.sampling = HeatmapSampling::Blocky;
  FrameHeatmap heat = twoByTwo({0.5f, 0.0f, 0.0f, 1.0f});
  heat.kept = {1, 0, 0, 1};
  const QImage kept = heatmapLayer(heat, look, 8);
  EXPECT_EQ(kept.pixelColor(0, 3), QColor(64, 255, 255, 242));  // border of a kept cell
  EXPECT_EQ(kept.pixelColor(8, 3).alpha(), 0);                   // border of a dropped cell
  EXPECT_NE(kept.pixelColor(3, 3), QColor(64, 255, 255, 242));   // inside: the heat colour
  look.kept_outlines = KeptOutlines::Hidden;
  look.grid_lines = GridLines::Shown;
  const QImage grid = heatmapLayer(heat, look, 8);
  EXPECT_EQ(grid.pixelColor(8, 3), QColor(255, 255, 255, 90));
  EXPECT_TRUE(heatmapLayer(twoByTwo({1.0f}), look).isNull()) << "weights that do not fill the grid";
}

}  // namespace
}  // namespace avqa
