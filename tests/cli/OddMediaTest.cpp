// Odd but real media, written by the ffmpeg command line, through `ask` and `eval`: each is
// answered, or refused with exit 1 and a message naming the file — never a crash. (Rotation
// is tested in MediaSamplerTest: ffmpeg 5.1's command line no longer writes a display matrix.)
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <memory>

#include "support/TempDir.h"

namespace {

using avqa::test::readBytes;
using avqa::test::writeBytes;

struct Outcome {
  int exit_code = -1;  // -1: killed by a signal
  std::string err;
};

std::string quoted(const std::string& text) { return "'" + text + "'"; }

int shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class OddMedia : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { dir_ = std::make_unique<avqa::test::TempDir>(); }
  static void TearDownTestSuite() { dir_.reset(); }

  // ffmpeg with a lavfi test picture (and tone unless `audio` is empty) and `args`.
  static std::string make(const std::string& name, const std::string& video, const std::string& audio,
                          const std::string& args) {
    const std::string path = dir_->file(name);
    std::string command = "ffmpeg -nostdin -loglevel error -y -f lavfi -i " + video;
    if (!audio.empty()) command += " -f lavfi -i " + audio;
    command += " " + args + " " + quoted(path);
    EXPECT_EQ(shell(command), 0) << command;
    return path;
  }
  static std::string tone(double seconds, int channels = 1) {
    return "sine=frequency=440:sample_rate=48000:duration=" + std::to_string(seconds) +
           (channels == 1 ? "" : ",aformat=channel_layouts=5.1");
  }
  static std::string picture(const std::string& size, int fps, double seconds) {
    return "testsrc=size=" + size + ":rate=" + std::to_string(fps) + ":duration=" + std::to_string(seconds);
  }

  Outcome ask(const std::string& video) {
    const std::string err = dir_->file("ask-stderr.txt");
    const std::string command = std::string(AVQA_LENS_EXE) + " ask --model " + AVQA_WEIGHTS_DIR +
                                "/avst.avqamodel --cache " + dir_->file("cache") + " --video " + quoted(video) +
                                " 'How many instruments are sounding?' >/dev/null 2>" + err + " </dev/null";
    Outcome outcome{shell(command), readBytes(err)};
    return outcome;
  }

  void expectAnswered(const std::string& video) {
    const Outcome outcome = ask(video);
    EXPECT_EQ(outcome.exit_code, 0) << video << ": " << outcome.err;
  }
  void expectRefused(const std::string& video, const std::string& problem) {
    const Outcome outcome = ask(video);
    EXPECT_EQ(outcome.exit_code, 1) << video << ": " << outcome.err;
    EXPECT_NE(outcome.err.find(video), std::string::npos) << "the message names the file: " << outcome.err;
    EXPECT_NE(outcome.err.find(problem), std::string::npos) << outcome.err;
  }

  static std::unique_ptr<avqa::test::TempDir> dir_;
};

std::unique_ptr<avqa::test::TempDir> OddMedia::dir_;

TEST_F(OddMedia, Vp9OpusWebmAtAnOddSizeAndSevenFramesPerSecondIsAnswered) {
  // Shorter than the model's ten steps: its padded steps all ask for the frame at 0 s,
  // before the stream's first frame (WebM starts at 7 ms) — once refused as undecodable.
  expectAnswered(make("odd size.webm", picture("321x241", 7, 4), tone(4),
                      "-pix_fmt yuv420p -c:v libvpx-vp9 -b:v 100k -deadline realtime -c:a libopus -shortest"));
}

TEST_F(OddMedia, VariableFrameRateNoAudioAndSurroundAreAnswered) {
  // Frames 0.1 s apart for a second, then 0.04 s apart.
  expectAnswered(make("vfr.mp4", picture("320x240", 25, 3), tone(3),
                      "-vf \"setpts='if(lt(N\\,10)\\,N*0.1\\,1+(N-10)*0.04)/TB'\" -fps_mode vfr "
                      "-c:v libx264 -preset ultrafast -c:a aac -shortest"));
  expectAnswered(make("silent.mp4", picture("320x240", 10, 2), "", "-c:v libx264 -preset ultrafast"));
  expectAnswered(make("surround.mp4", picture("320x240", 10, 2), tone(2, 6),
                      "-c:v libx264 -preset ultrafast -c:a aac -ac 6 -shortest"));
}

TEST_F(OddMedia, ShortFourKFaststartAndNonAsciiPathsAreAnswered) {
  expectAnswered(make("short.mp4", picture("320x240", 25, 0.6), tone(0.6), "-c:v libx264 -preset ultrafast -c:a aac"));
  expectAnswered(make("uhd.mp4", picture("3840x2160", 5, 2), tone(2), "-c:v libx264 -preset ultrafast -c:a aac -shortest"));
  expectAnswered(make("faststart.mp4", picture("320x240", 10, 2), tone(2),
                      "-c:v libx264 -preset ultrafast -c:a aac -movflags +faststart -shortest"));
  expectAnswered(make("vidéo de répétition ♪.mp4", picture("320x240", 10, 2), tone(2),
                      "-c:v libx264 -preset ultrafast -c:a aac -shortest"));
}

TEST_F(OddMedia, AFrameSizeChangeMidwayIsAnswered) {
  const std::string first = make("first.ts", picture("320x240", 10, 2), tone(2), "-c:v mpeg2video -c:a mp2 -shortest");
  const std::string second = make("second.ts", picture("640x360", 10, 2), tone(2), "-c:v mpeg2video -c:a mp2 -shortest");
  const std::string joined = dir_->file("joined.ts");
  writeBytes(joined, readBytes(first) + readBytes(second));
  expectAnswered(joined);
}

TEST_F(OddMedia, BrokenOrWrongKindFilesAreRefusedNamingTheFile) {
  const std::string whole = make("whole.mp4", picture("320x240", 10, 3), tone(3), "-c:v libx264 -preset ultrafast -c:a aac");
  const std::string bytes = readBytes(whole);
  const std::string truncated = dir_->file("truncated.mp4");
  writeBytes(truncated, bytes.substr(0, bytes.size() / 2));  // moov is at the end: cut off
  expectRefused(truncated, "");
  const std::string empty = dir_->file("empty.mp4");
  writeBytes(empty, "");
  expectRefused(empty, "");
  const std::string text = dir_->file("notes.mp4");
  writeBytes(text, "These are my notes, not a video.\n");
  expectRefused(text, "");
  const std::string folder = dir_->file("folder.mp4");
  std::filesystem::create_directories(folder);
  expectRefused(folder, "");
  expectRefused(make("audio-only.mp4", tone(2), "", "-c:a aac"), "has no video stream");
}

TEST_F(OddMedia, EvalAnswersTheWebmAndRefusesADamagedVideoByName) {
  const std::string data = dir_->file("dataset");
  std::filesystem::create_directories(data + "/videos");
  make("dataset/videos/00000001.webm", picture("321x241", 7, 4), tone(4),
       "-pix_fmt yuv420p -c:v libvpx-vp9 -b:v 100k -deadline realtime -c:a libopus -shortest");
  const std::string record = R"({"video_id": "00000001", "question_id": 1, "type": "[\"Audio\", \"Counting\"]", )"
                             R"("question_content": "How many musical instruments were heard throughout the video?", )"
                             R"("templ_values": "[]", "question_deleted": 0, "anser": "one"})";
  writeBytes(data + "/avqa-test.json", "[" + record + "]");
  const std::string eval = std::string(AVQA_LENS_EXE) + " eval --model " + AVQA_WEIGHTS_DIR + "/avst.avqamodel --data " +
                           quoted(data) + " >/dev/null 2>" + dir_->file("eval-stderr.txt") + " </dev/null";
  EXPECT_EQ(shell(eval), 0) << readBytes(dir_->file("eval-stderr.txt"));

  std::filesystem::remove(data + "/videos/00000001.webm");
  writeBytes(data + "/videos/00000001.mp4", "not a video");
  EXPECT_EQ(shell(eval), 1);
  const std::string err = readBytes(dir_->file("eval-stderr.txt"));
  EXPECT_NE(err.find("00000001.mp4"), std::string::npos) << err;
}

}  // namespace
