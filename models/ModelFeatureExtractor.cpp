#include "ModelFeatureExtractor.h"

#include <QCryptographicHash>
#include <cmath>
#include <filesystem>

#include "FeatureEncoders.h"
#include "StepMedia.h"
#include "common/AvqaError.h"
#include "common/FileHash.h"
#include "features/FeatureFolder.h"
#include "media/LogMel.h"

namespace avqa {
namespace {

void requireDim(int actual, int expected, const std::string& what, const std::string& source, const std::string& model) {
  if (actual != expected) {
    throw AvqaError(source, what + " features have " + std::to_string(actual) + " values per step, model " + model +
                                " expects " + std::to_string(expected));
  }
}

void zeroPaddedRows(std::vector<float>& values, const std::vector<TimeStep>& steps, std::size_t row_size) {
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].padded) std::fill_n(values.begin() + static_cast<std::ptrdiff_t>(i * row_size), row_size, 0.0f);
  }
}

}  // namespace

ModelFeatureExtractor::ModelFeatureExtractor(const ModelInfo& info, const std::string& device, std::optional<FeatureCache> cache)
    : info_(info), cache_(std::move(cache)) {
  if (info.encoders.count("audio")) audio_encoder_ = openAudioEncoder(info.encoders.at("audio"), device);
  if (info.encoders.count("visual")) visual_encoder_ = openVisualEncoder(info.encoders.at("visual"), device);
}

ModelFeatureExtractor::~ModelFeatureExtractor() = default;

std::string ModelFeatureExtractor::cacheKey(const FeatureRequest& request) const {
  std::string material = "video=" + sha256OfFile(request.video_path);
  if (!request.audio_path.empty()) material += ";audio=" + sha256OfFile(request.audio_path);
  if (request.hearing == Hearing::Silence) material += ";silence";
  for (const auto& [role, file] : info_.encoders) material += ";" + role + "=" + sha256OfFile(file);
  material += ";T=" + std::to_string(info_.time_steps) + ";stride=" + std::to_string(info_.stride_s) +
              ";spread=" + std::to_string(request.placement == StepPlacement::Spread);
  return QCryptographicHash::hash(QByteArray::fromStdString(material), QCryptographicHash::Sha256).toHex().toStdString();
}

ModelFeatures ModelFeatureExtractor::extract(const FeatureRequest& request, const CancelToken& cancel,
                                             const JobProgress& progress) const {
  ModelFeatures features;
  const MediaSampler video(request.video_path);
  features.media = video.info();
  features.steps = planTimeSteps(features.media.duration_s, info_.time_steps, info_.stride_s, request.placement);
  if (!request.features_dir.empty()) {
    if (request.hearing == Hearing::Silence) {
      throw AvqaError(request.features_dir, "holds precomputed audio features: silence goes through the model's own audio "
                                            "encoder (with .npy features only another video's sound can be swapped in)");
    }
    fromFolder(request, features);
  } else {
    if (!audio_encoder_ || !visual_encoder_) {
      throw AvqaError(info_.file, "model " + info_.name + " needs " + info_.audio.kind + " and " + info_.visual.kind +
                                      " features: give --features DIR with those folders (the model names no encoders)");
    }
    const std::string key = cache_ ? cacheKey(request) : std::string();
    if (cache_) {
      if (std::optional<FeatureCache::Arrays> cached = cache_->load(key)) {
        features.audio = (*cached)["audio"].second;
        features.visual = (*cached)["visual"].second;
        if (cached->count("patches")) {
          features.patches = (*cached)["patches"].second;
          features.patch_count = static_cast<int>((*cached)["patches"].first.at(1));
        }
        features.from_cache = true;
      }
    }
    if (!features.from_cache) {
      fromEncoders(request, video, features, cancel, progress);
      if (cache_) {
        const std::size_t t = features.steps.size();
        FeatureCache::Arrays arrays;
        arrays["audio"] = {{t, static_cast<std::size_t>(info_.audio.dim)}, features.audio};
        arrays["visual"] = {{t, static_cast<std::size_t>(info_.visual.dim)}, features.visual};
        if (info_.patches) {
          arrays["patches"] = {{t, static_cast<std::size_t>(features.patch_count), static_cast<std::size_t>(info_.patches->dim)},
                               features.patches};
        }
        if (std::optional<std::string> problem = cache_->store(key, arrays)) features.warnings.push_back(std::move(*problem));
      }
    }
  }
  if (info_.patches && features.patch_count != info_.patches->grid[0] * info_.patches->grid[1]) {
    throw AvqaError(info_.file, "declares a " + std::to_string(info_.patches->grid[0]) + "x" + std::to_string(info_.patches->grid[1]) +
                                    " patch grid but its features hold " + std::to_string(features.patch_count) + " patches");
  }
  return features;
}

void ModelFeatureExtractor::fromFolder(const FeatureRequest& request, ModelFeatures& features) const {
  const FeatureFolder folder(request.features_dir);
  for (const std::string& kind : {info_.audio.kind, info_.visual.kind}) {
    if (!folder.folderOf(kind)) {
      throw AvqaError(request.features_dir, "has no folder of " + kind + " features, which model " + info_.name + " needs");
    }
  }
  // Step i reads row floor(start_s * rows_per_s): row i*s of one-row-per-second features.
  const auto rows_at = [&features](double rows_per_s) {
    std::vector<int> rows;
    for (const TimeStep& step : features.steps) {
      rows.push_back(step.padded ? -1 : static_cast<int>(std::floor(step.start_s * rows_per_s + 1e-6)));
    }
    return rows;
  };
  const std::string video_id = std::filesystem::path(request.video_path).stem().string();
  const StepFeatures audio = folder.audio(info_.audio.kind, video_id, rows_at(info_.audio.rows_per_s));
  requireDim(static_cast<int>(audio.dim), info_.audio.dim, "audio", request.features_dir, info_.name);
  features.audio = audio.values;
  const StepPatchFeatures visual = folder.visual(info_.visual.kind, video_id, rows_at(info_.visual.rows_per_s));
  requireDim(static_cast<int>(visual.dim), info_.visual.dim, "visual", request.features_dir, info_.name);
  features.visual = visual.frame;
  if (info_.patches) {
    requireDim(static_cast<int>(visual.dim), info_.patches->dim, "patch", request.features_dir, info_.name);
    features.patches = visual.values;
    features.patch_count = static_cast<int>(visual.patches);
  }
}

void ModelFeatureExtractor::fromEncoders(const FeatureRequest& request, const MediaSampler& video, ModelFeatures& features,
                                         const CancelToken& cancel, const JobProgress& progress) const {
  const auto report = [&](const char* stage, double fraction) {
    if (progress) progress(stage, fraction);
  };
  const std::vector<TimeStep>& steps = features.steps;
  const std::size_t t = steps.size();
  report("decoding", 0.1);
  StepMedia media = sampleStepMedia(video, request.video_path, request.audio_path, steps, cancel, request.hearing);
  features.warnings.insert(features.warnings.end(), media.warnings.begin(), media.warnings.end());
  report("encoding audio", 0.3);
  requireDim(audio_encoder_->dim(), info_.audio.dim, "audio", info_.encoders.at("audio"), info_.name);
  features.audio = audio_encoder_->encode(media.log_mel, static_cast<int>(t));
  zeroPaddedRows(features.audio, steps, static_cast<std::size_t>(info_.audio.dim));

  report("encoding frames", 0.6);
  requireDim(visual_encoder_->dim(), info_.visual.dim, "visual", info_.encoders.at("visual"), info_.name);
  const VisualEncoding visual = visual_encoder_->encode(media.frames);
  features.visual = visual.frame;
  zeroPaddedRows(features.visual, steps, static_cast<std::size_t>(info_.visual.dim));
  if (info_.patches) {
    requireDim(visual_encoder_->patchDim(), info_.patches->dim, "patch", info_.encoders.at("visual"), info_.name);
    features.patches = visual.patches;
    features.patch_count = visual.patch_count;
    zeroPaddedRows(features.patches, steps, static_cast<std::size_t>(visual.patch_count * info_.patches->dim));
  }
}

}  // namespace avqa
