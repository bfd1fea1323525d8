#pragma once

#include <QImage>
#include <string>
#include <vector>

#include "media/Colormap.h"
#include "media/PatchGeometry.h"

namespace avqa {

enum class HeatmapSampling { Smooth, Blocky };
enum class GridLines { Hidden, Shown };
enum class KeptOutlines { Hidden, Shown };

// A patch heatmap for one frame: [rows x columns] row-major weights on the part of the frame
// given by `crop`, placed by the same geometry as patchPixelBox().
struct FrameHeatmap {
  std::vector<float> weights;
  int rows = 0;
  int columns = 0;
  std::string crop = "full-frame";
  Mirror mirror = Mirror::None;
  std::vector<unsigned char> kept;  // [rows x columns] 1 for patches the model kept (top-m); empty: all
  // The weight drawn at full colour: 0 scales to this map's own peak (per-step scale); the
  // peak over all steps of an answer (or of A and B) puts every step on one colour scale.
  float scale_peak = 0.0f;
  // 0..1, multiplies the layer's alpha: dims a step the model gave little temporal weight.
  float strength = 1.0f;
};

struct HeatmapLook {
  Colormap colormap = Colormap::Inferno;
  HeatmapSampling sampling = HeatmapSampling::Smooth;
  GridLines grid_lines = GridLines::Hidden;
  KeptOutlines kept_outlines = KeptOutlines::Shown;
};

// The heatmap as colour: one RGBA image (straight alpha) of `cell_px` pixels per patch, to be
// stretched over the crop region. Weights are scaled to the map's peak; the colour is the
// colormap at that value and alpha the value itself, so weak attention stays see-through.
// Smooth interpolates between patch centres (like GL_LINEAR), Blocky keeps cells flat.
// Mirrored maps come out mirrored; grid lines and kept-patch outlines are drawn in. The GPU
// view only samples this image; the headless renderer blends the same image: one colour
// mapping for both, testable without a GPU.
QImage heatmapLayer(const FrameHeatmap& heatmap, const HeatmapLook& look, int cell_px = 32);

}  // namespace avqa
