// The overlay's paint cost: VideoSurface::paintGL with a 1280x720 frame upload and the heatmap
// pass, timed to glFinish (the GPU, or Mesa's software rasterizer, has finished). Needs a
// display: scripts/bench.sh runs it under xvfb-run.
#include <benchmark/benchmark.h>

#include <QApplication>
#include <QPainter>
#include <memory>

#include "VideoSurface.h"
#include "VideoView.h"

namespace {

QApplication* application = nullptr;

// A view shown at the benchmark's size; its surface paints on demand, timed to glFinish.
class TimedVideoView : public avqa::VideoView {
 public:
  void paintOnce() { surface().paintAndFinish(); }
};

QImage testFrame(int width, int height, QColor colour) {
  QImage frame(width, height, QImage::Format_RGB32);
  frame.fill(colour);
  QPainter painter(&frame);
  painter.fillRect(width / 2, 0, width / 2, height / 2, Qt::red);
  return frame;
}

avqa::FrameHeatmap pstpLikeHeatmap() {
  avqa::FrameHeatmap heat;
  heat.rows = 7;
  heat.columns = 7;
  heat.weights.assign(49, 0.0f);
  for (int i = 0; i < 20; ++i) heat.weights[static_cast<std::size_t>(i * 2 % 49)] = 0.1f + 0.04f * static_cast<float>(i);
  for (float w : heat.weights) heat.kept.push_back(w > 0 ? 1 : 0);
  return heat;
}

// Playback: every paint shows a new 1280x720 frame under a standing heatmap.
void BM_PaintNewFrameWithHeatmap(benchmark::State& state) {
  TimedVideoView view;
  view.resize(static_cast<int>(state.range(0)), static_cast<int>(state.range(0)) * 9 / 16);
  view.show();
  QApplication::processEvents();
  const QImage frames[2] = {testFrame(1280, 720, Qt::darkGreen), testFrame(1280, 720, Qt::darkBlue)};
  view.setHeatmap(pstpLikeHeatmap());
  view.setGridLines(avqa::GridLines::Shown);
  int i = 0;
  for (auto _ : state) {
    view.setFrame(frames[i++ % 2]);
    view.paintOnce();
  }
  state.SetLabel("1280x720 frame upload + heatmap pass, to glFinish");
}
BENCHMARK(BM_PaintNewFrameWithHeatmap)->Arg(960)->Arg(1280)->Unit(benchmark::kMillisecond)->UseRealTime();

// Stepping through an answer: the heatmap changes every paint, the frame too.
void BM_PaintNewFrameAndNewHeatmap(benchmark::State& state) {
  TimedVideoView view;
  view.resize(960, 540);
  view.show();
  QApplication::processEvents();
  const QImage frames[2] = {testFrame(1280, 720, Qt::darkGreen), testFrame(1280, 720, Qt::darkBlue)};
  avqa::FrameHeatmap heat = pstpLikeHeatmap();
  int i = 0;
  for (auto _ : state) {
    heat.weights[static_cast<std::size_t>(i % 49)] += 0.01f;
    view.setHeatmap(heat);
    view.setFrame(frames[i++ % 2]);
    view.paintOnce();
  }
}
BENCHMARK(BM_PaintNewFrameAndNewHeatmap)->Unit(benchmark::kMillisecond)->UseRealTime();

// A repaint with nothing new (a resize, an opacity change).
void BM_PaintUnchanged(benchmark::State& state) {
  TimedVideoView view;
  view.resize(960, 540);
  view.show();
  QApplication::processEvents();
  view.setFrame(testFrame(1280, 720, Qt::darkGreen));
  view.setHeatmap(pstpLikeHeatmap());
  view.paintOnce();
  for (auto _ : state) view.paintOnce();
}
BENCHMARK(BM_PaintUnchanged)->Unit(benchmark::kMillisecond)->UseRealTime();

// The frame alone, no heatmap: what the heat pass adds is the difference to the above.
void BM_PaintUnchangedFrameOnly(benchmark::State& state) {
  TimedVideoView view;
  view.resize(960, 540);
  view.show();
  QApplication::processEvents();
  view.setFrame(testFrame(1280, 720, Qt::darkGreen));
  view.paintOnce();
  for (auto _ : state) view.paintOnce();
}
BENCHMARK(BM_PaintUnchangedFrameOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  application = &app;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
