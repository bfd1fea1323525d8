#include "synthetic/SceneGenerator.h"

#include <algorithm>
#include <random>

#include "synthetic/Instrument.h"

namespace avqa::synth {
namespace {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  int integer(int low, int high) { return std::uniform_int_distribution<int>(low, high)(engine_); }
  double real(double low, double high) { return std::uniform_real_distribution<double>(low, high)(engine_); }
  bool chance(double probability) { return real(0.0, 1.0) < probability; }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(integer(0, static_cast<int>(items.size()) - 1))];
  }
  std::mt19937_64& engine() { return engine_; }

 private:
  std::mt19937_64 engine_;
};

constexpr int kPentatonic[] = {0, 2, 4, 7, 9};

std::vector<Note> composeNotes(const Instrument& instrument, const std::vector<int>& seconds,
                               double notes_per_second, Random& random) {
  std::vector<Note> notes;
  if (seconds.empty()) return notes;
  const double interval = 1.0 / notes_per_second;
  const double segment_start = seconds.front();
  const double segment_end = seconds.back() + 1.0 - 0.2;  // let the last note fade in time
  int key = instrument.percussion ? 0 : random.integer(instrument.pitch_low, instrument.pitch_high);
  for (double t = segment_start + random.real(0.0, 0.05); t < segment_end; t += interval) {
    Note note;
    note.start_s = std::min(t + random.real(-0.03, 0.03), segment_end - 0.05);
    note.start_s = std::max(note.start_s, segment_start);
    note.duration_s = std::min(interval * 0.8, segment_end - note.start_s);
    note.velocity = random.integer(88, 112);
    if (instrument.percussion) {
      note.key = random.pick(instrument.percussion_keys);
    } else {
      // A walk on a pentatonic scale inside the instrument's range.
      key += random.integer(-4, 4);
      key = std::clamp(key, instrument.pitch_low, instrument.pitch_high);
      const int octave = key / 12;
      int best = key;
      for (int degree : kPentatonic) {
        const int candidate = octave * 12 + degree;
        if (std::abs(candidate - key) < std::abs(best - key) || best == key) best = candidate;
      }
      note.key = std::clamp(best, instrument.pitch_low, instrument.pitch_high);
    }
    if (note.duration_s > 0.04) notes.push_back(note);
  }
  return notes;
}

}  // namespace

std::uint64_t videoSeed(std::uint64_t run_seed, std::uint64_t index) {
  std::uint64_t z = run_seed * 0x9E3779B97F4A7C15ULL + index + 0x632BE59BD9B4E019ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

PixelBox slotBox(Slot slot, int width, int height) {
  const int column = slot == Slot::Left ? 0 : slot == Slot::Middle ? 1 : 2;
  const int slot_width = width / 3;
  const int box_width = slot_width * 80 / 100;
  const int x0 = column * slot_width + (slot_width - box_width) / 2;
  const int y0 = height * 30 / 100;
  const int y1 = height * 92 / 100;
  return {x0, y0, x0 + box_width, y1};
}

Scene generateScene(const std::string& video_id, std::uint64_t seed, const SceneOptions& options) {
  Random random(seed);
  Scene scene;
  scene.video_id = video_id;
  scene.duration_s = options.duration_s;
  scene.width = options.width;
  scene.height = options.height;
  scene.fps = options.fps;
  scene.background = random.chance(0.5) ? "indoor" : "outdoor";

  const auto& catalog = instrumentCatalog();
  const double roll = random.real(0.0, 1.0);
  const int visible_count = roll < 0.25 ? 1 : roll < 0.6 ? 2 : 3;
  std::vector<Slot> slots = {Slot::Left, Slot::Middle, Slot::Right};
  std::shuffle(slots.begin(), slots.end(), random.engine());
  slots.resize(static_cast<std::size_t>(visible_count));
  std::sort(slots.begin(), slots.end());

  std::vector<std::string> instruments;
  const bool same_instrument_ensemble = visible_count >= 2 && random.chance(0.2);
  const std::string& shared = random.pick(catalog).name;
  for (int i = 0; i < visible_count; ++i) {
    if (same_instrument_ensemble && (i < 2 || random.chance(0.5))) {
      instruments.push_back(shared);
      continue;
    }
    std::string name;
    do {
      name = random.pick(catalog).name;
    } while (std::find(instruments.begin(), instruments.end(), name) != instruments.end());
    instruments.push_back(name);
  }
  const bool offscreen = random.chance(0.2);
  if (offscreen) {
    std::string name;
    do {
      name = random.pick(catalog).name;
    } while (std::find(instruments.begin(), instruments.end(), name) != instruments.end());
    instruments.push_back(name);
    slots.push_back(Slot::Offscreen);
  }

  const int duration = options.duration_s;
  const std::vector<int> volumes = {127, 90, 64, 45};
  const std::vector<double> densities = {1.0, 2.0, 3.0, 4.0, 6.0};
  for (std::size_t i = 0; i < instruments.size(); ++i) {
    ScenePlayer player;
    player.id = static_cast<int>(i);
    player.instrument = instruments[i];
    player.slot = slots[i];
    if (player.slot != Slot::Offscreen) player.box = slotBox(player.slot, options.width, options.height);
    const bool silent = player.slot != Slot::Offscreen && visible_count > 1 && random.chance(0.15);
    if (!silent) {
      int first = 0;
      int last = duration - 1;
      if (!random.chance(0.3) && duration > 2) {
        first = random.integer(0, duration - 2);
        last = random.integer(first + 1, duration - 1);
      }
      for (int second = first; second <= last; ++second) player.sounding_seconds.push_back(second);
    }
    player.volume = random.pick(volumes);
    player.notes_per_second = random.pick(densities);
    player.notes = composeNotes(*findInstrument(player.instrument), player.sounding_seconds,
                                player.notes_per_second, random);
    scene.players.push_back(std::move(player));
  }
  if (duration >= 3 && random.chance(0.25)) {
    const int start = random.integer(0, duration - 3);
    scene.voiceover_seconds = {start, start + 1};
    scene.voiceover_phrase = random.integer(0, 3);
  }
  return scene;
}

}  // namespace avqa::synth
