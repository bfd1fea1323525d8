#include "EncoderTraining.h"

#include <cmath>
#include <numeric>

#include "builtin/detail/EncoderNets.h"
#include "synthetic/SceneFacts.h"

namespace avqa::training {
namespace {

using torch::indexing::Slice;

struct StepBatch {
  at::Tensor frames, log_mel, patch_labels, visible, sounding, loudness, rhythm;
};

constexpr double kRhythmLossWeight = 4.0;  // its targets differ by 0.15 between rates 1.5x apart
// "More rhythmic" as the benchmark asks it, on the rhythm label's scale.
const double kMoreRhythmic = rhythmLabel(synth::kRhythmRatio) - rhythmLabel(1.0);

StepBatch gatherSteps(const VideoSet& videos, const at::Tensor& flat_index) {
  const auto flat = [&](const at::Tensor& tensor) { return tensor.flatten(0, 1).index_select(0, flat_index); };
  return {builtin::bytesToFrameTensor(flat(videos.frames)), flat(videos.log_mel), flat(videos.patch_labels), flat(videos.visible),
          flat(videos.sounding), flat(videos.loudness), flat(videos.rhythm)};
}

// Audio and patch codes share one space: a step's normalised audio code, dotted with its
// frame's normalised patch codes, puts its softmax mass on the patches of the instruments that
// sound (0 when the sizes differ or nothing visible sounds).
at::Tensor soundLocalisationLoss(const at::Tensor& patches, const at::Tensor& sound, const StepBatch& batch) {
  if (patches.size(-1) != sound.size(-1)) return torch::zeros({}, patches.options());
  const at::Tensor scores = torch::matmul(torch::layer_norm(patches, {patches.size(-1)}),
                                          torch::layer_norm(sound, {sound.size(-1)}).unsqueeze(-1)).squeeze(-1) /
                            std::sqrt(static_cast<double>(patches.size(-1)));  // [N,M]
  const at::Tensor instrument = (batch.patch_labels - 1).clamp_min(0);
  const at::Tensor target = batch.sounding.gather(1, instrument) * batch.patch_labels.gt(0).to(torch::kFloat);  // [N,M]
  const at::Tensor mass = target.sum(1);
  const at::Tensor rows = mass.gt(0);
  if (!rows.any().item<bool>()) return torch::zeros({}, patches.options());
  const at::Tensor nll = -(target / mass.clamp_min(1.0).unsqueeze(1) * torch::log_softmax(scores, 1)).sum(1);
  return nll.masked_select(rows).mean();
}

at::Tensor encoderLoss(builtin::BuiltinBundle& bundle, torch::nn::Linear& rhythm_probe, const StepBatch& batch, EncoderScope scope) {
  builtin::VisualCodes codes;
  at::Tensor visual_loss = torch::zeros({});
  if (scope == EncoderScope::AudioAndVisual) {
    codes = bundle->visual->forward(batch.frames);
    const at::Tensor patch_logits = bundle->visual->patchLogits(codes.patches);
    visual_loss = torch::nn::functional::cross_entropy(patch_logits.flatten(0, 1), batch.patch_labels.flatten()) +
                  torch::binary_cross_entropy_with_logits(bundle->visual->frameLogits(codes.frame), batch.visible);
  } else {
    torch::NoGradGuard frozen;
    codes = bundle->visual->forward(batch.frames);
  }
  const at::Tensor sound = bundle->audio->forward(batch.log_mel);
  const at::Tensor loud_error = (bundle->audio->loudness(sound) - batch.loudness).pow(2) * batch.sounding;
  const at::Tensor rhythm_known = batch.rhythm.gt(0).to(torch::kFloat);
  const at::Tensor rhythm_error = (rhythm_probe->forward(sound) - batch.rhythm).pow(2) * rhythm_known;
  const at::Tensor audio_loss = torch::binary_cross_entropy_with_logits(bundle->audio->soundingLogits(sound), batch.sounding) +
                                loud_error.sum() / batch.sounding.sum().clamp_min(1.0) +
                                kRhythmLossWeight * rhythm_error.sum() / rhythm_known.sum().clamp_min(1.0);
  return visual_loss + audio_loss + soundLocalisationLoss(codes.patches, sound, batch);
}

// Pairs of instruments sounding in the same step, one at least 1.5x the other's rate: how many
// the probe orders right, of how many.
std::pair<double, double> rhythmPairs(const at::Tensor& predicted, const at::Tensor& target) {
  const at::Tensor faster = (target.unsqueeze(2) - target.unsqueeze(1)).ge(kMoreRhythmic) &
                            target.gt(0).unsqueeze(2) & target.gt(0).unsqueeze(1);  // [N,22,22]: i faster than j
  const at::Tensor ordered = (predicted.unsqueeze(2) - predicted.unsqueeze(1)).gt(0) & faster;
  return {ordered.sum().item<double>(), faster.sum().item<double>()};
}

// (video, step) pairs of videos [first, last) that are not padded, as flat indices.
at::Tensor realSteps(const VideoSet& videos, int64_t first, int64_t last) {
  const int64_t t = videos.padded.size(1);
  const at::Tensor keep = videos.padded.index({Slice(first, last)}).logical_not().flatten();
  return torch::nonzero(keep).flatten() + first * t;
}

}  // namespace

EncoderScores pretrainEncoders(builtin::BuiltinBundle& bundle, const VideoSet& videos, const EncoderPretraining& plan, std::mt19937& rng,
                               const CancelToken& cancel, const std::function<void(int, double, double)>& progress) {
  torch::nn::Linear rhythm_probe(bundle->audio->codeSize(), builtin::kInstrumentClasses);
  std::vector<at::Tensor> parameters = bundle->audio->parameters();
  for (const at::Tensor& p : rhythm_probe->parameters()) parameters.push_back(p);
  if (plan.scope == EncoderScope::AudioAndVisual) {
    for (const at::Tensor& p : bundle->visual->parameters()) parameters.push_back(p);
  }
  // A pretrained audio encoder is refined more gently, so what it knew stays.
  const double learning_rate = plan.scope == EncoderScope::AudioAndVisual ? 2e-3 : 1e-3;
  torch::optim::Adam optimizer(parameters, torch::optim::AdamOptions(learning_rate));
  const at::Tensor train_steps = realSteps(videos, 0, videos.train_videos);
  std::vector<int64_t> order(static_cast<std::size_t>(train_steps.size(0)));
  std::iota(order.begin(), order.end(), 0);
  const int64_t batch_size = plan.batch_size;
  const int64_t batches = (static_cast<int64_t>(order.size()) + batch_size - 1) / batch_size;
  bundle->audio->train();
  if (plan.scope == EncoderScope::AudioAndVisual) bundle->visual->train();
  for (int epoch = 0; epoch < plan.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    const at::Tensor shuffled = train_steps.index_select(0, torch::tensor(order, torch::kLong));
    double loss_sum = 0.0;
    for (int64_t b = 0; b < batches; ++b) {
      cancel.throwIfCancelled();
      const at::Tensor index = shuffled.narrow(0, b * batch_size, std::min<int64_t>(batch_size, shuffled.size(0) - b * batch_size));
      optimizer.zero_grad();
      const at::Tensor loss = encoderLoss(bundle, rhythm_probe, gatherSteps(videos, index), plan.scope);
      loss.backward();
      optimizer.step();
      loss_sum += loss.item<double>();
      if (progress) progress(epoch, static_cast<double>(b + 1) / static_cast<double>(batches), loss_sum / static_cast<double>(b + 1));
    }
  }
  bundle->audio->eval();
  bundle->visual->eval();

  // How well the frozen encoders name what the validation videos show and sound.
  EncoderScores scores;
  const at::Tensor val_steps = realSteps(videos, videos.train_videos, static_cast<int64_t>(videos.ids.size()));
  torch::NoGradGuard no_grad;
  double patches_right = 0, patches = 0, sounds_right = 0, sounds = 0, pointed_right = 0, pointable = 0, ordered = 0, pairs = 0;
  for (int64_t start = 0; start < val_steps.size(0); start += 256) {
    const StepBatch batch = gatherSteps(videos, val_steps.narrow(0, start, std::min<int64_t>(256, val_steps.size(0) - start)));
    const at::Tensor predicted = bundle->visual->patchLogits(bundle->visual->forward(batch.frames).patches).argmax(-1);
    patches_right += predicted.eq(batch.patch_labels).sum().item<double>();
    patches += static_cast<double>(batch.patch_labels.numel());
    const at::Tensor codes = bundle->audio->forward(batch.log_mel);
    const at::Tensor heard = bundle->audio->soundingLogits(codes).gt(0);
    const at::Tensor patch_codes = bundle->visual->forward(batch.frames).patches;
    if (patch_codes.size(-1) == codes.size(-1)) {
      const at::Tensor best = torch::matmul(torch::layer_norm(patch_codes, {patch_codes.size(-1)}),
                                            torch::layer_norm(codes, {codes.size(-1)}).unsqueeze(-1)).squeeze(-1).argmax(1, true);
      const at::Tensor instrument = (batch.patch_labels - 1).clamp_min(0);
      const at::Tensor target = batch.sounding.gather(1, instrument) * batch.patch_labels.gt(0).to(torch::kFloat);
      const at::Tensor rows = target.sum(1).gt(0);
      pointed_right += target.gather(1, best).squeeze(1).masked_select(rows).sum().item<double>();
      pointable += rows.sum().item<double>();
    }
    const auto [ordered_here, pairs_here] = rhythmPairs(rhythm_probe->forward(codes), batch.rhythm);
    ordered += ordered_here;
    pairs += pairs_here;
    sounds_right += heard.eq(batch.sounding.gt(0.5)).sum().item<double>();
    sounds += static_cast<double>(batch.sounding.numel());
  }
  scores.patch_accuracy = patches > 0 ? 100.0 * patches_right / patches : 0.0;
  scores.sound_accuracy = sounds > 0 ? 100.0 * sounds_right / sounds : 0.0;
  scores.sound_pointing = pointable > 0 ? 100.0 * pointed_right / pointable : 0.0;
  scores.rhythm_order = pairs > 0 ? 100.0 * ordered / pairs : 0.0;
  return scores;
}

EncodedVideos encodeVideos(builtin::BuiltinBundle& bundle, const VideoSet& videos, const CancelToken& cancel) {
  torch::NoGradGuard no_grad;
  bundle->audio->eval();
  bundle->visual->eval();
  const int64_t v = static_cast<int64_t>(videos.ids.size());
  const int64_t t = videos.padded.size(1);
  std::vector<at::Tensor> audio, visual, patches;
  const int64_t chunk = std::max<int64_t>(1, 256 / t);
  for (int64_t start = 0; start < v; start += chunk) {
    cancel.throwIfCancelled();
    const int64_t count = std::min(chunk, v - start);
    const at::Tensor frames = builtin::bytesToFrameTensor(videos.frames.narrow(0, start, count).flatten(0, 1));
    const builtin::VisualCodes codes = bundle->visual->forward(frames);
    audio.push_back(bundle->audio->forward(videos.log_mel.narrow(0, start, count).flatten(0, 1)).view({count, t, -1}));
    visual.push_back(codes.frame.view({count, t, -1}));
    patches.push_back(codes.patches.view({count, t, codes.patches.size(1), codes.patches.size(2)}));
  }
  const at::Tensor real = videos.padded.logical_not().to(torch::kFloat);
  return {torch::cat(audio) * real.unsqueeze(-1), torch::cat(visual) * real.unsqueeze(-1),
          torch::cat(patches) * real.unsqueeze(-1).unsqueeze(-1)};
}

}  // namespace avqa::training
