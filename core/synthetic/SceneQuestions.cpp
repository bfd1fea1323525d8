#include "synthetic/SceneQuestions.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "synthetic/Instrument.h"
#include "synthetic/SceneFacts.h"

namespace avqa::synth {
namespace {

std::string yesNo(bool yes) { return yes ? "yes" : "no"; }

const char* kSides[] = {"left", "right"};

std::string louder(const SceneFacts& facts, const ScenePlayer& a, const ScenePlayer& b) {
  const double difference = facts.loudness(a) - facts.loudness(b);
  return std::abs(difference) < kLoudnessMarginDb ? "" : yesNo(difference > 0);
}

std::string moreRhythmic(const ScenePlayer& a, const ScenePlayer& b) {
  if (a.notes_per_second >= kRhythmRatio * b.notes_per_second) return "yes";
  if (b.notes_per_second >= kRhythmRatio * a.notes_per_second) return "no";
  return "";
}

std::string playsLonger(const ScenePlayer& a, const ScenePlayer& b) {
  const int difference = static_cast<int>(a.sounding_seconds.size()) - static_cast<int>(b.sounding_seconds.size());
  return std::abs(difference) < kLongerMarginS ? "" : yesNo(difference > 0);
}

// Audio: what is heard, whoever plays it.
void audioQuestions(SceneFacts& facts, CandidateCollector& out) {
  const std::vector<std::string> heard = facts.instruments(facts.sounding());
  for (const std::string& a : heard) {
    for (const std::string& b : heard) {
      const ScenePlayer* pa = facts.unique(a);
      const ScenePlayer* pb = facts.unique(b);
      if (a == b || !pa || !pb) continue;
      out.add("Is the <Object> louder than the <Object>?", {a, b}, louder(facts, *pa, *pb), {pa, pb});
      out.add("Is the <Object> more rhythmic than the <Object>?", {a, b}, moreRhythmic(*pa, *pb), {pa, pb});
      out.add("Is the <Object> playing longer than the <Object>?", {a, b}, playsLonger(*pa, *pb), {pa, pb});
      if (a < b) {
        out.add("Are there <Object> and <Object> sound? ", {a, b}, "yes",
                {facts.withInstrument(facts.sounding(), a).front(), facts.withInstrument(facts.sounding(), b).front()});
      }
    }
  }
  std::vector<std::string> not_heard = facts.absentInstruments(facts.instruments(facts.visible()), 2);
  for (const std::string& seen : facts.instruments(facts.visible())) {
    if (facts.withInstrument(facts.sounding(), seen).empty()) not_heard.push_back(seen);  // visible, silent
  }
  for (const std::string& b : not_heard) {
    if (std::find(heard.begin(), heard.end(), b) != heard.end()) continue;
    out.add("Is there a <Object> sound?", {b}, "no", facts.withInstrument(facts.visible(), b), facts.allSeconds());
    for (const std::string& a : heard) {
      const Players evidence = facts.withInstrument(facts.sounding(), a);
      out.add("Are there <Object> and <Object> sound? ", {a, b}, "no", evidence, facts.allSeconds());
    }
  }
  for (const std::string& a : heard) out.add("Is there a <Object> sound?", {a}, "yes", facts.withInstrument(facts.sounding(), a));
  if (heard.size() == facts.sounding().size()) {  // a repeated instrument makes "how many" ambiguous
    out.add("How many musical instruments were heard throughout the video?", {}, numberWord(heard.size()),
            facts.sounding(), facts.allSeconds());
  }
}

// Audio-Visual comparisons between visible sounding players named by slot.
void audioVisualComparisons(SceneFacts& facts, CandidateCollector& out) {
  for (const ScenePlayer* a : facts.visibleSounding()) {
    for (const ScenePlayer* b : facts.visibleSounding()) {
      if (a == b) continue;
      const std::vector<std::string> with_objects = {a->instrument, slotName(a->slot), b->instrument, slotName(b->slot)};
      const std::vector<std::string> slots_only = {slotName(a->slot), slotName(b->slot)};
      out.add("Is the <Object> on the <LR> louder than the <Object> on the <LR>?", with_objects, louder(facts, *a, *b), {a, b});
      out.add("Is the <Object> on the <LR> more rhythmic than the <Object> on the <LR>?", with_objects, moreRhythmic(*a, *b), {a, b});
      out.add("Is the instrument on the <LR> louder than the instrument on the <LR>?", slots_only, louder(facts, *a, *b), {a, b});
      out.add("Is the instrument on the <LR> more rhythmic than the instrument on the <LR>?", slots_only, moreRhythmic(*a, *b), {a, b});
    }
  }
}

void audioVisualCounting(SceneFacts& facts, CandidateCollector& out) {
  if (!facts.hasOffscreenSound()) {  // "in the video" is ambiguous when something sounds off-screen
    out.add("How many instruments are sounding in the video?", {}, numberWord(facts.visibleSounding().size()),
            facts.visibleSounding(), facts.allSeconds());
    out.add("How many types of musical instruments sound in the video?", {},
            numberWord(facts.instruments(facts.visibleSounding()).size()), facts.visibleSounding(), facts.allSeconds());
  }
  Players silent;
  for (const ScenePlayer* player : facts.visible()) {
    if (!player->sounds()) silent.push_back(player);
  }
  out.add("How many instruments in the video did not sound from beginning to end?", {}, numberWord(silent.size()), silent,
          facts.allSeconds());
  for (const std::string& seen : facts.instruments(facts.visible())) {
    const Players sounding = facts.withInstrument(facts.visibleSounding(), seen);
    out.add("How many sounding <Object> in the video\xef\xbc\x9f", {seen}, numberWord(sounding.size()),
            facts.withInstrument(facts.visible(), seen), facts.allSeconds());
  }
}

void audioVisualExistential(SceneFacts& facts, CandidateCollector& out) {
  for (const std::string& seen : facts.instruments(facts.visible())) {
    const ScenePlayer* player = facts.unique(seen);
    if (!player || !player->visible()) continue;
    const bool always = static_cast<int>(player->sounding_seconds.size()) == facts.scene().duration_s;
    out.add("Is the <Object> in the video always playing?", {seen}, yesNo(always), {player}, facts.allSeconds());
  }
  const Scene& scene = facts.scene();
  out.add("Is there a voiceover?", {}, yesNo(!scene.voiceover_seconds.empty()), {},
          scene.voiceover_seconds.empty() ? facts.allSeconds() : scene.voiceover_seconds);
  if (!facts.sounding().empty()) {
    Players offscreen;
    for (const ScenePlayer* player : facts.sounding()) {
      if (!player->visible()) offscreen.push_back(player);
    }
    out.add("Is this sound from the instrument in the video?", {}, yesNo(offscreen.empty()),
            offscreen.empty() ? facts.visibleSounding() : offscreen);
  }
}

void audioVisualLocation(SceneFacts& facts, CandidateCollector& out) {
  for (const char* order : {"first", "last"}) {
    const ScenePlayer* player = facts.byOnset(std::string(order) == "first");
    if (!player || !player->visible()) continue;
    const std::vector<int> onset = {player->onsetSecond()};
    for (const ScenePlayer* other : facts.visible()) {
      out.add("Is the <FL> sound coming from the <LR> instrument?", {order, slotName(other->slot)},
              yesNo(other == player), {player}, onset);
    }
    for (int side = 0; side < 2; ++side) {
      const ScenePlayer* next = facts.neighbour(*player, side == 0 ? -1 : 1);
      if (next) {
        out.add("What is the <LR> instrument of the <FL> sounding instrument?", {kSides[side], order}, next->instrument,
                {player, next}, onset);
      }
    }
  }
  for (const char* extreme : {"loudest", "lowest"}) {
    const bool loudest = std::string(extreme) == "loudest";
    Players ranked = facts.sounding();
    std::sort(ranked.begin(), ranked.end(), [&](const ScenePlayer* a, const ScenePlayer* b) {
      return loudest ? facts.loudness(*a) > facts.loudness(*b) : facts.loudness(*a) < facts.loudness(*b);
    });
    const ScenePlayer* best = ranked.empty() ? nullptr : ranked.front();
    const double margin = ranked.size() >= 2 ? std::abs(facts.loudness(*ranked[0]) - facts.loudness(*ranked[1])) : 0.0;
    if (best && best->visible() && facts.sounding().size() >= 2 && margin >= kLoudnessMarginDb) {
      out.add("Where is the <LL> instrument?", {extreme}, slotName(best->slot), {best});
    }
  }
  for (const ScenePlayer* player : facts.sounding()) {
    if (facts.unique(player->instrument) != player) continue;
    Players overlapping;
    for (const ScenePlayer* other : facts.sounding()) {
      if (other == player) continue;
      for (int second : player->sounding_seconds) {
        if (other->soundsAt(second)) {
          overlapping.push_back(other);
          break;
        }
      }
    }
    if (overlapping.size() == 1) {
      out.add("Which is the musical instrument that sounds at the same time as the <Object>?", {player->instrument},
              overlapping.front()->instrument, {player, overlapping.front()});
    }
  }
}

void audioVisualTemporal(SceneFacts& facts, CandidateCollector& out) {
  Players by_onset = facts.sounding();
  std::sort(by_onset.begin(), by_onset.end(),
            [](const ScenePlayer* a, const ScenePlayer* b) { return a->onsetSecond() < b->onsetSecond(); });
  bool distinct_onsets = true;
  for (std::size_t i = 1; i < by_onset.size(); ++i) distinct_onsets &= by_onset[i]->onsetSecond() != by_onset[i - 1]->onsetSecond();
  const char* ordinals[] = {"first", "second", "third", "fourth", "fifth"};
  if (distinct_onsets && facts.instruments(by_onset).size() == by_onset.size()) {
    for (std::size_t rank = 0; rank < by_onset.size() && rank < 5; ++rank) {
      out.add("What is the <TH> instrument that comes in?", {ordinals[rank]}, by_onset[rank]->instrument, {by_onset[rank]},
              {by_onset[rank]->onsetSecond()});
    }
  }
  for (const char* order : {"first", "last"}) {
    const ScenePlayer* player = facts.byOnset(std::string(order) == "first");
    if (player && player->visible()) {
      out.add("Where is the <FL> sounding instrument?", {order}, slotName(player->slot), {player}, {player->onsetSecond()});
    }
  }
  for (const std::string& name : facts.instruments(facts.visibleSounding())) {
    const Players same = facts.withInstrument(facts.visibleSounding(), name);
    if (same.size() < 2 || facts.withInstrument(facts.sounding(), name).size() != same.size()) continue;
    for (const char* order : {"first", "last"}) {
      const bool first = std::string(order) == "first";
      const ScenePlayer* best = same.front();
      bool tie = false;
      for (const ScenePlayer* player : same) {
        if (player == best) continue;
        if (first ? player->onsetSecond() < best->onsetSecond() : player->onsetSecond() > best->onsetSecond()) {
          best = player;
          tie = false;
        } else if (player->onsetSecond() == best->onsetSecond()) {
          tie = true;
        }
      }
      bool all_equal = true;
      for (const ScenePlayer* player : same) all_equal &= player->onsetSecond() == same.front()->onsetSecond();
      if (all_equal) {
        out.add("Which <Object> makes the sound <FL>?", {name, order}, "simultaneously", same, {same.front()->onsetSecond()});
      } else if (!tie) {
        out.add("Which <Object> makes the sound <FL>?", {name, order}, slotName(best->slot), {best}, {best->onsetSecond()});
      }
    }
  }
  for (const ScenePlayer* anchor : facts.sounding()) {
    if (facts.unique(anchor->instrument) != anchor) continue;
    for (const char* relation : {"before", "after"}) {
      const bool before = std::string(relation) == "before";
      const ScenePlayer* best = nullptr;
      bool tie = false;
      for (const ScenePlayer* player : facts.sounding()) {
        const int delta = player->onsetSecond() - anchor->onsetSecond();
        if (player == anchor || delta == 0 || (delta < 0) != before) continue;
        const int best_delta = best ? best->onsetSecond() - anchor->onsetSecond() : 0;
        if (!best || std::abs(delta) < std::abs(best_delta)) {
          best = player;
          tie = false;
        } else if (std::abs(delta) == std::abs(best_delta)) {
          tie = best->instrument != player->instrument;
        }
      }
      if (best && !tie) {
        out.add("Which instrument makes sounds <BA> the <Object>?", {relation, anchor->instrument}, best->instrument,
                {best, anchor}, {best->onsetSecond(), anchor->onsetSecond()});
      }
    }
  }
}

void visualQuestions(SceneFacts& facts, CandidateCollector& out) {
  const std::vector<std::string> seen = facts.instruments(facts.visible());
  const std::vector<std::string> unseen = facts.absentInstruments(seen, 3);
  const std::vector<int> all = facts.allSeconds();
  for (const std::string& a : seen) {
    const Players players = facts.withInstrument(facts.visible(), a);
    out.add("Is there a <Object> in the entire video?", {a}, "yes", players, all);
    out.add("How many <Object> are in the entire video?", {a}, numberWord(players.size()), players, all);
    for (const std::string& b : seen) {
      if (a < b) {
        Players both = players;
        for (const ScenePlayer* player : facts.withInstrument(facts.visible(), b)) both.push_back(player);
        out.add("Are there <Object> and <Object> instruments in the video?", {a, b}, "yes", both, all);
      }
    }
    for (const std::string& b : unseen) {
      out.add("Are there <Object> and <Object> instruments in the video?", {a, b}, "no", players, all);
    }
    const ScenePlayer* player = facts.unique(a);
    if (player && player->visible()) {
      for (int side = 0; side < 2; ++side) {
        const ScenePlayer* next = facts.neighbour(*player, side == 0 ? -1 : 1);
        if (next) out.add("What is the instrument on the <LR> of <Object>?", {kSides[side], a}, next->instrument, {player, next}, all);
      }
    }
  }
  for (const std::string& b : unseen) {
    out.add("Is there a <Object> in the entire video?", {b}, "no", {}, all);
    out.add("How many <Object> are in the entire video?", {b}, "zero", {}, all);
  }
  out.add("How many types of musical instruments appeared in the entire video?", {}, numberWord(seen.size()), facts.visible(), all);
  if (facts.visible().size() >= 2) {
    out.add("What kind of instrument is the <LRer> instrument? ", {"leftest"}, facts.visible().front()->instrument,
            {facts.visible().front()}, all);
    out.add("What kind of instrument is the <LRer> instrument? ", {"rightest"}, facts.visible().back()->instrument,
            {facts.visible().back()}, all);
  } else if (facts.visible().size() == 1) {
    out.add("What kind of musical instrument is it?", {}, facts.visible().front()->instrument, facts.visible(), all);
  }
  out.add("Where is the performance?", {}, facts.scene().background, {}, all);
}

}  // namespace

std::vector<QuestionCandidate> candidateQuestions(const Scene& scene, std::uint64_t seed) {
  SceneFacts facts(scene, seed);
  CandidateCollector out(facts);
  audioQuestions(facts, out);
  audioVisualComparisons(facts, out);
  audioVisualCounting(facts, out);
  audioVisualExistential(facts, out);
  audioVisualLocation(facts, out);
  audioVisualTemporal(facts, out);
  visualQuestions(facts, out);
  return out.take();
}

std::string numberWord(std::size_t count) {
  static const char* kWords[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
  return count <= 10 ? kWords[count] : "more than ten";
}

}  // namespace avqa::synth
