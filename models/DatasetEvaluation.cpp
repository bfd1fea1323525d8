#include "DatasetEvaluation.h"

#include <chrono>

#include <QRectF>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "PredictionReadout.h"
#include "dataset/EvidenceFile.h"
#include "analysis/TemplateMajorityBaseline.h"
#include "common/AvqaError.h"
#include "common/InputFile.h"
#include "dataset/MusicAvqaFile.h"
#include "media/VideoFiles.h"

namespace avqa {

DatasetEvaluation evaluateDataset(AvqaModel& model, const std::string& data_dir, const std::string& split,
                                  const CancelToken& cancel, const JobProgress& progress, const EvaluationSources& sources) {
  const std::filesystem::path folder(data_dir);
  const MusicAvqaFile file = readMusicAvqaFile((folder / ("avqa-" + split + ".json")).string());
  DatasetEvaluation evaluation;
  evaluation.split = split;
  evaluation.questions = file.records.size();
  const std::string truth_path = (folder / "groundtruth.json").string();
  std::optional<std::map<std::string, Evidence>> evidence;
  if (std::filesystem::is_regular_file(truth_path)) {
    evidence = readEvidenceFile(truth_path);
  } else {
    evaluation.faithfulness_note = data_dir + " has no groundtruth.json: attention faithfulness is unavailable";
  }
  const std::string features_dir = !sources.features_dir.empty()                    ? sources.features_dir
                                   : std::filesystem::is_directory(folder / "features") ? (folder / "features").string()
                                                                                        : "";

  // One feature extraction per video, then every question about it.
  std::map<std::string, std::vector<std::size_t>> by_video;
  std::vector<std::string> video_order;
  for (std::size_t i = 0; i < file.records.size(); ++i) {
    auto [it, inserted] = by_video.try_emplace(file.records[i].video_id);
    if (inserted) video_order.push_back(file.records[i].video_id);
    it->second.push_back(i);
  }
  const AskJob job(model, std::nullopt);
  std::vector<std::optional<std::string>> predictions(file.records.size());
  FaithfulnessAccumulator faithfulness;
  evaluation.per_question.resize(file.records.size());
  std::size_t answered = 0;
  for (const std::string& video_id : video_order) {
    cancel.throwIfCancelled();
    FeatureRequest media;
    media.video_path = findVideoFile((folder / "videos").string(), video_id);
    media.features_dir = features_dir;
    const auto features_start = std::chrono::steady_clock::now();
    const ModelFeatures features = job.extractor().extract(media, cancel, nullptr);
    const auto answering_start = std::chrono::steady_clock::now();
    evaluation.features_s += std::chrono::duration<double>(answering_start - features_start).count();
    std::vector<AskRequest> requests;
    for (std::size_t index : by_video[video_id]) {
      const QaRecord& record = file.records[index];
      AskRequest request;
      request.question = record.question_content;
      request.templ_values = record.templ_values;
      request.question_id = record.question_id.value_or("");
      request.question_features_dir = sources.question_features_dir;
      requests.push_back(std::move(request));
    }
    const std::vector<AskResult> results = job.answerAll(features, requests, cancel);  // one forward when batched
    evaluation.answering_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - answering_start).count();
    for (std::size_t k = 0; k < results.size(); ++k) {
      const std::size_t index = by_video[video_id][k];
      const QaRecord& record = file.records[index];
      const AskResult& result = results[k];
      predictions[index] = result.prediction.answer();
      EvaluatedQuestion& evaluated = evaluation.per_question[index];
      evaluated = {record.question_id.value_or(""), index, record.video_id, record.answer.value_or(""), result.prediction.answer(), {}};
      if (evidence && record.question_id) {
        auto found = evidence->find(*record.question_id);
        if (found != evidence->end()) {
          const AttentionReadout readout = predictionReadout(result.prediction, features.media.width, features.media.height);
          faithfulness.add(readout, found->second);
          evaluated.figures = questionFigures(readout, found->second);
        }
      }
      ++answered;
      if (progress) progress("answering", static_cast<double>(answered) / static_cast<double>(file.records.size()));
    }
  }
  RecordList records;
  for (const QaRecord& record : file.records) records.push_back(&record);
  const HeadTailSplit head_tail(records, HeadTailGrouping::ModalityType);
  evaluation.table = computeAccuracyTable(records, predictions, head_tail);
  const TemplateMajorityBaseline baseline(records);
  evaluation.blind_baseline_accuracy = baseline.accuracyPercent(records);
  std::vector<std::optional<std::string>> baseline_answers;
  for (const QaRecord* record : records) baseline_answers.emplace_back(baseline.predict(*record));
  evaluation.blind_baseline_table = computeAccuracyTable(records, baseline_answers, head_tail);
  if (evidence) evaluation.faithfulness = faithfulness.report();
  return evaluation;
}

}  // namespace avqa
