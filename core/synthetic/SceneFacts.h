#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "synthetic/Instrument.h"
#include "synthetic/Scene.h"
#include "synthetic/SceneQuestions.h"

// The facts of a scene the question rules read (who sounds when, how loud, where), and the
// collector of the questions they settle; SceneQuestions.cpp holds the rules themselves.
namespace avqa::synth {

constexpr double kLoudnessMarginDb = 4.0;  // "louder" needs at least this difference
constexpr double kRhythmRatio = 1.5;       // "more rhythmic": notes per second ratio
constexpr int kLongerMarginS = 2;          // "playing longer": sounding seconds difference

using Players = std::vector<const ScenePlayer*>;

// Read-only views of a scene that the answer rules share.
class SceneFacts {
 public:
  SceneFacts(const Scene& scene, std::uint64_t seed) : scene_(scene), random_(seed) {
    for (const ScenePlayer& player : scene.players) {
      if (player.visible()) visible_.push_back(&player);
      if (player.sounds()) sounding_.push_back(&player);
      if (player.visible() && player.sounds()) visible_sounding_.push_back(&player);
      if (player.sounds() && !player.visible()) has_offscreen_sound_ = true;
    }
    const auto by_slot = [](const ScenePlayer* a, const ScenePlayer* b) { return a->slot < b->slot; };
    std::stable_sort(visible_.begin(), visible_.end(), by_slot);
    std::stable_sort(visible_sounding_.begin(), visible_sounding_.end(), by_slot);
  }

  const Scene& scene() const { return scene_; }
  const Players& visible() const { return visible_; }
  const Players& sounding() const { return sounding_; }
  const Players& visibleSounding() const { return visible_sounding_; }
  bool hasOffscreenSound() const { return has_offscreen_sound_; }

  Players withInstrument(const Players& among, const std::string& instrument) const {
    Players result;
    for (const ScenePlayer* player : among) {
      if (player->instrument == instrument) result.push_back(player);
    }
    return result;
  }
  // The only player of `instrument` in the whole scene, or null.
  const ScenePlayer* unique(const std::string& instrument) const {
    Players all;
    for (const ScenePlayer& player : scene_.players) {
      if (player.instrument == instrument) all.push_back(&player);
    }
    return all.size() == 1 ? all.front() : nullptr;
  }
  std::vector<std::string> instruments(const Players& among) const {
    std::vector<std::string> names;
    for (const ScenePlayer* player : among) {
      if (std::find(names.begin(), names.end(), player->instrument) == names.end()) names.push_back(player->instrument);
    }
    return names;
  }
  // Up to `count` instruments not among `present`, drawn with the scene's question seed.
  std::vector<std::string> absentInstruments(const std::vector<std::string>& present, std::size_t count) {
    std::vector<std::string> absent;
    for (const Instrument& instrument : instrumentCatalog()) {
      if (std::find(present.begin(), present.end(), instrument.name) == present.end()) absent.push_back(instrument.name);
    }
    std::shuffle(absent.begin(), absent.end(), random_);
    if (absent.size() > count) absent.resize(count);
    return absent;
  }
  // The single sounding player with the earliest (first) or latest (last) onset, or null on a tie.
  const ScenePlayer* byOnset(bool first) const {
    const ScenePlayer* best = nullptr;
    bool tie = false;
    for (const ScenePlayer* player : sounding_) {
      if (!best || (first ? player->onsetSecond() < best->onsetSecond() : player->onsetSecond() > best->onsetSecond())) {
        best = player;
        tie = false;
      } else if (player->onsetSecond() == best->onsetSecond()) {
        tie = true;
      }
    }
    return tie ? nullptr : best;
  }
  // The nearest visible player to the left (-1) or right (+1) of `of`.
  const ScenePlayer* neighbour(const ScenePlayer& of, int direction) const {
    const ScenePlayer* best = nullptr;
    for (const ScenePlayer* player : visible_) {
      const int delta = static_cast<int>(player->slot) - static_cast<int>(of.slot);
      if (delta * direction <= 0) continue;
      if (!best || std::abs(delta) < std::abs(static_cast<int>(best->slot) - static_cast<int>(of.slot))) best = player;
    }
    return best;
  }
  double loudness(const ScenePlayer& player) const { return scene_.meanLoudnessDb(player.id); }
  std::vector<int> allSeconds() const {
    std::vector<int> seconds(static_cast<std::size_t>(scene_.duration_s));
    for (int i = 0; i < scene_.duration_s; ++i) seconds[static_cast<std::size_t>(i)] = i;
    return seconds;
  }

 private:
  const Scene& scene_;
  std::mt19937_64 random_;
  Players visible_;
  Players sounding_;
  Players visible_sounding_;
  bool has_offscreen_sound_ = false;
};

inline std::vector<int> secondsOf(const Players& players) {
  std::set<int> seconds;
  for (const ScenePlayer* player : players) seconds.insert(player->sounding_seconds.begin(), player->sounding_seconds.end());
  return {seconds.begin(), seconds.end()};
}

inline std::vector<int> idsOf(const Players& players) {
  std::vector<int> ids;
  for (const ScenePlayer* player : players) ids.push_back(player->id);
  return ids;
}

class CandidateCollector {
 public:
  explicit CandidateCollector(SceneFacts& facts) : facts_(facts) {}

  void add(const char* template_text, std::vector<std::string> values, std::string answer,
           const Players& evidence, std::vector<int> seconds = {}) {
    if (answer.empty()) return;
    if (seconds.empty()) seconds = secondsOf(evidence);
    if (seconds.empty()) seconds = facts_.allSeconds();
    candidates_.push_back({template_text, std::move(values), std::move(answer), std::move(seconds), idsOf(evidence)});
  }
  std::vector<QuestionCandidate> take() { return std::move(candidates_); }

 private:
  SceneFacts& facts_;
  std::vector<QuestionCandidate> candidates_;
};

}  // namespace avqa::synth
