// Frames and sound sampled the way a model needs them, from videos written in the test
// through the FFmpeg libraries: a colour per second, a tone per second.
#include <gtest/gtest.h>

#include <QColor>
#include <cmath>

#include "common/AvqaError.h"
#include "media/LogMel.h"
#include "media/MediaSampler.h"
#include "media/PatchGeometry.h"
#include "media/Mp4Writer.h"
#include "media/TimeSteps.h"
#include "support/TempDir.h"

namespace avqa {
namespace {

constexpr double kPi = 3.14159265358979323846;

QColor colourOfSecond(int second) { return QColor::fromHsv((second * 47) % 360, 220, 230); }

QImage solid(int width, int height, QColor colour) {
  QImage image(width, height, QImage::Format_RGB32);
  image.fill(colour);
  return image;
}

// `seconds` of video whose colour changes every second (a black marker in the top-left
// corner shows which way is up); audio is a tone whose pitch changes every second.
std::string writeColourVideo(const std::string& path, int seconds, Mp4Format format) {
  Mp4Writer writer(path, format);
  const auto frame_for = [&](int second) {
    QImage image = solid(format.width, format.height, colourOfSecond(second));
    for (int y = 0; y < format.height / 6; ++y) {
      for (int x = 0; x < format.width / 6; ++x) image.setPixel(x, y, qRgb(0, 0, 0));
    }
    return image;
  };
  if (format.variable_frame_rate) {
    // Irregular frame times: 3 frames in even seconds, 10 in odd ones.
    for (int second = 0; second < seconds; ++second) {
      const int count = second % 2 == 0 ? 3 : 10;
      for (int k = 0; k < count; ++k) writer.writeVideoFrameAt(frame_for(second), second + static_cast<double>(k) / count);
    }
  } else {
    for (int frame = 0; frame < seconds * format.fps; ++frame) writer.writeVideoFrame(frame_for(frame / format.fps));
  }
  if (format.audio_sample_rate > 0) {
    std::vector<float> tone(static_cast<std::size_t>(seconds * format.audio_sample_rate));
    for (std::size_t i = 0; i < tone.size(); ++i) {
      const int second = static_cast<int>(i / static_cast<std::size_t>(format.audio_sample_rate));
      const double hz = 400.0 * std::pow(2.0, second % 4);  // 400, 800, 1600, 3200 Hz
      tone[i] = static_cast<float>(0.5 * std::sin(2.0 * kPi * hz * static_cast<double>(i) / format.audio_sample_rate));
    }
    writer.writeAudio(tone);
  }
  writer.finish();
  return path;
}

void expectColour(const QImage& image, QColor expected, const std::string& what) {
  const QColor actual = image.pixelColor(image.width() * 3 / 4, image.height() * 3 / 4);
  EXPECT_NEAR(actual.red(), expected.red(), 24) << what;
  EXPECT_NEAR(actual.green(), expected.green(), 24) << what;
  EXPECT_NEAR(actual.blue(), expected.blue(), 24) << what;
}

std::vector<double> frameTimes(const std::vector<TimeStep>& steps) {
  std::vector<double> times;
  for (const TimeStep& step : steps) times.push_back(step.frameTime());
  return times;
}

TEST(PatchGeometry, CropsGridsAndMirroring) {
  // CLIP on 640x360: the centred 360x360 square, 7x7 cells of 360/7 px.
  const QRectF first = patchPixelBox(QSize(640, 360), 7, 7, "center-square", 0, 0);
  EXPECT_DOUBLE_EQ(first.left(), 140.0);
  EXPECT_DOUBLE_EQ(first.top(), 0.0);
  EXPECT_NEAR(first.width(), 360.0 / 7, 1e-9);
  const QRectF last = patchPixelBox(QSize(640, 360), 7, 7, "center-square", 6, 6);
  EXPECT_NEAR(last.right(), 500.0, 1e-9);
  EXPECT_NEAR(last.bottom(), 360.0, 1e-9);
  // ResNet 14x14 over the whole (squashed) frame: cells are not square on the frame.
  const QRectF resnet = patchPixelBox(QSize(320, 240), 14, 14, "full-frame", 13, 0);
  EXPECT_NEAR(resnet.width(), 320.0 / 14, 1e-9);
  EXPECT_NEAR(resnet.height(), 240.0 / 14, 1e-9);
  EXPECT_NEAR(resnet.top(), 13 * 240.0 / 14, 1e-9);
  // A _flip video: the left column lands on the right edge.
  const QRectF mirrored = patchPixelBox(QSize(320, 240), 2, 2, "full-frame", 0, 0, Mirror::Horizontal);
  EXPECT_DOUBLE_EQ(mirrored.left(), 160.0);
  EXPECT_DOUBLE_EQ(mirrored.right(), 320.0);
}

TEST(TimeSteps, StrideMeansPaddingAndSpread) {
  const auto steps = planTimeSteps(4.5, 6, 1.0, StepPlacement::FirstSeconds);
  ASSERT_EQ(steps.size(), 6u);
  EXPECT_DOUBLE_EQ(steps[2].start_s, 2.0);
  EXPECT_DOUBLE_EQ(steps[2].frameTime(), 2.5);
  EXPECT_FALSE(steps[4].padded);  // 4.0 < 4.5: still inside
  EXPECT_TRUE(steps[5].padded);
  const auto avst = planTimeSteps(60, 10, 6.0, StepPlacement::FirstSeconds);  // AVST: every 6th second
  EXPECT_DOUBLE_EQ(avst[3].start_s, 18.0);
  EXPECT_DOUBLE_EQ(avst[3].frameTime(), 18.5);
  const auto spread = planTimeSteps(40, 10, 1.0, StepPlacement::Spread);
  EXPECT_DOUBLE_EQ(spread[9].start_s, 36.0);
  EXPECT_DOUBLE_EQ(spread[9].end_s, 40.0);
  const auto first = planTimeSteps(40, 10, 1.0, StepPlacement::FirstSeconds);
  EXPECT_DOUBLE_EQ(first[9].end_s, 10.0);
}

class ColourVideos : public ::testing::TestWithParam<int> {};  // keyframe interval in frames

TEST_P(ColourVideos, FramesHaveTheColourOfTheirStep) {
  test::TempDir dir;
  Mp4Format format;
  format.width = 161;  // odd sizes
  format.height = 97;
  format.keyframe_interval_frames = GetParam();
  const std::string path = writeColourVideo(dir.file("colours.mp4"), 8, format);
  const MediaSampler sampler(path);
  EXPECT_NEAR(sampler.info().duration_s, 8.0, 0.1);
  EXPECT_EQ(sampler.info().width, 161);
  for (double stride : {1.0, 3.0, 6.0}) {  // 6: AVST's every-6th-second loader
    const auto steps = planTimeSteps(sampler.info().duration_s, 10, stride, StepPlacement::FirstSeconds);
    const auto frames = sampler.framesAt(frameTimes(steps), CancelToken());
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const int second = std::min(7, static_cast<int>(steps[i].frameTime()));
      expectColour(frames[i], colourOfSecond(second), "stride " + std::to_string(stride) + " step " + std::to_string(i));
    }
  }
}

// A video longer than T x stride: the first T seconds, or spread over all of it.
TEST(MediaSampler, LongerVideoFirstSecondsOrSpread) {
  test::TempDir dir;
  const std::string path = writeColourVideo(dir.file("long.mp4"), 8, Mp4Format{});
  const MediaSampler sampler(path);
  for (StepPlacement placement : {StepPlacement::FirstSeconds, StepPlacement::Spread}) {
    const auto steps = planTimeSteps(sampler.info().duration_s, 4, 1.0, placement);
    const auto frames = sampler.framesAt(frameTimes(steps), CancelToken());
    for (std::size_t i = 0; i < steps.size(); ++i) {
      // Inputs come from the first second of each span: seconds 0, 2, 4, 6 when spread.
      const int expected_second = placement == StepPlacement::Spread ? static_cast<int>(2 * i) : static_cast<int>(i);
      expectColour(frames[i], colourOfSecond(expected_second), "step " + std::to_string(i));
    }
  }
}

// 12: a keyframe every second (seek per step); 250: x264's default (one sequential pass).
INSTANTIATE_TEST_SUITE_P(KeyframeSpacing, ColourVideos, ::testing::Values(12, 250));

TEST(MediaSampler, VariableFrameRate) {
  test::TempDir dir;
  Mp4Format format;
  format.variable_frame_rate = true;
  const std::string path = writeColourVideo(dir.file("vfr.mp4"), 6, format);
  const MediaSampler sampler(path);
  const std::vector<double> times = {0.5, 1.05, 2.9, 3.5, 5.95};
  const auto frames = sampler.framesAt(times, CancelToken());
  for (std::size_t i = 0; i < times.size(); ++i) {
    expectColour(frames[i], colourOfSecond(static_cast<int>(times[i])), "time " + std::to_string(times[i]));
  }
}

TEST(MediaSampler, RotationMetadataIsApplied) {
  test::TempDir dir;
  Mp4Format format;
  format.width = 160;
  format.height = 96;
  format.rotation_deg = 90;
  const std::string path = writeColourVideo(dir.file("rotated.mp4"), 2, format);
  const MediaSampler sampler(path);
  EXPECT_EQ(sampler.info().rotation_deg, 90);
  EXPECT_EQ(sampler.info().width, 96);  // as displayed
  EXPECT_EQ(sampler.info().height, 160);
  const QImage frame = sampler.framesAt({0.5}, CancelToken()).front();
  ASSERT_EQ(frame.width(), 96);
  // Turned 90 degrees clockwise, the black top-left marker is now at the top right.
  EXPECT_LT(qGray(frame.pixel(frame.width() - 4, 4)), 40);
  EXPECT_GT(qGray(frame.pixel(4, 4)), 80);
}

TEST(MediaSampler, TonePitchMovesTheLogMelPeak) {
  test::TempDir dir;
  Mp4Format format;
  const std::string path = writeColourVideo(dir.file("tone.mp4"), 4, format);
  const MediaSampler sampler(path);
  const std::vector<float> audio = sampler.audioMono(LogMelExtractor::kSampleRate, CancelToken());
  ASSERT_NEAR(static_cast<double>(audio.size()), 4.0 * 16000, 2048);
  LogMelExtractor extractor;
  for (int second = 0; second < 4; ++second) {
    const std::vector<float> example = extractor.example(audio, second * 16000L);
    ASSERT_EQ(example.size(), 96u * 64u);
    std::vector<double> band_energy(64, 0.0);
    for (int frame = 10; frame < 86; ++frame) {
      for (int band = 0; band < 64; ++band) band_energy[static_cast<std::size_t>(band)] += example[static_cast<std::size_t>(frame * 64 + band)];
    }
    const int peak = static_cast<int>(std::max_element(band_energy.begin(), band_energy.end()) - band_energy.begin());
    const double hz = 400.0 * std::pow(2.0, second);
    EXPECT_NEAR(std::log2(LogMelExtractor::bandCentreHz(peak)), std::log2(hz), 0.15) << "second " << second;
  }
}

TEST(MediaSampler, NoAudioAudioOnlyAndTruncatedFiles) {
  test::TempDir dir;
  Mp4Format silent_format;
  silent_format.audio_sample_rate = 0;
  const std::string silent = writeColourVideo(dir.file("silent.mp4"), 2, silent_format);
  const MediaSampler sampler(silent);
  EXPECT_FALSE(sampler.info().has_audio);
  EXPECT_TRUE(sampler.audioMono(16000, CancelToken()).empty());

  // An audio-only file: a WAV header and a second of silence.
  std::string wav = "RIFF";
  const auto u32 = [](std::uint32_t v) { return std::string(reinterpret_cast<const char*>(&v), 4); };
  const auto u16 = [](std::uint16_t v) { return std::string(reinterpret_cast<const char*>(&v), 2); };
  wav += u32(36 + 32000) + "WAVEfmt " + u32(16) + u16(1) + u16(1) + u32(16000) + u32(32000) + u16(2) + u16(16) +
         "data" + u32(32000) + std::string(32000, '\0');
  test::writeBytes(dir.file("audio.wav"), wav);
  try {
    MediaSampler audio_only(dir.file("audio.wav"));
    FAIL() << "accepted an audio-only file";
  } catch (const AvqaError& error) {
    EXPECT_NE(std::string(error.what()).find("has no video stream"), std::string::npos) << error.what();
  }

  const std::string full = test::readBytes(writeColourVideo(dir.file("whole.mp4"), 2, Mp4Format{}));
  test::writeBytes(dir.file("truncated.mp4"), full.substr(0, full.size() / 2));
  try {
    MediaSampler truncated(dir.file("truncated.mp4"));
    truncated.framesAt({0.5, 1.5}, CancelToken());
    FAIL() << "accepted a truncated file";
  } catch (const AvqaError& error) {
    EXPECT_NE(std::string(error.what()).find(dir.file("truncated.mp4")), std::string::npos) << error.what();
  }
}

TEST(MediaSampler, CancelStopsTheDecodeLoop) {
  test::TempDir dir;
  const std::string path = writeColourVideo(dir.file("c.mp4"), 3, Mp4Format{});
  CancelToken cancel;
  cancel.cancel();
  EXPECT_THROW(MediaSampler(path).framesAt({0.5, 1.5, 2.5}, cancel), Cancelled);
}

}  // namespace
}  // namespace avqa
