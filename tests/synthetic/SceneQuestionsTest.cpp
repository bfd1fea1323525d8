// Every template's answer rule on hand-built scenes: a positive and a negative case each,
// and the cases a careful annotator would refuse to answer.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "dataset/TemplateCatalog.h"
#include "synthetic/SceneGenerator.h"
#include "synthetic/SceneQuestions.h"

namespace avqa::synth {
namespace {

ScenePlayer player(int id, const std::string& instrument, Slot slot, int first, int last, double loudness_db,
                   double notes_per_second, Scene& scene) {
  ScenePlayer p;
  p.id = id;
  p.instrument = instrument;
  p.slot = slot;
  if (slot != Slot::Offscreen) p.box = slotBox(slot, scene.width, scene.height);
  for (int s = first; s >= 0 && s <= last; ++s) {
    p.sounding_seconds.push_back(s);
    scene.loudness_db[static_cast<std::size_t>(s)][id] = loudness_db;
  }
  p.notes_per_second = notes_per_second;
  return p;
}

Scene emptyScene(const std::string& background) {
  Scene scene;
  scene.video_id = "t";
  scene.background = background;
  scene.loudness_db.resize(10);
  return scene;
}

// A: violin left always (loud, fast), piano middle 3-6 (quiet, slow), cello right silent,
// flute off-screen 5-8; voice-over; indoor.
Scene sceneA() {
  Scene scene = emptyScene("indoor");
  scene.players.push_back(player(0, "violin", Slot::Left, 0, 9, -10, 4, scene));
  scene.players.push_back(player(1, "piano", Slot::Middle, 3, 6, -25, 1, scene));
  scene.players.push_back(player(2, "cello", Slot::Right, -1, -1, 0, 2, scene));
  scene.players.push_back(player(3, "flute", Slot::Offscreen, 5, 8, -18, 2, scene));
  scene.voiceover_seconds = {2, 3};
  return scene;
}

// B: two violins (left 1-4, middle 2-9) and a trumpet right 0-5; outdoor, no voice-over.
Scene sceneB() {
  Scene scene = emptyScene("outdoor");
  scene.players.push_back(player(0, "violin", Slot::Left, 1, 4, -12, 2, scene));
  scene.players.push_back(player(1, "violin", Slot::Middle, 2, 9, -20, 2, scene));
  scene.players.push_back(player(2, "trumpet", Slot::Right, 0, 5, -15, 6, scene));
  return scene;
}

// C: a lone guzheng. D: drum left 0-3, tuba right 2-7 (one overlap, clear order).
Scene sceneC() {
  Scene scene = emptyScene("outdoor");
  scene.players.push_back(player(0, "guzheng", Slot::Middle, 0, 9, -12, 3, scene));
  return scene;
}
Scene sceneD() {
  Scene scene = emptyScene("indoor");
  scene.players.push_back(player(0, "drum", Slot::Left, 0, 3, -12, 4, scene));
  scene.players.push_back(player(1, "tuba", Slot::Right, 2, 7, -14, 1, scene));
  return scene;
}

class Answers {
 public:
  explicit Answers(const Scene& scene) : candidates_(candidateQuestions(scene, 7)) {}
  std::optional<std::string> of(const std::string& template_text, const std::vector<std::string>& values) const {
    for (const QuestionCandidate& candidate : candidates_) {
      if (candidate.template_text == template_text && candidate.values == values) return candidate.answer;
    }
    return std::nullopt;
  }
  const std::vector<QuestionCandidate>& all() const { return candidates_; }

 private:
  std::vector<QuestionCandidate> candidates_;
};

const std::optional<std::string> kNotAsked = std::nullopt;

TEST(SceneQuestions, AudioComparativeAndCounting) {
  const Answers a(sceneA());
  EXPECT_EQ(a.of("Is the <Object> louder than the <Object>?", {"violin", "piano"}), "yes");
  EXPECT_EQ(a.of("Is the <Object> louder than the <Object>?", {"piano", "violin"}), "no");
  EXPECT_EQ(a.of("Is the <Object> more rhythmic than the <Object>?", {"violin", "flute"}), "yes");
  EXPECT_EQ(a.of("Is the <Object> more rhythmic than the <Object>?", {"piano", "violin"}), "no");
  EXPECT_EQ(a.of("Is the <Object> playing longer than the <Object>?", {"violin", "piano"}), "yes");
  EXPECT_EQ(a.of("Is the <Object> playing longer than the <Object>?", {"piano", "violin"}), "no");
  EXPECT_EQ(a.of("Is the <Object> playing longer than the <Object>?", {"piano", "flute"}), kNotAsked);  // 4 s each
  EXPECT_EQ(a.of("Are there <Object> and <Object> sound? ", {"flute", "violin"}), "yes");
  EXPECT_EQ(a.of("Are there <Object> and <Object> sound? ", {"violin", "cello"}), "no");
  EXPECT_EQ(a.of("How many musical instruments were heard throughout the video?", {}), "three");
  EXPECT_EQ(a.of("Is there a <Object> sound?", {"flute"}), "yes");  // heard though unseen
  EXPECT_EQ(a.of("Is there a <Object> sound?", {"cello"}), "no");   // seen though silent
  const Answers b(sceneB());  // two violins: "how many heard" would be ambiguous
  EXPECT_EQ(b.of("How many musical instruments were heard throughout the video?", {}), kNotAsked);
  EXPECT_EQ(b.of("Is the <Object> louder than the <Object>?", {"violin", "trumpet"}), kNotAsked);
}

TEST(SceneQuestions, AudioVisualComparative) {
  const Answers a(sceneA());
  EXPECT_EQ(a.of("Is the <Object> on the <LR> louder than the <Object> on the <LR>?", {"violin", "left", "piano", "middle"}), "yes");
  EXPECT_EQ(a.of("Is the <Object> on the <LR> louder than the <Object> on the <LR>?", {"piano", "middle", "violin", "left"}), "no");
  EXPECT_EQ(a.of("Is the <Object> on the <LR> more rhythmic than the <Object> on the <LR>?", {"violin", "left", "piano", "middle"}), "yes");
  EXPECT_EQ(a.of("Is the <Object> on the <LR> more rhythmic than the <Object> on the <LR>?", {"piano", "middle", "violin", "left"}), "no");
  EXPECT_EQ(a.of("Is the instrument on the <LR> louder than the instrument on the <LR>?", {"left", "middle"}), "yes");
  EXPECT_EQ(a.of("Is the instrument on the <LR> louder than the instrument on the <LR>?", {"middle", "left"}), "no");
  EXPECT_EQ(a.of("Is the instrument on the <LR> more rhythmic than the instrument on the <LR>?", {"left", "middle"}), "yes");
  EXPECT_EQ(a.of("Is the instrument on the <LR> more rhythmic than the instrument on the <LR>?", {"middle", "left"}), "no");
  const Answers b(sceneB());  // the violins differ by 8 dB but play at the same rate
  EXPECT_EQ(b.of("Is the instrument on the <LR> louder than the instrument on the <LR>?", {"left", "middle"}), "yes");
  EXPECT_EQ(b.of("Is the instrument on the <LR> more rhythmic than the instrument on the <LR>?", {"left", "middle"}), kNotAsked);
}

TEST(SceneQuestions, AudioVisualCountingAndExistential) {
  const Answers a(sceneA());
  const Answers b(sceneB());
  EXPECT_EQ(a.of("How many instruments are sounding in the video?", {}), kNotAsked);  // a flute plays off-screen
  EXPECT_EQ(b.of("How many instruments are sounding in the video?", {}), "three");
  EXPECT_EQ(a.of("How many instruments in the video did not sound from beginning to end?", {}), "one");
  EXPECT_EQ(b.of("How many instruments in the video did not sound from beginning to end?", {}), "zero");
  EXPECT_EQ(a.of("How many sounding <Object> in the video\xef\xbc\x9f", {"cello"}), "zero");
  EXPECT_EQ(b.of("How many sounding <Object> in the video\xef\xbc\x9f", {"violin"}), "two");
  EXPECT_EQ(a.of("How many types of musical instruments sound in the video?", {}), kNotAsked);
  EXPECT_EQ(b.of("How many types of musical instruments sound in the video?", {}), "two");
  EXPECT_EQ(a.of("Is the <Object> in the video always playing?", {"violin"}), "yes");
  EXPECT_EQ(a.of("Is the <Object> in the video always playing?", {"piano"}), "no");
  EXPECT_EQ(a.of("Is there a voiceover?", {}), "yes");
  EXPECT_EQ(b.of("Is there a voiceover?", {}), "no");
  EXPECT_EQ(a.of("Is this sound from the instrument in the video?", {}), "no");
  EXPECT_EQ(b.of("Is this sound from the instrument in the video?", {}), "yes");
}

TEST(SceneQuestions, AudioVisualLocation) {
  const Answers a(sceneA());
  EXPECT_EQ(a.of("Is the <FL> sound coming from the <LR> instrument?", {"first", "left"}), "yes");
  EXPECT_EQ(a.of("Is the <FL> sound coming from the <LR> instrument?", {"first", "middle"}), "no");
  EXPECT_EQ(a.of("Is the <FL> sound coming from the <LR> instrument?", {"last", "left"}), kNotAsked);  // last is off-screen
  EXPECT_EQ(a.of("What is the <LR> instrument of the <FL> sounding instrument?", {"right", "first"}), "piano");
  EXPECT_EQ(a.of("What is the <LR> instrument of the <FL> sounding instrument?", {"left", "first"}), kNotAsked);
  EXPECT_EQ(a.of("Where is the <LL> instrument?", {"loudest"}), "left");
  EXPECT_EQ(a.of("Where is the <LL> instrument?", {"lowest"}), "middle");
  EXPECT_EQ(a.of("Which is the musical instrument that sounds at the same time as the <Object>?", {"piano"}), kNotAsked);
  const Answers d(sceneD());
  EXPECT_EQ(d.of("Which is the musical instrument that sounds at the same time as the <Object>?", {"drum"}), "tuba");
  EXPECT_EQ(d.of("Where is the <LL> instrument?", {"loudest"}), kNotAsked);  // 2 dB apart: too close
}

TEST(SceneQuestions, AudioVisualTemporal) {
  const Answers a(sceneA());
  EXPECT_EQ(a.of("What is the <TH> instrument that comes in?", {"first"}), "violin");
  EXPECT_EQ(a.of("What is the <TH> instrument that comes in?", {"second"}), "piano");
  EXPECT_EQ(a.of("What is the <TH> instrument that comes in?", {"third"}), "flute");
  EXPECT_EQ(a.of("What is the <TH> instrument that comes in?", {"fourth"}), kNotAsked);
  EXPECT_EQ(a.of("Where is the <FL> sounding instrument?", {"first"}), "left");
  EXPECT_EQ(a.of("Where is the <FL> sounding instrument?", {"last"}), kNotAsked);
  EXPECT_EQ(a.of("Which instrument makes sounds <BA> the <Object>?", {"after", "violin"}), "piano");
  EXPECT_EQ(a.of("Which instrument makes sounds <BA> the <Object>?", {"before", "flute"}), "piano");
  EXPECT_EQ(a.of("Which instrument makes sounds <BA> the <Object>?", {"before", "violin"}), kNotAsked);
  const Answers b(sceneB());
  EXPECT_EQ(b.of("Which <Object> makes the sound <FL>?", {"violin", "first"}), "left");
  EXPECT_EQ(b.of("Which <Object> makes the sound <FL>?", {"violin", "last"}), "middle");
  EXPECT_EQ(b.of("Where is the <FL> sounding instrument?", {"first"}), "right");  // the trumpet starts at 0
  EXPECT_EQ(b.of("What is the <TH> instrument that comes in?", {"first"}), kNotAsked);  // two violins
}

TEST(SceneQuestions, VisualCountingAndLocation) {
  const Answers a(sceneA());
  const Answers b(sceneB());
  const Answers c(sceneC());
  EXPECT_EQ(a.of("Are there <Object> and <Object> instruments in the video?", {"cello", "piano"}), "yes");
  EXPECT_EQ(b.of("How many <Object> are in the entire video?", {"violin"}), "two");
  EXPECT_EQ(a.of("How many <Object> are in the entire video?", {"piano"}), "one");
  EXPECT_EQ(a.of("How many types of musical instruments appeared in the entire video?", {}), "three");
  EXPECT_EQ(b.of("How many types of musical instruments appeared in the entire video?", {}), "two");
  EXPECT_EQ(a.of("Is there a <Object> in the entire video?", {"cello"}), "yes");
  EXPECT_EQ(a.of("What is the instrument on the <LR> of <Object>?", {"right", "violin"}), "piano");
  EXPECT_EQ(a.of("What is the instrument on the <LR> of <Object>?", {"left", "cello"}), "piano");
  EXPECT_EQ(a.of("What is the instrument on the <LR> of <Object>?", {"left", "violin"}), kNotAsked);
  EXPECT_EQ(a.of("What kind of instrument is the <LRer> instrument? ", {"leftest"}), "violin");
  EXPECT_EQ(a.of("What kind of instrument is the <LRer> instrument? ", {"rightest"}), "cello");
  EXPECT_EQ(c.of("What kind of musical instrument is it?", {}), "guzheng");
  EXPECT_EQ(a.of("What kind of musical instrument is it?", {}), kNotAsked);
  EXPECT_EQ(a.of("Where is the performance?", {}), "indoor");
  EXPECT_EQ(b.of("Where is the performance?", {}), "outdoor");
  // Negatives name instruments that are not on screen (the off-screen flute counts as absent).
  std::size_t negatives = 0;
  for (const QuestionCandidate& q : a.all()) {
    if (q.answer != "no") continue;
    if (q.template_text == "Is there a <Object> in the entire video?") {
      EXPECT_TRUE(q.values[0] != "violin" && q.values[0] != "piano" && q.values[0] != "cello") << q.values[0];
      ++negatives;
    }
    if (q.template_text == "Are there <Object> and <Object> instruments in the video?") {
      EXPECT_TRUE(q.values[1] != "violin" && q.values[1] != "piano" && q.values[1] != "cello") << q.values[1];
      ++negatives;
    }
  }
  EXPECT_GT(negatives, 0u);
}

// Over many random scenes: every template is asked somewhere, verbatim, with values from the
// template's own placeholder lists, and every answer is in MUSIC-AVQA's 42-answer vocabulary.
TEST(SceneQuestions, RandomScenesStayInsideTheDatasetVocabulary) {
  const TemplateCatalog catalog = TemplateCatalog::musicAvqa();
  std::ifstream answers_file(std::string(AVQA_FIXTURES_DIR) + "/../../core/data/answer2idx.json");
  const nlohmann::json answer_map = nlohmann::json::parse(answers_file)["ans2ix"];
  std::set<std::string> asked;
  for (int i = 0; i < 300; ++i) {
    const Scene scene = generateScene("v", videoSeed(11, static_cast<std::uint64_t>(i)), SceneOptions{});
    Scene measured = scene;
    measured.loudness_db.assign(10, {});
    for (const ScenePlayer& p : scene.players) {
      for (int s : p.sounding_seconds) measured.loudness_db[static_cast<std::size_t>(s)][p.id] = -6.0 - 6.0 * p.id;
    }
    for (const QuestionCandidate& q : candidateQuestions(measured, static_cast<std::uint64_t>(i))) {
      const QuestionTemplate* question_template = catalog.find(q.template_text);
      ASSERT_NE(question_template, nullptr) << q.template_text;
      ASSERT_EQ(q.values.size(), question_template->placeholders.size()) << q.template_text;
      for (std::size_t k = 0; k < q.values.size(); ++k) {
        const auto& allowed = catalog.placeholderValues(question_template->placeholders[k]);
        EXPECT_NE(std::find(allowed.begin(), allowed.end(), q.values[k]), allowed.end()) << q.template_text << " " << q.values[k];
      }
      EXPECT_TRUE(answer_map.contains(q.answer)) << q.template_text << " -> " << q.answer;
      EXPECT_FALSE(q.evidence_seconds.empty()) << q.template_text;
      asked.insert(q.template_text);
    }
  }
  EXPECT_EQ(asked.size(), catalog.templates().size());
}

}  // namespace
}  // namespace avqa::synth
