#include "synthetic/ExampleQuestionFile.h"

#include <cstdio>
#include <random>

#include "dataset/RecordEditor.h"
#include "dataset/TemplateCatalog.h"

namespace avqa {
namespace {

template <typename T>
const T& pick(const std::vector<T>& items, std::mt19937& random) {
  return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(random)];
}

}  // namespace

MusicAvqaFile generateExampleQuestions(const ExampleQuestionOptions& options) {
  const TemplateCatalog catalog = TemplateCatalog::musicAvqa();
  std::mt19937 random(options.seed);
  const PyJsonStyle style = PyJsonStyle::indented(2);
  const RecordEditor editor(style);
  std::string text = style.listOpening();
  const std::size_t per_video = options.records_per_video > 0 ? options.records_per_video : 1;
  for (std::size_t i = 0; i < options.records; ++i) {
    const QuestionTemplate& question_template = pick(catalog.templates(), random);
    QaRecord record;
    char video_id[32];
    std::snprintf(video_id, sizeof video_id, "%08zu", 1 + i / per_video);
    record.video_id = video_id;
    const bool repeat_id = options.duplicate_some_ids && i > 0 && i % 500 == 499;
    record.question_id = std::to_string(repeat_id ? i : i + 1);
    record.modality = question_template.modality;
    record.question_type = question_template.question_type;
    record.question_content = question_template.text;
    for (const std::string& placeholder : question_template.placeholders) {
      record.templ_values.push_back(pick(catalog.placeholderValues(placeholder), random));
    }
    record.answer = pick(question_template.observed_answers, random);
    if (i > 0) text += style.listSeparator();
    text += editor.compose(record);
  }
  text += style.listClosing();
  // Read back like any file, so the records carry their bytes and spans.
  return parseMusicAvqaText(std::move(text), "example-questions.json");
}

std::string generateExamplePredictions(const MusicAvqaFile& file, double accuracy,
                                       std::uint32_t seed) {
  const TemplateCatalog catalog = TemplateCatalog::musicAvqa();
  std::mt19937 random(seed);
  std::bernoulli_distribution right(accuracy);
  std::string out = "question_id\tanswer\n";
  for (const QaRecord& record : file.records) {
    if (!record.question_id || !record.answer) continue;
    std::string answer = *record.answer;
    const QuestionTemplate* question_template = catalog.find(record.question_content);
    if (!right(random) && question_template) answer = pick(question_template->observed_answers, random);
    out += *record.question_id + "\t" + answer + "\n";
  }
  return out;
}

}  // namespace avqa
