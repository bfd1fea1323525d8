#pragma once

#include <QRectF>
#include <QSize>
#include <string>
#include <vector>

namespace avqa {

// One patch map of one step, as the overlay draws it: [rows x columns] row-major weights over
// `crop` of a frame of `frame` pixels (see docs/attention-metrics.md).
struct PatchMap {
  std::vector<float> weights;
  int rows = 0;
  int columns = 0;
  std::string crop = "full-frame";
  QSize frame;
};

// The pointing game's tolerance: the evidence box is grown by this many pixels of the
// video's own frame on every side. 15 px is the literature's value at 224-ish resolutions;
// the synthetic benchmark's 320x240 frames are of that size, so we keep it.
inline constexpr double kPointingTolerancePx = 15.0;

// The one pointing hit every figure uses: the centre of the most attended patch lies inside
// an evidence box grown by `tolerance_px`. False for an all-zero map or no boxes.
bool pointingHit(const PatchMap& map, const std::vector<QRectF>& boxes, double tolerance_px = kPointingTolerancePx);

// The map at frame resolution exactly as the smooth overlay draws it: bilinear between patch
// centres (clamped at the grid's border) over the crop region, zero outside it. [h x w].
std::vector<float> mapAtFrame(const PatchMap& map);

// Share of the frame-resolution map's energy inside the union of the boxes (0 for no energy).
double energyInBoxes(const PatchMap& map, const std::vector<QRectF>& boxes);

// cIoU of the sound-source-localisation protocol: the frame-resolution map min-max
// normalised and thresholded at `threshold`; |pred ∩ gt| / (|gt| + |pred \ gt|), gt the
// pixels inside any box.
double ciou(const PatchMap& map, const std::vector<QRectF>& boxes, double threshold = 0.5);

// The same two figures on a map already at frame resolution (mapAtFrame) and a mask of the
// pixels inside the boxes (boxMask), so a question's steps share one mask.
std::vector<unsigned char> boxMask(QSize frame, const std::vector<QRectF>& boxes);
double energyInMask(const std::vector<float>& pixels, const std::vector<unsigned char>& mask);
double ciouInMask(const std::vector<float>& pixels, const std::vector<unsigned char>& mask, double threshold = 0.5);

// AUC of the success rate (share of cIoUs >= t) over t = 0, 0.05, ..., 1 (trapezoids).
double ciouAuc(const std::vector<double>& cious);

// Baseline maps on the same grid: every patch alike, and a Gaussian at the frame centre with
// sigma = 1/4 of the frame's short side (sampled at the patch centres).
PatchMap uniformMap(const PatchMap& like);
PatchMap centreMap(const PatchMap& like);

}  // namespace avqa
