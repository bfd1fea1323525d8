#pragma once

#include <vector>

namespace avqa {

// One of a model's T steps: the video span it stands for (docs/model-contract.md, "Time steps").
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

// Where each step's frame is sampled (0 for a padded step, whose frame is never shown).
std::vector<double> stepFrameTimes(const std::vector<TimeStep>& steps);

// The unpadded step `time_s` falls in; -1 when none.
int stepAtTime(const std::vector<TimeStep>& steps, double time_s);

}  // namespace avqa
