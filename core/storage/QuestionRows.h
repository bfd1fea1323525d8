#pragma once

#include <QRectF>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "storage/ProjectStore.h"

namespace avqa {

// One question as lists and tables show it: the fields to sort and filter by, the question
// as read (template filled), and the video file when the project's folders have it.
struct QuestionRow {
  std::int64_t row = 0;  // the question's key in the project
  std::string question_id;  // as written; may be empty
  std::string split;
  std::string video_id;
  std::string video_path;  // empty when no video folder holds it
  bool mirrored = false;   // an "X_flip" question on X's file: played mirrored
  std::string audio_video_id;  // v2.0 unmatch_audio: the question plays with this video's sound
  std::string audio_path;      // its file, when a video folder holds it
  std::string modality;
  std::string question_type;
  std::string template_text;
  std::string question;  // filled in
  std::vector<std::string> templ_values;  // what filled its placeholders
  std::string answer;
  std::string asked_answer;  // the newest inspector answer to this question on this video, if any
  std::vector<int> evidence_seconds;  // from a benchmark's groundtruth.json beside the videos
  std::vector<QRectF> evidence_boxes;  // its pixel boxes of the instruments asked about
  int flags = 0;  // QuestionFlag bits
  std::string note;
  bool free_text = false;
  std::string run_answer;  // the chosen run's prediction (setRunAnswers), empty when none
};

// Fills `run_answer` of each row from a run's predictions (empty: clears them).
void setRunAnswers(std::vector<QuestionRow>& rows, const std::unordered_map<std::int64_t, std::string>& predictions);

// Every question of every split, in split then file order (deleted questions left out).
// Evidence comes from groundtruth.json in the parent of a video folder (synth's layout); an
// unreadable one is skipped: evidence is a help, not a requirement.
std::vector<QuestionRow> loadQuestionRows(ProjectStore& project);

}  // namespace avqa
