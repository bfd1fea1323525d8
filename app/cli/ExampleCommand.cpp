// example-questions: a small MUSIC-AVQA-style file (and predictions) to try the CLI on.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli/CliSupport.h"
#include "common/OutputFile.h"
#include "synthetic/ExampleQuestionFile.h"

namespace avqa::cli {

void addExampleCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string out, predictions;
    ExampleQuestionOptions generator;
    double accuracy = 0.6;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "example-questions", "Write a MUSIC-AVQA-style question file drawn from the 33 templates");
  command->add_option("--out", options->out, "Output JSON file")->required();
  command->add_option("--records", options->generator.records, "Number of records")
      ->check(CLI::Range(std::size_t{1}, std::size_t{10000000}));
  command->add_option("--seed", options->generator.seed, "Random seed");
  command->add_option("--predictions", options->predictions,
                      "Also write a predictions file (question_id<TAB>answer)");
  command->add_option("--accuracy", options->accuracy, "Share of right predictions (0..1)")
      ->check(CLI::Range(0.0, 1.0));
  command->callback([options, &action] {
    action = [options] {
      const MusicAvqaFile file = generateExampleQuestions(options->generator);
      writeFileAtomically(options->out, file.text);
      std::cout << "Wrote " << file.records.size() << " example records to " << options->out << "\n";
      if (!options->predictions.empty()) {
        writeFileAtomically(options->predictions,
                            generateExamplePredictions(file, options->accuracy, options->generator.seed + 1));
        std::cout << "Wrote example predictions to " << options->predictions << "\n";
      }
      return 0;
    };
  });
}

}  // namespace avqa::cli
