#include "SplitRun.h"

#include <map>

#include "AskJob.h"
#include "PredictionJson.h"
#include "ProjectFeatures.h"
#include "common/AvqaError.h"
#include "media/VideoFiles.h"
#include "storage/AskStore.h"
#include "storage/RunClaims.h"

#include <chrono>
#include <functional>
#include <thread>

namespace avqa {
namespace {

using VideoQuestions = std::map<std::pair<std::string, std::string>, std::vector<const StoredQuestion*>>;
using PredictVideo = std::function<std::vector<StoredPrediction>(const std::pair<std::string, std::string>&,
                                                                 const std::vector<const StoredQuestion*>&)>;

// A worker's share of a run: claims a free video, predicts it, stores it if the claim still
// holds; waits while others hold the rest, and ends when every video is done.
SplitRunResult runAsWorker(ProjectStore& project, std::int64_t run_id, const SplitRunOptions& options, const VideoQuestions& by_video,
                           const PredictVideo& predict, const CancelToken& cancel, SplitRunResult result) {
  RunClaims claims(project, run_id, options.worker, options.lease_s);
  std::map<std::string, VideoQuestions::const_iterator> by_key;
  std::vector<std::string> keys;
  for (auto video = by_video.begin(); video != by_video.end(); ++video) {
    keys.push_back(RunClaims::videoKey(video->first.first, video->first.second));
    by_key.emplace(keys.back(), video);
  }
  claims.addVideos(keys);
  while (true) {
    cancel.throwIfCancelled();
    const std::optional<std::string> key = claims.claimNext();
    if (!key) {
      if (claims.allDone()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));  // others hold the rest: one may be killed
      continue;
    }
    const auto video = by_key.find(*key);
    // A video another worker listed that this one has nothing left of: stored with no predictions.
    const std::vector<StoredPrediction> predictions = video == by_key.end() ? std::vector<StoredPrediction>{}
                                                                            : predict(video->second->first, video->second->second);
    if (claims.complete(*key, predictions)) result.answered += predictions.size();
  }
  result.workers = claims.workers();
  return result;
}

}  // namespace

SplitRunResult runModelOverSplit(ProjectStore& project, AvqaModel& model, const SplitRunOptions& options,
                                 const CancelToken& cancel, const JobProgress& progress) {
  const std::optional<SplitInfo> split = project.findSplit(options.split);
  if (!split) throw AvqaError(project.path(), "has no split \"" + options.split + "\"");
  const ModelInfo& info = model.info();
  const std::string kinds = info.featureKindsText();
  if (options.replace) project.removeRun(options.run);
  RunInfo run;
  run.name = options.run;
  run.split_id = split->id;
  run.source = "model";
  run.source_path = options.model_path;
  std::int64_t run_id = 0;
  try {
    run_id = project.openModelRun(run, {info.name, info.file_sha256, kinds});
  } catch (const AvqaError&) {
    if (options.worker.empty()) throw;
    run_id = project.openModelRun(run, {info.name, info.file_sha256, kinds});  // another worker made the run just now
  }
  const auto done = project.predictions(run_id);
  SplitRunResult result;
  result.already_stored = done.size();
  const std::vector<StoredQuestion> questions = project.questions(split->id, QuestionDetail::AnalysisFields);
  // Grouped by video and sound: a v2.0 unmatch_audio question hears another video's sound.
  std::map<std::pair<std::string, std::string>, std::vector<const StoredQuestion*>> by_video;
  for (const StoredQuestion& question : questions) {
    if (!done.count(question.row)) {
      by_video[{question.record.video_id, question.record.unmatch_audio.value_or("")}].push_back(&question);
    }
  }
  VideoFolders folders(project);
  std::optional<FeatureCache> cache;
  if (!options.feature_cache_root.empty()) cache.emplace(options.feature_cache_root);
  const AskJob job(model, std::move(cache));
  std::size_t videos_done = 0;
  const auto locate = [&](const std::string& video_id) {
    if (!options.videos_dir.empty()) return findVideoFile(options.videos_dir, video_id);
    std::string path = folders.findVideo(video_id);
    if (path.empty()) throw AvqaError(project.path(), "none of its video folders holds video " + video_id + " (add the folder first)");
    return path;
  };
  // One video's predictions: features once, every question of it answered.
  const auto predict = [&](const std::pair<std::string, std::string>& key, const std::vector<const StoredQuestion*>& video_questions) {
    FeatureRequest media;
    media.video_path = locate(key.first);
    if (!key.second.empty()) media.audio_path = locate(key.second);
    media.features_dir = options.features_dir.empty() ? projectFeatureFolder(project, info, key.first) : options.features_dir;
    const ModelFeatures features = job.extractor().extract(media, cancel, nullptr);
    std::vector<AskRequest> requests;
    for (const StoredQuestion* question : video_questions) {
      AskRequest request;
      request.question = question->record.question_content;
      request.templ_values = question->record.templ_values;
      request.question_id = question->record.question_id.value_or("");
      request.question_features_dir = options.question_features_dir;
      requests.push_back(std::move(request));
    }
    const std::vector<AskResult> answered = job.answerAll(features, requests, cancel);  // one forward when batched
    std::vector<StoredPrediction> predictions;
    for (std::size_t k = 0; k < answered.size(); ++k) {
      // The whole prediction goes with the answer: audit computes attention figures from it.
      const Prediction& prediction = answered[k].prediction;
      predictions.push_back({video_questions[k]->row, prediction.answer(), predictionToJson(prediction, features.media.duration_s),
                             features.media.width, features.media.height});
    }
    return predictions;
  };
  if (!options.worker.empty()) return runAsWorker(project, run_id, options, by_video, predict, cancel, result);
  for (const auto& [key, video_questions] : by_video) {
    cancel.throwIfCancelled();
    const std::vector<StoredPrediction> predictions = predict(key, video_questions);
    project.addPredictions(run_id, predictions);  // one commit per video: a stopped run resumes here
    result.answered += predictions.size();
    if (progress) progress("videos", static_cast<double>(++videos_done) / static_cast<double>(by_video.size()));
  }
  return result;
}

}  // namespace avqa
