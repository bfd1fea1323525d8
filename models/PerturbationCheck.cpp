#include "PerturbationCheck.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "common/AvqaError.h"
#include "media/VideoFiles.h"
#include "storage/AskStore.h"
#include "storage/PerturbationStore.h"
#include "storage/RunAnswers.h"

namespace avqa {
namespace {

std::size_t argmax(const std::vector<float>& values) {
  return static_cast<std::size_t>(std::max_element(values.begin(), values.end()) - values.begin());
}

// Half the L1 distance of two maps, each step normalised to sum 1; steps either map leaves
// empty are skipped. Nullopt when no step has both.
std::optional<double> mapShift(const Matrix& a, const Matrix& b, const std::vector<TimeStep>& steps) {
  if (a.rows != b.rows || a.cols != b.cols) return std::nullopt;
  double sum = 0.0;
  int counted = 0;
  for (std::size_t r = 0; r < a.rows && r < steps.size(); ++r) {
    if (steps[r].padded) continue;
    const auto row_a = a.values.begin() + static_cast<std::ptrdiff_t>(r * a.cols);
    const auto row_b = b.values.begin() + static_cast<std::ptrdiff_t>(r * b.cols);
    const double total_a = std::accumulate(row_a, row_a + static_cast<std::ptrdiff_t>(a.cols), 0.0);
    const double total_b = std::accumulate(row_b, row_b + static_cast<std::ptrdiff_t>(b.cols), 0.0);
    if (total_a <= 0.0 || total_b <= 0.0) continue;
    double l1 = 0.0;
    for (std::size_t c = 0; c < a.cols; ++c) l1 += std::abs(row_a[static_cast<std::ptrdiff_t>(c)] / total_a - row_b[static_cast<std::ptrdiff_t>(c)] / total_b);
    sum += l1 / 2.0;
    ++counted;
  }
  return counted > 0 ? std::optional<double>(sum / counted) : std::nullopt;
}

// The indices of the k largest (or smallest) of `weights`.
std::vector<std::size_t> extremes(const std::vector<float>& weights, std::size_t k, bool largest) {
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return largest ? weights[x] > weights[y] : weights[x] < weights[y];
  });
  order.resize(std::min(k, order.size()));
  return order;
}

}  // namespace

StoredPerturbation perturbQuestion(const AskJob& job, const ModelFeatures& features, const ModelFeatures* partner,
                                   const ModelFeatures* silent, const AskRequest& request, const CancelToken& cancel) {
  const Prediction original = job.answer(features, request, cancel).prediction;
  const std::size_t answer = argmax(original.probabilities);
  const double p0 = original.probabilities[answer];
  const auto drop_with = [&](const ModelFeatures& changed) {
    return p0 - job.answer(changed, request, cancel).prediction.probabilities[answer];
  };
  StoredPerturbation check;
  // The same question heard with other audio features: did the answer change, how far did
  // the sound-guided map move? Nothing when there is no such audio (or it does not fit).
  const auto hear = [&](const ModelFeatures* other, std::optional<bool>& answer_changed, std::optional<double>& shift) {
    if (!other || other->audio.size() != features.audio.size()) return;
    ModelFeatures heard_features = features;
    heard_features.audio = other->audio;
    const Prediction heard = job.answer(heard_features, request, cancel).prediction;
    answer_changed = argmax(heard.probabilities) != answer;
    if (original.sound_spatial && heard.sound_spatial) shift = mapShift(*original.sound_spatial, *heard.sound_spatial, original.steps);
  };
  std::optional<bool> changed_by_swap;
  hear(partner, changed_by_swap, check.sound_map_shift);
  check.answer_changed_by_swap = changed_by_swap.value_or(false);
  hear(silent, check.answer_changed_by_silence, check.silence_map_shift);
  const std::size_t t = original.steps.size();
  const std::optional<Matrix>& map = original.sound_spatial ? original.sound_spatial : original.spatial;
  const std::size_t m = static_cast<std::size_t>(features.patch_count);
  if (map && m > 0 && map->cols == m && !features.patches.empty()) {
    const std::size_t dim = features.patches.size() / (t * m);
    for (bool top : {true, false}) {
      ModelFeatures deleted = features;
      for (std::size_t step = 0; step < t && step < map->rows; ++step) {
        if (original.steps[step].padded) continue;
        const std::vector<float> row(map->values.begin() + static_cast<std::ptrdiff_t>(step * m),
                                     map->values.begin() + static_cast<std::ptrdiff_t>((step + 1) * m));
        for (std::size_t patch : extremes(row, std::max<std::size_t>(1, m / 10), top)) {
          std::fill_n(deleted.patches.begin() + static_cast<std::ptrdiff_t>((step * m + patch) * dim), dim, 0.0f);
        }
      }
      (top ? check.drop_top_patches : check.drop_bottom_patches) = drop_with(deleted);
    }
  }
  if (original.temporal && original.temporal->size() == t && t > 1) {
    std::vector<float> weights = *original.temporal;
    for (std::size_t step = 0; step < t; ++step) {
      if (original.steps[step].padded) weights[step] = -1.0f;  // never deleted as "least attended"
    }
    const std::size_t unpadded = static_cast<std::size_t>(std::count_if(weights.begin(), weights.end(), [](float w) { return w >= 0; }));
    const std::size_t k = std::max<std::size_t>(1, unpadded / 5);
    for (bool top : {true, false}) {
      std::vector<float> ranked = weights;
      if (!top) std::replace(ranked.begin(), ranked.end(), -1.0f, 2.0f);  // padded steps rank last either way
      ModelFeatures deleted = features;
      const std::size_t da = features.audio.size() / t, dv = features.visual.size() / t;
      const std::size_t dp = features.patches.empty() ? 0 : features.patches.size() / t;
      for (std::size_t step : extremes(ranked, k, top)) {
        std::fill_n(deleted.audio.begin() + static_cast<std::ptrdiff_t>(step * da), da, 0.0f);
        std::fill_n(deleted.visual.begin() + static_cast<std::ptrdiff_t>(step * dv), dv, 0.0f);
        if (dp > 0) std::fill_n(deleted.patches.begin() + static_cast<std::ptrdiff_t>(step * dp), dp, 0.0f);
      }
      (top ? check.drop_top_steps : check.drop_bottom_steps) = drop_with(deleted);
    }
  }
  return check;
}

PerturbationRunResult checkRunPerturbations(ProjectStore& project, AvqaModel& model, const PerturbationOptions& options,
                                            const CancelToken& cancel, const JobProgress& progress) {
  const RunAnswers answers = loadRunAnswers(project, options.run);
  const auto done = PerturbationStore(project).forRun(answers.run.id);
  std::map<std::string, std::vector<std::size_t>> by_video;  // name order: the partner is the next video
  for (std::size_t i = 0; i < answers.questions.size(); ++i) by_video[answers.questions[i].record.video_id].push_back(i);
  std::vector<std::string> videos;
  for (const auto& [video, indices] : by_video) videos.push_back(video);
  std::optional<FeatureCache> cache;
  if (!options.feature_cache_root.empty()) cache.emplace(options.feature_cache_root);
  const AskJob job(model, std::move(cache));
  VideoFolders folders(project);
  const auto features_of = [&](const std::string& video_id, Hearing hearing = Hearing::Recorded) {
    FeatureRequest media;
    media.hearing = hearing;
    media.video_path = options.videos_dir.empty() ? folders.findVideo(video_id) : findVideoFile(options.videos_dir, video_id);
    if (media.video_path.empty()) throw AvqaError(project.path(), "none of its video folders holds video " + video_id);
    media.features_dir = options.features_dir;
    return job.extractor().extract(media, cancel, nullptr);
  };
  PerturbationRunResult result;
  std::optional<ModelFeatures> next;  // the partner of one video is the next one's own features
  for (std::size_t v = 0; v < videos.size(); ++v) {
    cancel.throwIfCancelled();
    std::vector<std::size_t> pending;
    for (std::size_t index : by_video[videos[v]]) {
      if (done.count(answers.questions[index].row)) ++result.already_stored;
      else pending.push_back(index);
    }
    if (pending.empty()) {
      next.reset();
      continue;
    }
    const ModelFeatures own = next ? std::move(*next) : features_of(videos[v]);
    next.reset();
    if (videos.size() > 1) next = features_of(videos[(v + 1) % videos.size()]);
    std::optional<ModelFeatures> silent;  // precomputed .npy audio cannot be silenced
    if (options.features_dir.empty()) silent = features_of(videos[v], Hearing::Silence);
    std::vector<StoredPerturbation> checks;
    for (std::size_t index : pending) {
      const QaRecord& record = answers.questions[index].record;
      AskRequest request;
      request.question = record.question_content;
      request.templ_values = record.templ_values;
      request.question_id = record.question_id.value_or("");
      request.question_features_dir = options.question_features_dir;
      StoredPerturbation check = perturbQuestion(job, own, next ? &*next : nullptr, silent ? &*silent : nullptr, request, cancel);
      check.question_row = answers.questions[index].row;
      checks.push_back(check);
    }
    PerturbationStore(project).add(answers.run.id, checks);  // one commit per video: a stopped check resumes here
    result.checked += checks.size();
    if (progress) progress("videos", static_cast<double>(v + 1) / static_cast<double>(videos.size()));
  }
  return result;
}

}  // namespace avqa
