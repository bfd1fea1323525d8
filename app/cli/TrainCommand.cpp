// train: a built-in architecture on a dataset folder, written as one model file.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <climits>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <cstdio>
#include <memory>

#include "cli/CliSupport.h"
#include "common/AvqaError.h"
#include "training/Trainer.h"

namespace avqa::cli {
namespace {

std::string minutesAndSeconds(double seconds) {
  const int total = static_cast<int>(seconds + 0.5);
  char text[32];
  std::snprintf(text, sizeof(text), "%dm%02ds", total / 60, total % 60);
  return text;
}

// glibc gives each allocation of 32 MiB or more (a batch of 128 videos' patch codes) its own
// mmap and returns it on free, so the kernel zeroes fresh pages every step: an AV-Master epoch
// spent 60 % of its time there. Served from a heap that keeps what it frees, the same epoch
// (same weights) took 28 s instead of 72.
void keepLargeAllocationsInTheHeap() {
#ifdef __GLIBC__
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, INT_MAX);
#endif
}

}  // namespace

void addTrainCommand(CLI::App& app, CommandAction& action, int argc, char** argv) {
  struct Options {
    std::string data, arch, out, resume, encoders, feature_cache;
    int epochs = 0, encoder_epochs = 0, refine_audio_epochs = 0, max_videos = 0, train_videos = 0, batch_size = 64, workers = 1,
        videos_per_batch = 0, top_k_segments = 0;
    double learning_rate = 1e-3, grounding_weight = 0.0, time_grounding_weight = 0.0;
    unsigned seed = 1;
    bool swap_comparisons = false, ground_onsets = false, ground_unnamed = false, batch_by_video = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("train", fullCommandDescription("train"));
  command->add_option("--data", options->data, "Dataset folder in MUSIC-AVQA layout (from `avqa-lens synth`)")->required();
  command->add_option("--arch", options->arch, "Architecture")->required()->check(CLI::IsMember({"avst", "pstp", "avmaster", "avunified"}));
  command->add_option("--out", options->out, "Model file to write")->required();
  command->add_option("--epochs", options->epochs, "Head epochs (default 30)")->check(CLI::Range(1, 10000));
  command->add_option("--encoder-epochs", options->encoder_epochs, "Encoder pretraining epochs (default 4)")->check(CLI::Range(1, 1000));
  command->add_option("--seed", options->seed, "Random seed (default 1)");
  command->add_option("--resume", options->resume, "Continue training this model file");
  command->add_option("--encoders", options->encoders,
                      "Take the frozen encoders of this built-in model file (any architecture) instead of pretraining them")
      ->check(CLI::ExistingFile);
  command->add_option("--refine-audio-encoder", options->refine_audio_epochs,
                      "With --encoders: train that file's audio encoder this many more epochs on this dataset's labels (rhythm "
                      "included) before freezing it; the visual encoder stays as it is")
      ->check(CLI::Range(1, 1000));
  command->add_option("--feature-cache", options->feature_cache,
                      "Keep the encoded features in this folder, per encoders and dataset: the next head on the same encoders "
                      "reads them instead of decoding the videos");
  command->add_option("--batch-size", options->batch_size, "Questions per step (default 64)")->check(CLI::Range(2, 4096));
  command->add_flag("--batch-by-video", options->batch_by_video,
                    "Fill each batch with the questions of a few whole videos, shuffled by video, so the head computes what "
                    "depends on the video alone once per video (AVST: an epoch of the 12,000 videos 47 s instead of 1 min 46 s); default: questions "
                    "shuffled one by one");
  command->add_option("--videos-per-batch", options->videos_per_batch,
                    "With --batch-by-video: deal each batch's questions across about this many videos, a few questions "
                    "each, instead of taking whole videos (more videos a step, the video's part still computed once per "
                    "video in the batch)")
      ->check(CLI::Range(2, 4096));
  command->add_option("--top-k-segments", options->top_k_segments,
                    "PSTP-Net: how many of its segments TSSM keeps for each question (default 4 of 10)")
      ->check(CLI::Range(1, 4096));
  command->add_option("--workers", options->workers,
                      "Split each batch across this many threads, one core each (default 1: the whole batch on torch's "
                      "threads); a run is deterministic for a seed and this count")
      ->check(CLI::Range(1, 64));
  command->add_option("--lr", options->learning_rate, "Head learning rate (default 0.001), cosine-decayed")->check(CLI::Range(1e-6, 1.0));
  command->add_option("--ground-maps", options->grounding_weight,
                      "Also train the spatial maps toward what the frozen encoders see: the question's named instruments, the "
                      "instruments that sound; this loss weight (default 0: off)")
      ->check(CLI::Range(0.0, 10.0));
  command->add_flag("--ground-onsets", options->ground_onsets,
                    "With --ground-time: a question about the first, n-th or last instrument to come in grounds the curve on "
                    "that instrument's first heard second, not on every sounding second");
  command->add_flag("--ground-unnamed", options->ground_unnamed,
                    "With --ground-maps: a question that names no instrument (\"How many instruments are sounding?\") "
                    "grounds its question-guided map on the patches of what sounds; without it that map has no target");
  command->add_option("--ground-time", options->time_grounding_weight,
                      "Also train the temporal curve to put half its weight on the seconds where the frozen audio encoder hears "
                      "an instrument the question names (any, when it names none); this loss weight (default 0: off)")
      ->check(CLI::Range(0.0, 10.0));
  command->add_flag("--swap-comparisons", options->swap_comparisons,
                    "Also ask every training comparison the other way round, answer flipped (\"Is the A louder than the B?\" "
                    "-> B, A); only for data that never asks about a tie");
  command->add_option("--train-videos", options->train_videos,
                      "The head learns from the first N training videos' questions only (learning curves; the features stay cached)")
      ->check(CLI::Range(1, 1000000));
  command->add_option("--max-videos", options->max_videos, "Use only this many videos per split (quick runs)")->check(CLI::Range(1, 1000000));
  std::string command_line = "avqa-lens";
  for (int i = 1; i < argc; ++i) command_line += std::string(" ") + argv[i];
  command->callback([options, command_line, &action] {
    action = [options, command_line] {
      useAllCoresForTorch();
      keepLargeAllocationsInTheHeap();
      TrainOptions train;
      train.data_dir = options->data;
      train.arch = parseBuiltinArch(options->arch);
      if (options->top_k_segments > 0) {
        if (train.arch != BuiltinArch::Pstp) throw UsageError("--top-k-segments is PSTP-Net's (--arch pstp)");
        BuiltinConfig config = BuiltinConfig::demoScale(train.arch);
        if (options->top_k_segments > config.segments) {
          throw UsageError("--top-k-segments " + std::to_string(options->top_k_segments) + " is more than PSTP-Net's " +
                           std::to_string(config.segments) + " segments");
        }
        config.top_k_segments = options->top_k_segments;
        train.config = config;
      }
      train.out_path = options->out;
      train.epochs = options->epochs;
      train.encoder_epochs = options->encoder_epochs;
      train.seed = options->seed;
      train.resume_path = options->resume;
      train.encoders_path = options->encoders;
      train.refine_audio_epochs = options->refine_audio_epochs;
      if (train.refine_audio_epochs > 0 && train.encoders_path.empty()) throw UsageError("--refine-audio-encoder needs --encoders FILE");
      train.feature_cache_dir = options->feature_cache;
      train.max_videos = options->max_videos;
      train.train_videos = options->train_videos;
      train.batch_size = options->batch_size;
      train.workers = options->workers;
      if (options->videos_per_batch > 0 && !options->batch_by_video) throw UsageError("--videos-per-batch needs --batch-by-video");
      train.batch_grouping = !options->batch_by_video         ? BatchGrouping::Shuffled
                             : options->videos_per_batch > 0 ? BatchGrouping::VideoShares
                                                             : BatchGrouping::WholeVideos;
      if (options->videos_per_batch > 0) train.videos_per_batch = options->videos_per_batch;
      train.learning_rate = options->learning_rate;
      train.grounding_weight = options->grounding_weight;
      train.time_grounding_weight = options->time_grounding_weight;
      if (options->ground_onsets && train.time_grounding_weight <= 0.0) throw UsageError("--ground-onsets needs --ground-time W");
      train.time_target = options->ground_onsets ? TimeTarget::OnsetForOrderQuestions : TimeTarget::SoundingSteps;
      if (options->ground_unnamed && train.grounding_weight <= 0.0) throw UsageError("--ground-unnamed needs --ground-maps W");
      train.unnamed_target = options->ground_unnamed ? UnnamedQuestionTarget::SoundingPatches : UnnamedQuestionTarget::None;
      train.augmentation = options->swap_comparisons ? QuestionAugmentation::SwapComparisons : QuestionAugmentation::None;
      train.command_line = command_line;
      const bool terminal = ::isatty(STDERR_FILENO) == 1;
      std::string last_stage;
      const TrainSummary summary = trainBuiltinModel(train, CancelToken(), [&](const TrainProgress& p) {
        // A terminal gets one refreshed line; a log gets a line per finished epoch.
        const bool epoch_done = p.stage == "head" && p.val_accuracy;
        if (!terminal && !epoch_done && p.stage == last_stage) return;
        last_stage = p.stage;
        std::string line = "train: " + p.stage;
        char text[160];
        if (p.epochs > 0) {
          std::snprintf(text, sizeof(text), " epoch %d/%d %3.0f%% loss %.4f", p.epoch, p.epochs, p.fraction * 100.0, p.loss);
          line += text;
        } else {
          std::snprintf(text, sizeof(text), " %3.0f%%", p.fraction * 100.0);
          line += text;
        }
        if (p.val_accuracy) {
          std::snprintf(text, sizeof(text), " val %.1f%%", *p.val_accuracy);
          line += text;
        }
        line += " elapsed " + minutesAndSeconds(p.elapsed_s);
        if (p.remaining_s > 0) line += " left ~" + minutesAndSeconds(p.remaining_s);
        std::fprintf(stderr, terminal && !epoch_done ? "\r%-100s" : "\r%-100s\n", line.c_str());
      });
      std::printf("Wrote %s: %s, %d videos, %d/%d train/val questions, best val accuracy %.2f%% (epoch %d), %s\n",
                  options->out.c_str(), options->arch.c_str(), summary.videos, summary.train_questions, summary.val_questions,
                  summary.best_val_accuracy, summary.best_epoch, minutesAndSeconds(summary.seconds).c_str());
      std::printf("Head epochs took %s%s\n", minutesAndSeconds(summary.head_seconds).c_str(),
                  summary.features_from_cache ? " (features read from the cache)" : "");
      if (summary.skipped_steps > 0) {
        std::printf("Skipped %d head steps whose loss or gradient was not finite (their updates were not applied)\n",
                    summary.skipped_steps);
      }
      if (summary.encoder_patch_accuracy) {
        std::printf("Encoders on validation videos: patches named right %.1f%%, sounding labels right %.1f%%, "
                    "audio code points at a sounding instrument %.1f%%, pairs ordered by rhythm %.1f%% (chance 50)\n",
                    *summary.encoder_patch_accuracy, *summary.encoder_sound_accuracy, *summary.encoder_sound_pointing,
                    summary.encoder_rhythm_order.value_or(0.0));
      }
      return 0;
    };
  });
}

}  // namespace avqa::cli
