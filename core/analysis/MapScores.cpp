#include "analysis/MapScores.h"

#include <algorithm>
#include <cstdint>
#include <cmath>

#include "media/PatchGeometry.h"

namespace avqa {
namespace {

bool validMap(const PatchMap& map) {
  return map.rows > 0 && map.columns > 0 && map.weights.size() == static_cast<std::size_t>(map.rows * map.columns) &&
         map.frame.width() > 0 && map.frame.height() > 0;
}

}  // namespace

bool pointingHit(const PatchMap& map, const std::vector<QRectF>& boxes, double tolerance_px) {
  if (!validMap(map) || boxes.empty()) return false;
  const auto peak = std::max_element(map.weights.begin(), map.weights.end());
  if (*peak <= 0.0f) return false;
  // Patches tied at the peak point at their middle: a map that weighs whole columns (a band
  // map) says which column, and its first row would be the sky above the player.
  QPointF centre;
  int tied = 0;
  for (int index = 0; index < static_cast<int>(map.weights.size()); ++index) {
    if (map.weights[static_cast<std::size_t>(index)] != *peak) continue;
    centre += patchPixelBox(map.frame, map.rows, map.columns, map.crop, index / map.columns, index % map.columns).center();
    ++tied;
  }
  centre /= tied;
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
  // same on every line, and each line's two grid rows and weight the same in every column.
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
  // Each grid row across the region once (the gathers), then each line a blend of two of
  // those rows: contiguous, so it vectorises.
  const std::size_t across_width = static_cast<std::size_t>(region.width());
  std::vector<float> across(static_cast<std::size_t>(map.rows) * across_width);
  for (int r = 0; r < map.rows; ++r) {
    const float* cells = map.weights.data() + static_cast<std::size_t>(r * map.columns);
    float* row = across.data() + static_cast<std::size_t>(r) * across_width;
    for (std::size_t x = 0; x < across_width; ++x) {
      const Tap& column = columns[x];
      row[x] = static_cast<float>(cells[column.first] * (1 - column.weight) + cells[column.second] * column.weight);
    }
  }
  for (int y = 0; y < region.height(); ++y) {
    const Tap& line = lines[static_cast<std::size_t>(y)];
    const float* upper = across.data() + static_cast<std::size_t>(line.first) * across_width;
    const float* lower = across.data() + static_cast<std::size_t>(line.second) * across_width;
    const float lower_weight = static_cast<float>(line.weight), upper_weight = 1.0f - lower_weight;
    float* out = pixels.data() + static_cast<std::size_t>(region.top() + y) * static_cast<std::size_t>(width) +
                 static_cast<std::size_t>(region.left());
    for (std::size_t x = 0; x < across_width; ++x) out[x] = upper[x] * upper_weight + lower[x] * lower_weight;
  }
  return pixels;
}

std::vector<unsigned char> boxMask(QSize frame, const std::vector<QRectF>& boxes) {
  const int width = std::max(0, frame.width()), height = std::max(0, frame.height());
  std::vector<unsigned char> mask(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 0);
  // A pixel is in when its centre is: each box covers whole runs of columns on whole lines.
  for (const QRectF& box : boxes) {
    const auto first = [](double edge) { return static_cast<int>(std::ceil(edge - 0.5)); };
    const int x0 = std::max(0, first(box.left())), x1 = std::min(width, first(box.right()));
    const int y0 = std::max(0, first(box.top())), y1 = std::min(height, first(box.bottom()));
    for (int y = y0; y < y1; ++y) {
      std::fill(mask.begin() + y * width + x0, mask.begin() + y * width + std::max(x0, x1), 1);
    }
  }
  return mask;
}

namespace {

// Eight running sums (or minima and maxima) side by side: float adds may not be reordered
// by the compiler, so the lanes are written out, and each lane maps onto a SIMD slot.
constexpr std::size_t kLanes = 8;

}  // namespace

// Summing floats in another order changes only rounding; letting the compiler reorder these
// sums (and nothing else) is what lets GCC vectorise them (clang has no such attribute).
#if defined(__GNUC__) && !defined(__clang__)
#define AVQA_REORDERABLE_SUMS __attribute__((optimize("associative-math", "no-signed-zeros", "no-trapping-math")))
#else
#define AVQA_REORDERABLE_SUMS
#endif
AVQA_REORDERABLE_SUMS
double energyInMask(const std::vector<float>& pixels, const std::vector<unsigned char>& mask) {
  // Float sums over blocks of a few thousand pixels, added up in double: a whole frame
  // summed in float would lose precision.
  constexpr std::size_t kBlock = 4096;
  double total = 0.0;
  double inside = 0.0;
  const std::size_t n = std::min(pixels.size(), mask.size());
  const float* p = pixels.data();
  const unsigned char* m = mask.data();
  for (std::size_t start = 0; start < n; start += kBlock) {
    const std::size_t end = std::min(n, start + kBlock);
    float block_total = 0.0f, block_inside = 0.0f;
    for (std::size_t i = start; i < end; ++i) {
      block_total += p[i];
      block_inside += static_cast<float>(m[i]) * p[i];
    }
    total += block_total;
    inside += block_inside;
  }
  return total > 0.0 ? inside / total : 0.0;
}

double ciouInMask(const std::vector<float>& pixels, const std::vector<unsigned char>& mask, double threshold) {
  if (pixels.empty() || pixels.size() != mask.size()) return 0.0;
  const float* p = pixels.data();
  const std::size_t n = pixels.size();
  float lane_low[kLanes], lane_high[kLanes];
  for (std::size_t l = 0; l < kLanes; ++l) lane_low[l] = lane_high[l] = p[0];
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (std::size_t l = 0; l < kLanes; ++l) {
      lane_low[l] = p[i + l] < lane_low[l] ? p[i + l] : lane_low[l];
      lane_high[l] = p[i + l] > lane_high[l] ? p[i + l] : lane_high[l];
    }
  }
  for (; i < n; ++i) {
    lane_low[0] = std::min(lane_low[0], p[i]);
    lane_high[0] = std::max(lane_high[0], p[i]);
  }
  const float low = *std::min_element(lane_low, lane_low + kLanes);
  const float high = *std::max_element(lane_high, lane_high + kLanes);
  const double range = static_cast<double>(high) - static_cast<double>(low);
  if (range <= 0.0) return 0.0;  // a flat map selects nothing
  // (v - low) / range >= t  <=>  v >= low + t * range: one float comparison per pixel.
  const float cut = static_cast<float>(static_cast<double>(low) + threshold * range);
  std::uint32_t truth_pixels = 0, overlap_pixels = 0, predicted_pixels = 0;
  for (std::size_t k = 0; k < pixels.size(); ++k) {
    const std::uint32_t predicted = pixels[k] >= cut ? 1u : 0u;
    const std::uint32_t truth = mask[k];
    truth_pixels += truth;
    overlap_pixels += predicted & truth;
    predicted_pixels += predicted;
  }
  const double truth = truth_pixels;
  const double overlap = overlap_pixels;
  const double outside = static_cast<double>(predicted_pixels - overlap_pixels);
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
