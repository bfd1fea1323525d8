#include "analysis/MapScores.h"

#include <algorithm>
#include <cmath>

#include "media/PatchGeometry.h"

namespace avqa {
namespace {

bool validMap(const PatchMap& map) {
  return map.rows > 0 && map.columns > 0 && map.weights.size() == static_cast<std::size_t>(map.rows * map.columns) &&
         map.frame.width() > 0 && map.frame.height() > 0;
}

bool insideAny(const std::vector<QRectF>& boxes, double x, double y) {
  return std::any_of(boxes.begin(), boxes.end(), [x, y](const QRectF& box) {
    return x >= box.left() && x < box.right() && y >= box.top() && y < box.bottom();
  });
}

}  // namespace

bool pointingHit(const PatchMap& map, const std::vector<QRectF>& boxes, double tolerance_px) {
  if (!validMap(map) || boxes.empty()) return false;
  const auto peak = std::max_element(map.weights.begin(), map.weights.end());
  if (*peak <= 0.0f) return false;
  const int index = static_cast<int>(peak - map.weights.begin());
  const QPointF centre = patchPixelBox(map.frame, map.rows, map.columns, map.crop, index / map.columns, index % map.columns).center();
  return std::any_of(boxes.begin(), boxes.end(), [&](const QRectF& box) {
    return box.adjusted(-tolerance_px, -tolerance_px, tolerance_px, tolerance_px).contains(centre);
  });
}

std::vector<float> mapAtFrame(const PatchMap& map) {
  if (!validMap(map)) return {};
  const int width = map.frame.width();
  const int height = map.frame.height();
  std::vector<float> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 0.0f);
  const QRect region = cropRegion(map.frame, map.crop);
  // Bilinear between cell centres is separable: each column's two cells and weight are the
  // same on every line, and each line first blends its two grid rows.
  struct Tap {
    int first = 0, second = 0;
    double weight = 0.0;  // of `second`
  };
  const auto taps = [](int pixels_across, int cells) {
    std::vector<Tap> out(static_cast<std::size_t>(pixels_across));
    for (int i = 0; i < pixels_across; ++i) {
      const double f = (i + 0.5) / pixels_across * cells - 0.5;
      const int low = static_cast<int>(std::floor(f));
      out[static_cast<std::size_t>(i)] = {std::clamp(low, 0, cells - 1), std::clamp(low + 1, 0, cells - 1), f - low};
    }
    return out;
  };
  const std::vector<Tap> columns = taps(region.width(), map.columns);
  const std::vector<Tap> lines = taps(region.height(), map.rows);
  std::vector<double> blended(static_cast<std::size_t>(map.columns));
  for (int y = 0; y < region.height(); ++y) {
    const Tap& line = lines[static_cast<std::size_t>(y)];
    const float* upper = map.weights.data() + static_cast<std::size_t>(line.first * map.columns);
    const float* lower = map.weights.data() + static_cast<std::size_t>(line.second * map.columns);
    for (int c = 0; c < map.columns; ++c) blended[static_cast<std::size_t>(c)] = upper[c] * (1 - line.weight) + lower[c] * line.weight;
    float* out = pixels.data() + static_cast<std::size_t>(region.top() + y) * static_cast<std::size_t>(width) +
                 static_cast<std::size_t>(region.left());
    for (int x = 0; x < region.width(); ++x) {
      const Tap& column = columns[static_cast<std::size_t>(x)];
      out[x] = static_cast<float>(blended[static_cast<std::size_t>(column.first)] * (1 - column.weight) +
                                  blended[static_cast<std::size_t>(column.second)] * column.weight);
    }
  }
  return pixels;
}

std::vector<unsigned char> boxMask(QSize frame, const std::vector<QRectF>& boxes) {
  std::vector<unsigned char> mask(static_cast<std::size_t>(std::max(0, frame.width() * frame.height())), 0);
  for (int y = 0; y < frame.height(); ++y) {
    for (int x = 0; x < frame.width(); ++x) {
      mask[static_cast<std::size_t>(y * frame.width() + x)] = insideAny(boxes, x + 0.5, y + 0.5) ? 1 : 0;
    }
  }
  return mask;
}

double energyInMask(const std::vector<float>& pixels, const std::vector<unsigned char>& mask) {
  double total = 0.0;
  double inside = 0.0;
  const std::size_t n = std::min(pixels.size(), mask.size());
  for (std::size_t i = 0; i < n; ++i) {  // branch-free: the compiler vectorises it
    total += pixels[i];
    inside += pixels[i] * static_cast<float>(mask[i]);
  }
  return total > 0.0 ? inside / total : 0.0;
}

double ciouInMask(const std::vector<float>& pixels, const std::vector<unsigned char>& mask, double threshold) {
  if (pixels.empty() || pixels.size() != mask.size()) return 0.0;
  const auto [low, high] = std::minmax_element(pixels.begin(), pixels.end());
  const double range = static_cast<double>(*high) - static_cast<double>(*low);
  double overlap = 0.0;
  double truth = 0.0;
  double outside = 0.0;
  if (range <= 0.0) return 0.0;  // a flat map selects nothing
  const double low_value = *low;
  const double cut = threshold * range;  // (v - low) / range >= t, without a division per pixel
  std::size_t truth_pixels = 0, overlap_pixels = 0, predicted_pixels = 0;
  for (std::size_t i = 0; i < pixels.size(); ++i) {
    const std::size_t predicted = static_cast<double>(pixels[i]) - low_value >= cut ? 1 : 0;
    truth_pixels += mask[i];
    overlap_pixels += predicted & mask[i];
    predicted_pixels += predicted;
  }
  truth = static_cast<double>(truth_pixels);
  overlap = static_cast<double>(overlap_pixels);
  outside = static_cast<double>(predicted_pixels - overlap_pixels);
  return truth + outside > 0.0 ? overlap / (truth + outside) : 0.0;
}

double energyInBoxes(const PatchMap& map, const std::vector<QRectF>& boxes) {
  return energyInMask(mapAtFrame(map), boxMask(map.frame, boxes));
}

double ciou(const PatchMap& map, const std::vector<QRectF>& boxes, double threshold) {
  return ciouInMask(mapAtFrame(map), boxMask(map.frame, boxes), threshold);
}

double ciouAuc(const std::vector<double>& cious) {
  if (cious.empty()) return 0.0;
  constexpr int kSteps = 20;  // thresholds 0, 0.05, ..., 1
  std::vector<double> success;
  for (int i = 0; i <= kSteps; ++i) {
    const double t = static_cast<double>(i) / kSteps;
    success.push_back(static_cast<double>(std::count_if(cious.begin(), cious.end(), [t](double v) { return v >= t - 1e-12; })) /
                      static_cast<double>(cious.size()));
  }
  double area = 0.0;
  for (int i = 0; i < kSteps; ++i) area += (success[static_cast<std::size_t>(i)] + success[static_cast<std::size_t>(i + 1)]) / 2.0 / kSteps;
  return area;
}

PatchMap uniformMap(const PatchMap& like) {
  PatchMap map = like;
  map.weights.assign(static_cast<std::size_t>(std::max(0, like.rows * like.columns)), 1.0f);
  return map;
}

PatchMap centreMap(const PatchMap& like) {
  PatchMap map = like;
  map.weights.assign(static_cast<std::size_t>(std::max(0, like.rows * like.columns)), 0.0f);
  const double sigma = std::min(like.frame.width(), like.frame.height()) / 4.0;
  const QPointF centre(like.frame.width() / 2.0, like.frame.height() / 2.0);
  for (int r = 0; r < like.rows; ++r) {
    for (int c = 0; c < like.columns; ++c) {
      const QPointF p = patchPixelBox(like.frame, like.rows, like.columns, like.crop, r, c).center() - centre;
      map.weights[static_cast<std::size_t>(r * like.columns + c)] =
          static_cast<float>(std::exp(-(p.x() * p.x() + p.y() * p.y()) / (2.0 * sigma * sigma)));
    }
  }
  return map;
}

}  // namespace avqa
