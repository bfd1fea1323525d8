// `avqa-lens audit` end to end: figures from stored maps and the perturbation checks.
#include <gtest/gtest.h>

#include <QImage>
#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "AskFixture.h"
#include "media/MediaSampler.h"
#include "support/TempDir.h"
#include "support/TestVideos.h"

namespace {

using avqa::test::argmax;
using avqa::test::CommandResult;
using avqa::test::readBytes;

}  // namespace

// A run stores every prediction's maps; audit computes the attention figures from them
// later, without the model, and they equal what eval computes from the live predictions.
TEST_F(Ask, AuditFiguresFromStoredMapsEqualEvalsFromLivePredictions) {
  ASSERT_EQ(run("synth --out " + file("auditbench") + " --videos 4 --seconds 4 --seed 21").exit_code, 0);
  const std::string project = file("audit.avqa");
  ASSERT_EQ(run("import " + project + " --music-avqa " + file("auditbench/avqa-train.json")).exit_code, 0);
  const CommandResult stored = run("run " + project + " --model " + model("contract.pt") + " --split train --run c --videos " +
                                   file("auditbench/videos"));
  ASSERT_EQ(stored.exit_code, 0) << stored.err;
  const CommandResult audited = run("audit " + project + " --run c --show all --format json --ground-truth " +
                                    file("auditbench/groundtruth.json"));
  ASSERT_EQ(audited.exit_code, 0) << audited.err;
  const auto audit = nlohmann::json::parse(audited.out);
  ASSERT_GT(audit["with_figures"].get<int>(), 10);
  EXPECT_EQ(audit["without_maps"], 0);
  const CommandResult evaluated = run("eval --model " + model("contract.pt") + " --data " + file("auditbench") + " --split train --json");
  ASSERT_EQ(evaluated.exit_code, 0) << evaluated.err;
  const auto eval = nlohmann::json::parse(evaluated.out);
  // Compare in the file's order: both list the questions with figures that way.
  std::vector<nlohmann::json> audit_figures, live_figures;
  for (const auto& q : audit["questions"]) audit_figures.push_back(q["figures"]);
  for (const auto& q : eval["questions"]) {
    if (!q["figures"].is_null()) live_figures.push_back(q["figures"]);
  }
  ASSERT_FALSE(live_figures.empty());
  ASSERT_EQ(audit_figures.size(), live_figures.size());
  for (std::size_t i = 0; i < audit_figures.size(); ++i) {
    for (const char* map : {"sound_guided", "question_guided"}) {
      if (live_figures[i][map].is_null()) continue;
      for (const char* key : {"pointing", "energy_in_box", "ciou", "pointing_uniform", "pointing_centre"}) {
        EXPECT_NEAR(audit_figures[i][map][key].get<double>(), live_figures[i][map][key].get<double>(), 1e-3) << i << " " << map << " " << key;
      }
    }
    if (!live_figures[i]["temporal_mass"].is_null()) {
      EXPECT_NEAR(audit_figures[i]["temporal_mass"].get<double>(), live_figures[i]["temporal_mass"].get<double>(), 1e-3) << i;
    }
  }
  // The lists hold what they say: right answers with attention off the evidence, and back.
  const auto listed = nlohmann::json::parse(run("audit " + project + " --run c --show right-wrong-place --format json --ground-truth " +
                                                file("auditbench/groundtruth.json")).out);
  for (const auto& q : listed["questions"]) {
    EXPECT_TRUE(q["right"].get<bool>());
    EXPECT_FALSE(q["on_evidence"].get<bool>());
  }
  const auto overall = audit["rows"].back();
  EXPECT_EQ(overall["name"], "Overall");
  const double pointing = overall["figures"]["sound.pointing"]["mean"].get<double>();
  EXPECT_GE(pointing, 0.0);
  EXPECT_LE(pointing, 1.0);
  EXPECT_GT(overall["figures"]["sound.pointing"]["ci95"].get<double>(), 0.0);
  // An imported run has answers but no maps: audit says so instead of inventing figures.
  const CommandResult text = run("audit " + project + " --run c --ground-truth " + file("auditbench/groundtruth.json"));
  EXPECT_NE(text.out.find("with attention figures"), std::string::npos) << text.out;
  EXPECT_EQ(run("audit " + project + " --run nosuch").exit_code, 1);
}

// The checks without ground truth: a sound map that ignores the sound does not move when
// another video's sound is swapped in and is listed as such; one that listens moves.
TEST_F(Ask, AuditPerturbFlagsASoundMapThatIgnoresTheSound) {
  ASSERT_EQ(run("synth --out " + file("perturbbench") + " --videos 4 --seconds 4 --seed 21").exit_code, 0);
  const std::string project = file("perturb.avqa");
  ASSERT_EQ(run("import " + project + " --music-avqa " + file("perturbbench/avqa-train.json")).exit_code, 0);
  const std::string videos = " --videos " + file("perturbbench/videos");
  for (const char* name : {"contract", "sound-follower"}) {
    const CommandResult stored = run("run " + project + " --model " + model(std::string(name) + ".pt") + " --split train --run " + name + videos);
    ASSERT_EQ(stored.exit_code, 0) << stored.err;
  }
  const auto audit = [&](const std::string& run_name) {
    const CommandResult result = run("audit " + project + " --run " + run_name + " --perturb --show sound-ignored --format json" + videos);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return nlohmann::json::parse(result.out);
  };
  const auto deaf = audit("contract");
  const auto listening = audit("sound-follower");
  const auto& deaf_overall = deaf["rows"].back()["figures"];
  const auto& listening_overall = listening["rows"].back()["figures"];
  ASSERT_TRUE(deaf_overall.contains("swap.shift"));
  EXPECT_NEAR(deaf_overall["swap.shift"]["mean"].get<double>(), 0.0, 1e-6);  // the bluest patch, whatever it hears
  EXPECT_NEAR(deaf_overall["swap.ignored"]["mean"].get<double>(), 1.0, 1e-9);
  EXPECT_EQ(deaf["questions"].size(), static_cast<std::size_t>(deaf_overall["swap.shift"]["n"].get<int>()));
  EXPECT_GT(listening_overall["swap.shift"]["mean"].get<double>(), 0.01);
  // Silence through the model's own audio encoder: the deaf map stays, the listening one moves.
  ASSERT_TRUE(deaf_overall.contains("silence.shift"));
  EXPECT_NEAR(deaf_overall["silence.shift"]["mean"].get<double>(), 0.0, 1e-6);
  EXPECT_GT(listening_overall["silence.shift"]["mean"].get<double>(), 0.01);
  EXPECT_LT(listening["questions"].size(), deaf["questions"].size());
  // Its answer depends on the question's words only: deleting what it attends to changes
  // nothing, the mark of a map that does not carry the answer.
  EXPECT_NEAR(deaf_overall["delete.top_patches"]["mean"].get<double>(), 0.0, 1e-5);
  EXPECT_NEAR(deaf_overall["delete.top_steps"]["mean"].get<double>(), 0.0, 1e-5);
  // --vs pairs the two runs' questions: each side's figure is that run's own audit figure.
  const CommandResult compared = run("audit " + project + " --run contract --vs sound-follower --format json");
  ASSERT_EQ(compared.exit_code, 0) << compared.err;
  const auto shift = nlohmann::json::parse(compared.out)["rows"].back()["figures"]["swap.shift"];
  EXPECT_NEAR(shift["a"].get<double>(), deaf_overall["swap.shift"]["mean"].get<double>(), 1e-9);
  EXPECT_NEAR(shift["b"].get<double>(), listening_overall["swap.shift"]["mean"].get<double>(), 1e-9);
  EXPECT_NEAR(shift["difference"].get<double>(), shift["b"].get<double>() - shift["a"].get<double>(), 1e-9);
  EXPECT_EQ(shift["n"].get<int>(), deaf_overall["swap.shift"]["n"].get<int>());
  // Stored and resumable: a second --perturb has nothing left to do.
  const CommandResult again = run("audit " + project + " --run contract --perturb --format json" + videos);
  EXPECT_NE(again.err.find("0 new"), std::string::npos) << again.err;
}
