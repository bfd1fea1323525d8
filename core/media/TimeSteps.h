#pragma once

#include <vector>

namespace avqa {

// One of a model's T steps: the video span it stands for (DESIGN.md, "Time steps").
struct TimeStep {
  double start_s = 0.0;
  double end_s = 0.0;
  bool padded = false;  // past the end of the video: zero inputs

  double frameTime() const;  // where its frame is sampled: half a second in (or mid-span)
};

enum class StepPlacement { FirstSeconds, Spread };

// Step i covers [i*stride, i*stride + stride); steps past `duration_s` are padded. With
// Spread, a video longer than T*stride is covered evenly by T steps instead of its start.
std::vector<TimeStep> planTimeSteps(double duration_s, int steps, double stride_s, StepPlacement placement);

}  // namespace avqa
