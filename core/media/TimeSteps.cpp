#include "media/TimeSteps.h"

#include <algorithm>

namespace avqa {

double TimeStep::frameTime() const { return start_s + std::min(0.5, (end_s - start_s) / 2.0); }

std::vector<TimeStep> planTimeSteps(double duration_s, int steps, double stride_s, StepPlacement placement) {
  std::vector<TimeStep> plan;
  plan.reserve(static_cast<std::size_t>(std::max(steps, 0)));
  double stride = stride_s;
  if (placement == StepPlacement::Spread && duration_s > steps * stride_s && steps > 0) {
    stride = duration_s / steps;
  }
  for (int i = 0; i < steps; ++i) {
    const double start = i * stride;
    plan.push_back({start, start + stride, start >= duration_s});
  }
  return plan;
}

std::vector<double> stepFrameTimes(const std::vector<TimeStep>& steps) {
  std::vector<double> times;
  times.reserve(steps.size());
  for (const TimeStep& step : steps) times.push_back(step.padded ? 0.0 : step.frameTime());
  return times;
}

int stepAtTime(const std::vector<TimeStep>& steps, double time_s) {
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (!steps[i].padded && time_s >= steps[i].start_s && time_s < steps[i].end_s) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace avqa
