#include "AskRecord.h"

#include "PredictionJson.h"

namespace avqa {

StoredAsk storedAskOf(const std::string& video_name, const AskRequest& request, const ModelInfo& model, const AskResult& result) {
  StoredAsk stored;
  stored.video_name = video_name;
  stored.video_path = request.media.video_path +
                      (request.media.audio_path.empty() ? "" : " (sound: " + request.media.audio_path + ")");
  stored.question = request.question;
  stored.answer = result.prediction.answer();
  stored.model_name = model.name;
  stored.model_sha256 = model.file_sha256;
  stored.feature_kinds = model.featureKindsText();
  stored.prediction_json = predictionToJson(result.prediction, result.media.duration_s);
  return stored;
}

}  // namespace avqa
