#include "TrainingSet.h"

#include <QSize>
#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "QuestionTokenizer.h"
#include "StepMedia.h"
#include "annotation/ComparisonSwap.h"
#include "builtin/detail/EncoderNets.h"
#include "common/AvqaError.h"
#include "common/InputFile.h"
#include "dataset/MusicAvqaFile.h"
#include "media/PatchGeometry.h"
#include "media/VideoFiles.h"
#include "synthetic/Instrument.h"

namespace avqa::training {
namespace {

int instrumentIndex(const std::string& name) {
  const auto& catalog = synth::instrumentCatalog();
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    if (catalog[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

// The generator's labels of one video at the model's steps.
void labelVideo(const nlohmann::json& truth, const std::vector<TimeStep>& steps, int grid, VideoSet& set, int64_t v) {
  const std::vector<int> size = truth.at("frame_size").get<std::vector<int>>();
  const QSize frame(size.at(0), size.at(1));
  std::map<int, int> instrument_of;
  std::map<int, double> notes_per_second_of;  // older ground truth has no rhythm: left at 0 (no target)
  struct Box { int instrument; QRectF rect; };
  std::vector<Box> boxes;
  for (const auto& player : truth.at("players")) {
    const int instrument = instrumentIndex(player.at("instrument").get<std::string>());
    instrument_of[player.at("id").get<int>()] = instrument;
    if (player.contains("notes_per_second") && player.at("notes_per_second").is_number()) {
      notes_per_second_of[player.at("id").get<int>()] = player.at("notes_per_second").get<double>();
    }
    if (instrument < 0 || player.at("box").is_null()) continue;
    const std::vector<double> box = player.at("box").get<std::vector<double>>();
    boxes.push_back({instrument, QRectF(QPointF(box[0], box[1]), QPointF(box[2], box[3]))});
  }
  // Smaller boxes first: where boxes overlap, a patch names the one in front of it.
  std::sort(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) {
    return a.rect.width() * a.rect.height() < b.rect.width() * b.rect.height();
  });
  const auto& seconds = truth.at("seconds");
  auto patch_labels = set.patch_labels.accessor<int64_t, 3>();
  auto visible = set.visible.accessor<float, 3>();
  auto sounding = set.sounding.accessor<float, 3>();
  auto loudness = set.loudness.accessor<float, 3>();
  auto rhythm = set.rhythm.accessor<float, 3>();
  for (std::size_t t = 0; t < steps.size(); ++t) {
    if (steps[t].padded) continue;
    const auto step = static_cast<int64_t>(t);
    for (int r = 0; r < grid; ++r) {
      for (int c = 0; c < grid; ++c) {
        const QPointF centre = patchPixelBox(frame, grid, grid, "full-frame", r, c).center();
        for (const Box& box : boxes) {
          if (box.rect.contains(centre)) {
            patch_labels[v][step][r * grid + c] = box.instrument + 1;
            break;
          }
        }
      }
    }
    for (const Box& box : boxes) visible[v][step][box.instrument] = 1.0f;
    const auto second = static_cast<std::size_t>(std::floor(steps[t].start_s + 1e-6));
    if (second >= seconds.size()) continue;
    const auto& entry = seconds[second];
    for (const auto& id : entry.at("sounding")) {
      const int instrument = instrument_of.count(id.get<int>()) ? instrument_of[id.get<int>()] : -1;
      if (instrument < 0) continue;
      sounding[v][step][instrument] = 1.0f;
      const std::string key = std::to_string(id.get<int>());
      if (entry.at("loudness_db").contains(key)) {
        const float db = entry.at("loudness_db").at(key).get<float>();
        loudness[v][step][instrument] = std::max(loudness[v][step][instrument], (db + 50.0f) / 20.0f);
      }
      const auto notes = notes_per_second_of.find(id.get<int>());
      if (notes != notes_per_second_of.end() && notes->second >= 1.0) {
        const auto scaled = static_cast<float>(rhythmLabel(notes->second));
        rhythm[v][step][instrument] = std::max(rhythm[v][step][instrument], scaled);
      }
    }
  }
}

std::vector<std::string> questionWords(const QaRecord& record) {
  QuestionSpec spec;
  spec.vocab = {"<pad>"};
  spec.max_len = 1000;
  return tokenizeQuestion(record.question_content, record.templ_values, spec).dropped;
}

// The benchmark's ordinal slots (<FL>, <TH>): "first" ... "fifth", "last".
int64_t onsetRank(const std::vector<std::string>& values) {
  static const std::array<const char*, 5> kOrdinals = {"first", "second", "third", "fourth", "fifth"};
  for (const std::string& value : values) {
    if (value == "last") return kLastOnset;
    for (std::size_t i = 0; i < kOrdinals.size(); ++i) {
      if (value == kOrdinals[i]) return static_cast<int64_t>(i) + 1;
    }
  }
  return 0;
}

QuestionSet questionTensors(const std::vector<const QaRecord*>& records, const std::map<std::string, int64_t>& video_index,
                            const std::vector<std::string>& answers, const QuestionSpec& spec) {
  std::vector<int64_t> videos, tokens, labels;
  std::vector<float> named;
  std::vector<int64_t> onset_ranks;
  for (const QaRecord* record : records) {
    const auto answer = std::find(answers.begin(), answers.end(), record->answer.value_or(""));
    if (answer == answers.end() || !video_index.count(record->video_id)) continue;
    const TokenizedQuestion question = tokenizeQuestion(record->question_content, record->templ_values, spec);
    videos.push_back(video_index.at(record->video_id));
    tokens.insert(tokens.end(), question.ids.begin(), question.ids.end());
    labels.push_back(answer - answers.begin());
    std::vector<float> row(builtin::kInstrumentClasses, 0.0f);
    for (const std::string& value : record->templ_values) {
      const int instrument = instrumentIndex(value);
      if (instrument >= 0 && instrument < builtin::kInstrumentClasses) row[static_cast<std::size_t>(instrument)] = 1.0f;
    }
    named.insert(named.end(), row.begin(), row.end());
    onset_ranks.push_back(onsetRank(record->templ_values));
  }
  QuestionSet set;
  const auto n = static_cast<int64_t>(videos.size());
  set.video = torch::tensor(videos, torch::kLong);
  set.tokens = torch::tensor(tokens, torch::kLong).view({n, spec.max_len});
  set.answer = torch::tensor(labels, torch::kLong);
  set.named = torch::tensor(named, torch::kFloat).view({n, builtin::kInstrumentClasses});
  set.onset_rank = torch::tensor(onset_ranks, torch::kLong);
  return set;
}

}  // namespace

TrainingSet loadTrainingSet(const std::string& data_dir, const BuiltinConfig& config, const Vocabulary* fixed, int max_videos,
                            MediaDecoding media_decoding, QuestionAugmentation augmentation, const CancelToken& cancel,
                            const std::function<void(double)>& progress) {
  const std::filesystem::path folder(data_dir);
  const std::filesystem::path train_path = folder / "avqa-train.json";
  const std::filesystem::path val_path = folder / "avqa-val.json";
  for (const auto& path : {train_path, val_path}) {
    if (!std::filesystem::is_regular_file(path)) throw AvqaError(path.string(), "is missing (training needs the train and val splits)");
  }
  const MusicAvqaFile train_file = readMusicAvqaFile(train_path.string());
  const MusicAvqaFile val_file = readMusicAvqaFile(val_path.string());

  TrainingSet set;
  VideoSet& videos = set.videos;
  std::map<std::string, int64_t> video_index;
  std::vector<const QaRecord*> train_records, val_records;
  const auto collect = [&](const MusicAvqaFile& file, std::vector<const QaRecord*>& records) {
    int64_t taken = 0;
    for (const QaRecord& record : file.records) {
      if (record.deleted || !record.answer) continue;
      if (!video_index.count(record.video_id)) {
        if (max_videos > 0 && taken >= max_videos) continue;
        video_index[record.video_id] = static_cast<int64_t>(videos.ids.size());
        videos.ids.push_back(record.video_id);
        ++taken;
      }
      records.push_back(&record);
    }
  };
  collect(train_file, train_records);
  videos.train_videos = static_cast<int64_t>(videos.ids.size());
  collect(val_file, val_records);
  if (train_records.empty() || val_records.empty()) throw AvqaError(data_dir, "has no answered questions in its train or val split");

  // Vocabulary and answers: the model's own when resuming, else the training split's.
  if (fixed) {
    set.vocab = fixed->words;
    set.answers = fixed->answers;
    set.max_len = fixed->max_len;
  } else {
    std::set<std::string> words, answers;
    std::size_t longest = 1;
    for (const QaRecord* record : train_records) {
      const std::vector<std::string> question = questionWords(*record);
      words.insert(question.begin(), question.end());
      longest = std::max(longest, question.size());
      answers.insert(*record->answer);
    }
    for (const QaRecord* record : val_records) answers.insert(*record->answer);
    set.vocab = {"<pad>", "<unk>"};
    set.vocab.insert(set.vocab.end(), words.begin(), words.end());
    set.answers.assign(answers.begin(), answers.end());
    set.max_len = static_cast<int>(std::min<std::size_t>(longest, 32));
  }
  std::deque<QaRecord> swapped;  // owns the added records while the tensors are built
  if (augmentation == QuestionAugmentation::SwapComparisons) {
    const std::size_t asked = train_records.size();
    for (std::size_t i = 0; i < asked; ++i) {
      if (std::optional<QaRecord> other = swappedComparison(*train_records[i])) {
        swapped.push_back(std::move(*other));
        train_records.push_back(&swapped.back());
      }
    }
  }
  QuestionSpec spec;
  spec.vocab = set.vocab;
  spec.max_len = set.max_len;
  set.train = questionTensors(train_records, video_index, set.answers, spec);
  set.val = questionTensors(val_records, video_index, set.answers, spec);

  if (media_decoding == MediaDecoding::Skip) return set;
  // Media and labels, video by video on every core.
  nlohmann::json truth;
  const std::filesystem::path truth_path = folder / "groundtruth.json";
  if (std::filesystem::is_regular_file(truth_path)) {
    try {
      truth = nlohmann::json::parse(readInputFile(truth_path.string())).at("videos");
      videos.has_labels = true;
    } catch (const nlohmann::json::exception& error) {
      throw AvqaError(truth_path.string(), std::string("malformed ground truth: ") + error.what());
    }
  }
  const int64_t v = static_cast<int64_t>(videos.ids.size());
  const int64_t t = config.time_steps;
  const int64_t m = config.patchCount();
  const int64_t s = config.image_size;
  videos.frames = torch::zeros({v, t, 3, s, s}, torch::kUInt8);
  videos.log_mel = torch::zeros({v, t, 1, 96, 64});
  videos.padded = torch::zeros({v, t}, torch::kBool);
  videos.patch_labels = torch::zeros({v, t, m}, torch::kLong);
  videos.visible = torch::zeros({v, t, builtin::kInstrumentClasses});
  videos.sounding = torch::zeros({v, t, builtin::kInstrumentClasses});
  videos.loudness = torch::zeros({v, t, builtin::kInstrumentClasses});
  videos.rhythm = torch::zeros({v, t, builtin::kInstrumentClasses});
  std::atomic<int64_t> next{0}, done{0};
  std::mutex error_mutex;
  std::string first_error;
  const auto work = [&] {
    for (int64_t i = next++; i < v; i = next++) {
      try {
        const std::string path = findVideoFile((folder / "videos").string(), videos.ids[static_cast<std::size_t>(i)]);
        const MediaSampler sampler(path);
        const std::vector<TimeStep> steps = planTimeSteps(sampler.info().duration_s, config.time_steps, config.stride_s, StepPlacement::FirstSeconds);
        const StepMedia media = sampleStepMedia(sampler, path, "", steps, cancel);
        videos.frames[i] = builtin::framesToBytes(media.frames, config.image_size);
        videos.log_mel[i] = builtin::logMelToTensor(media.log_mel, t);
        for (int64_t k = 0; k < t; ++k) videos.padded[i][k] = steps[static_cast<std::size_t>(k)].padded;
        if (videos.has_labels && truth.contains(videos.ids[static_cast<std::size_t>(i)])) {
          labelVideo(truth.at(videos.ids[static_cast<std::size_t>(i)]), steps, config.grid, videos, i);
        }
      } catch (const std::exception& error) {
        const std::lock_guard<std::mutex> lock(error_mutex);
        if (first_error.empty()) first_error = error.what();
        next = v;
      }
      const int64_t finished = ++done;
      if (progress && finished % 8 == 0) progress(static_cast<double>(finished) / static_cast<double>(v));
    }
  };
  {
    std::vector<std::thread> workers;
    const unsigned count = std::max(1u, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < count; ++i) workers.emplace_back(work);
    for (std::thread& worker : workers) worker.join();
  }
  cancel.throwIfCancelled();
  if (!first_error.empty()) throw AvqaError(data_dir, "could not read a training video: " + first_error);
  return set;
}

}  // namespace avqa::training
