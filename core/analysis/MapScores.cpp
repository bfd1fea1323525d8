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
  const auto cell = [&](int r, int c) {
    r = std::clamp(r, 0, map.rows - 1);
    c = std::clamp(c, 0, map.columns - 1);
    return map.weights[static_cast<std::size_t>(r * map.columns + c)];
  };
  for (int y = region.top(); y <= region.bottom(); ++y) {
    const double fy = (y - region.top() + 0.5) / region.height() * map.rows - 0.5;
    const int r0 = static_cast<int>(std::floor(fy));
    const double ty = fy - r0;
    for (int x = region.left(); x <= region.right(); ++x) {
      const double fx = (x - region.left() + 0.5) / region.width() * map.columns - 0.5;
      const int c0 = static_cast<int>(std::floor(fx));
      const double tx = fx - c0;
      const double top = cell(r0, c0) * (1 - tx) + cell(r0, c0 + 1) * tx;
      const double bottom = cell(r0 + 1, c0) * (1 - tx) + cell(r0 + 1, c0 + 1) * tx;
      pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)] =
          static_cast<float>(top * (1 - ty) + bottom * ty);
    }
  }
  return pixels;
}

double energyInBoxes(const PatchMap& map, const std::vector<QRectF>& boxes) {
  const std::vector<float> pixels = mapAtFrame(map);
  double total = 0.0;
  double inside = 0.0;
  for (int y = 0; y < map.frame.height() && !pixels.empty(); ++y) {
    for (int x = 0; x < map.frame.width(); ++x) {
      const double value = pixels[static_cast<std::size_t>(y * map.frame.width() + x)];
      total += value;
      if (insideAny(boxes, x + 0.5, y + 0.5)) inside += value;
    }
  }
  return total > 0.0 ? inside / total : 0.0;
}

double ciou(const PatchMap& map, const std::vector<QRectF>& boxes, double threshold) {
  const std::vector<float> pixels = mapAtFrame(map);
  if (pixels.empty()) return 0.0;
  const auto [low, high] = std::minmax_element(pixels.begin(), pixels.end());
  const double range = static_cast<double>(*high) - static_cast<double>(*low);
  double overlap = 0.0;
  double truth = 0.0;
  double outside = 0.0;
  for (int y = 0; y < map.frame.height(); ++y) {
    for (int x = 0; x < map.frame.width(); ++x) {
      const double value = pixels[static_cast<std::size_t>(y * map.frame.width() + x)];
      const bool predicted = range > 0.0 && (value - *low) / range >= threshold;
      const bool in_truth = insideAny(boxes, x + 0.5, y + 0.5);
      truth += in_truth ? 1.0 : 0.0;
      overlap += predicted && in_truth ? 1.0 : 0.0;
      outside += predicted && !in_truth ? 1.0 : 0.0;
    }
  }
  return truth + outside > 0.0 ? overlap / (truth + outside) : 0.0;
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
