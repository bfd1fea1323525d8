#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/QuestionFigures.h"
#include "storage/PerturbationStore.h"

namespace avqa {

// One question of a run, answered, with its attention figures against its evidence.
struct AuditedQuestion {
  std::int64_t row = 0;  // the question's key in the project
  std::string video_id;
  std::string question;  // as read (template filled)
  std::string answer;    // the dataset's
  std::string predicted;
  std::string group;          // "Audio-Visual/Counting"
  std::string template_text;  // the question_content with its placeholders
  bool right = false;
  QuestionFigures figures;
  std::optional<StoredPerturbation> perturbation;  // the checks without ground truth, once run
};

// A sound-guided map that moves less than this when the sound is swapped does not listen
// (half-L1 distance of the normalised maps; 0: identical, 1: disjoint).
inline constexpr double kSoundIgnoredBelow = 0.1;

// A figure's mean over the questions that have it, with the half-width of its 95 %
// confidence interval (normal approximation: 1.96 * sd / sqrt(n); 0 for n < 2).
struct FigureMean {
  double mean = 0.0;
  double ci95 = 0.0;
  int n = 0;
};

// One group (or template): the means of every figure, by name ("temporal_mass",
// "sound.pointing", "sound.pointing_uniform", "question.energy", ...), and the cIoU AUC per map.
struct AuditRow {
  std::string name;
  int questions = 0;
  std::map<std::string, FigureMean> figures;
  std::optional<double> sound_ciou_auc;
  std::optional<double> question_ciou_auc;
};

// The mean of `values` with its 95 % interval.
FigureMean meanOf(const std::vector<double>& values);
// One question's figures by name (the names AuditRow uses), those it has.
std::map<std::string, double> questionFigureValues(const QuestionFigures& figures, const std::optional<StoredPerturbation>& checks,
                                                   double ignored_below = kSoundIgnoredBelow);
bool hasAuditFigures(const AuditedQuestion& question);

enum class AuditGrouping { Groups, Templates };
enum class AuditList { All, RightWrongPlace, WrongRightPlace, SoundIgnored };

// Rows per group (or template), then "Overall"; questions without evidence are left out.
std::vector<AuditRow> summariseAudit(const std::vector<AuditedQuestion>& questions, AuditGrouping grouping,
                                    double ignored_below = kSoundIgnoredBelow);

// Whether the attention is on the evidence: the sound-guided map (else the question-guided
// one) points at it in at least half of its evidence seconds; a model without a spatial map
// is judged by time (more temporal weight on the evidence than uniform). None: no figures.
std::optional<bool> attentionOnEvidence(const QuestionFigures& figures);

// The questions a researcher looks at first: right for the wrong reasons (right answer,
// attention off the evidence), wrong with the attention in the right place; sorted with the
// farthest off first; sound maps that ignore the sound (moved less than `ignored_below` by
// the audio swap), stillest first. All: every question with figures, in the file's order.
std::vector<const AuditedQuestion*> auditList(const std::vector<AuditedQuestion>& questions, AuditList list,
                                              double ignored_below = kSoundIgnoredBelow);

}  // namespace avqa
