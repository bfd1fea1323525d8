// The timeline under a model whose steps run past the end of the video (T·s longer than the
// file): the sound stays on the seconds it was heard, not stretched over the padded steps.
#include <gtest/gtest.h>

#include <QImage>

#include "TimelineView.h"

namespace {

TEST(Timeline, TheSoundSpansTheVideoNotThePaddedSteps) {
  avqa::TimelineView timeline;
  timeline.resize(900, 100);
  std::vector<avqa::TimeStep> steps;
  for (int i = 0; i < 10; ++i) steps.push_back({i * 6.0, i * 6.0 + 6.0, i * 6.0 >= 20.0});  // 60 s of steps, a 20 s video
  timeline.setSteps(steps, 20.0);
  QImage loud(21, 64, QImage::Format_Grayscale8);  // 21 log-mel columns of full level
  loud.fill(255);
  timeline.setAudio(std::vector<float>(800, 1.0f), loud, 20.0);
  const QImage shown = timeline.grab().toImage();
  const int y = 50;
  const QColor background(30, 31, 34);
  const QColor inside = shown.pixelColor(static_cast<int>(timeline.xAt(10.0)), y);
  const QColor past_end = shown.pixelColor(static_cast<int>(timeline.xAt(40.0)), y);
  EXPECT_NE(inside, background) << "the sound is drawn over the video's seconds";
  EXPECT_EQ(past_end, background) << "nothing was heard at 40 s of a 20 s video";
}

}  // namespace
