// synth: the built-in synthetic music-performance benchmark with ground truth.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/CliSupport.h"
#include "common/AvqaError.h"
#include "media/ContactSheet.h"
#include "synthetic/SynthDataset.h"

namespace avqa::cli {

void addSynthCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    synth::SynthOptions synth;
    bool biased = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("synth", fullCommandDescription("synth"));
  command->add_option("--out", options->synth.out_dir, "Output folder (MUSIC-AVQA layout)")->required();
  command->add_option("--videos", options->synth.videos, "Number of videos (default 60)")
      ->check(CLI::Range(1, 100000));
  command->add_option("--seconds", options->synth.scene.duration_s, "Length of each video in seconds (default 10)")
      ->check(CLI::Range(2, 600));
  command->add_option("--seed", options->synth.seed, "Random seed (same seed, same files)");
  command->add_flag("--biased", options->biased, "Skew each template to one answer (for curation demos)");
  command->add_option("--questions-per-video", options->synth.questions_per_video,
                      "Questions asked per video before balancing (default 20)")
      ->check(CLI::Range(1, 200));
  command->add_option("--soundfont", options->synth.soundfont,
                      "SoundFont (.sf2) to play the instruments with (default: Debian's TimGM6mb)");
  command->add_option("--threads", options->synth.threads, "Parallel videos (default: every core)")
      ->check(CLI::Range(0, 256));
  command->callback([options, &action] {
    action = [options] {
      options->synth.balance = options->biased ? synth::AnswerBalance::Biased : synth::AnswerBalance::Balanced;
      const bool terminal = ::isatty(STDERR_FILENO) == 1;
      const auto start = std::chrono::steady_clock::now();
      const synth::SynthSummary summary = synth::generateSynthDataset(options->synth, [terminal](int done, int total) {
        if (terminal) std::fprintf(stderr, "\rsynth: %d/%d videos", done, total);
        return true;
      });
      if (terminal) std::fprintf(stderr, "\n");
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("Wrote %d videos and %d/%d/%d train/val/test questions to %s in %.1f s\n", summary.videos,
                  summary.train_questions, summary.val_questions, summary.test_questions,
                  options->synth.out_dir.c_str(), seconds);
      return 0;
    };
  });
}

}  // namespace avqa::cli

namespace avqa::cli {

void addContactSheetCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string out;
    std::vector<std::string> videos;
    double time_s = 2.5;
    int columns = 4;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("contact-sheet", fullCommandDescription("contact-sheet"));
  command->add_option("--out", options->out, "Output PNG file")->required();
  command->add_option("--time", options->time_s, "Which moment of each video, in seconds (default 2.5)")
      ->check(CLI::Range(0.0, 1e6));
  command->add_option("--columns", options->columns, "Tiles per row (default 4)")->check(CLI::Range(1, 64));
  command->add_option("videos", options->videos, "Video files")->required();
  command->callback([options, &action] {
    action = [options] {
      const QImage sheet = makeContactSheet(options->videos, options->time_s, options->columns);
      if (!sheet.save(QString::fromStdString(options->out), "PNG")) throw AvqaError(options->out, "cannot write PNG");
      std::printf("Wrote %zu frames to %s\n", options->videos.size(), options->out.c_str());
      return 0;
    };
  });
}

}  // namespace avqa::cli
