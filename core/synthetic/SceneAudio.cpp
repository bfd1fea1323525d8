#include "synthetic/SceneAudio.h"

#include <fluidsynth.h>
#include <sys/stat.h>

#include <algorithm>
#include <cmath>

#include "common/AvqaError.h"
#include "synthetic/Instrument.h"

namespace avqa::synth {
namespace {

constexpr int kPercussionChannel = 9;
constexpr float kMixGain = 0.8f;

struct MidiEvent {
  std::int64_t sample = 0;
  bool note_on = true;
  int key = 60;
  int velocity = 0;
};

}  // namespace

const char* defaultSoundfontPath() { return "/usr/share/sounds/sf2/TimGM6mb.sf2"; }

double rmsDb(const float* samples, std::size_t count) {
  double sum = 0.0;
  for (std::size_t i = 0; i < count; ++i) sum += static_cast<double>(samples[i]) * samples[i];
  const double rms = count > 0 ? std::sqrt(sum / static_cast<double>(count)) : 0.0;
  return rms > 1e-6 ? 20.0 * std::log10(rms) : -120.0;
}

struct SceneAudioRenderer::Impl {
  fluid_settings_t* settings = nullptr;
  fluid_synth_t* synth = nullptr;
  ~Impl() {
    if (synth) delete_fluid_synth(synth);
    if (settings) delete_fluid_settings(settings);
  }
};

SceneAudioRenderer::SceneAudioRenderer(const std::string& soundfont_path, int sample_rate)
    : soundfont_path_(soundfont_path), sample_rate_(sample_rate) {
  struct stat info {};
  if (::stat(soundfont_path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    throw AvqaError(soundfont_path, "soundfont not found (install the Debian package timgm6mb-soundfont, "
                                    "or give another .sf2 file with --soundfont)");
  }
  fluid_set_log_function(FLUID_WARN, nullptr, nullptr);  // keep FluidSynth quiet on stderr
  fluid_set_log_function(FLUID_INFO, nullptr, nullptr);
  startSynth();  // fails here, before any work, when the file is no SoundFont
}

// A synthesizer carries state from one piece to the next (voices, filters), so each scene
// gets a fresh one: the audio of a video then depends on its seed alone, not on which
// videos the same thread made before.
void SceneAudioRenderer::startSynth() {
  impl_ = std::make_unique<Impl>();
  impl_->settings = new_fluid_settings();
  fluid_settings_setnum(impl_->settings, "synth.sample-rate", sample_rate_);
  fluid_settings_setint(impl_->settings, "synth.reverb.active", 0);
  fluid_settings_setint(impl_->settings, "synth.chorus.active", 0);
  fluid_settings_setint(impl_->settings, "synth.cpu-cores", 1);
  fluid_settings_setnum(impl_->settings, "synth.gain", 0.5);
  impl_->synth = new_fluid_synth(impl_->settings);
  if (!impl_->synth || fluid_synth_sfload(impl_->synth, soundfont_path_.c_str(), 1) == FLUID_FAILED) {
    throw AvqaError(soundfont_path_, "is not a SoundFont FluidSynth can load");
  }
}

SceneAudioRenderer::~SceneAudioRenderer() = default;

std::vector<float> SceneAudioRenderer::renderPlayer(const ScenePlayer& player, int duration_s) {
  fluid_synth_t* synth = impl_->synth;
  fluid_synth_system_reset(synth);
  const Instrument* instrument = findInstrument(player.instrument);
  const int channel = instrument && instrument->percussion ? kPercussionChannel : 0;
  if (channel != kPercussionChannel) fluid_synth_program_change(synth, channel, instrument ? instrument->gm_program : 0);
  fluid_synth_cc(synth, channel, 7, player.volume);  // channel volume: the player's loudness

  std::vector<MidiEvent> events;
  for (const Note& note : player.notes) {
    const auto at = [&](double t) { return static_cast<std::int64_t>(std::llround(t * sample_rate_)); };
    events.push_back({at(note.start_s), true, note.key, note.velocity});
    events.push_back({at(note.start_s + note.duration_s), false, note.key, 0});
  }
  std::stable_sort(events.begin(), events.end(), [](const MidiEvent& a, const MidiEvent& b) { return a.sample < b.sample; });

  const std::size_t total = static_cast<std::size_t>(duration_s) * static_cast<std::size_t>(sample_rate_);
  std::vector<float> left(total, 0.0f);
  std::vector<float> right(total, 0.0f);
  std::size_t rendered = 0;
  const auto render_until = [&](std::size_t end) {
    end = std::min(end, total);
    while (rendered < end) {
      const int block = static_cast<int>(std::min<std::size_t>(end - rendered, 4096));
      fluid_synth_write_float(synth, block, left.data(), static_cast<int>(rendered), 1, right.data(),
                              static_cast<int>(rendered), 1);
      rendered += static_cast<std::size_t>(block);
    }
  };
  for (const MidiEvent& event : events) {
    render_until(static_cast<std::size_t>(std::max<std::int64_t>(event.sample, 0)));
    if (event.note_on) {
      fluid_synth_noteon(synth, channel, event.key, event.velocity);
    } else {
      fluid_synth_noteoff(synth, channel, event.key);
    }
  }
  render_until(total);
  std::vector<float> mono(total);
  for (std::size_t i = 0; i < total; ++i) mono[i] = 0.5f * (left[i] + right[i]);
  return mono;
}

std::vector<float> SceneAudioRenderer::render(Scene& scene, const std::vector<float>& voiceover) {
  startSynth();
  const std::size_t per_second = static_cast<std::size_t>(sample_rate_);
  const std::size_t total = static_cast<std::size_t>(scene.duration_s) * per_second;
  std::vector<float> mix(total, 0.0f);
  scene.loudness_db.assign(static_cast<std::size_t>(scene.duration_s), {});
  for (const ScenePlayer& player : scene.players) {
    if (!player.sounds()) continue;
    const std::vector<float> track = renderPlayer(player, scene.duration_s);
    for (int second : player.sounding_seconds) {
      scene.loudness_db[static_cast<std::size_t>(second)][player.id] =
          std::round(rmsDb(track.data() + static_cast<std::size_t>(second) * per_second, per_second) * 10.0) / 10.0;
    }
    for (std::size_t i = 0; i < total; ++i) mix[i] += kMixGain * track[i];
  }
  if (!scene.voiceover_seconds.empty()) {
    const std::size_t start = static_cast<std::size_t>(scene.voiceover_seconds.front()) * per_second;
    const std::size_t length = std::min(voiceover.size(), per_second * scene.voiceover_seconds.size());
    for (std::size_t i = 0; i < length && start + i < total; ++i) mix[start + i] += voiceover[i];
  }
  for (float& sample : mix) sample = std::clamp(sample, -1.0f, 1.0f);
  return mix;
}

}  // namespace avqa::synth
