#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "annotation/AnnotationSession.h"

namespace avqa {

// "left" <-> "right", "leftest" <-> "rightest"; every other word as it is ("middle" stays).
std::string mirroredSide(const std::string& word);

// The QA pair of `video_id`_flip that mirrors `record`, when its template values or answer
// hold a side (as MUSIC-AVQA-v2.0 does with its `_flip` videos); nullopt otherwise.
std::optional<NewQuestion> flippedQuestion(const QaRecord& record);

// Adds the mirrored QA pair of every question of `video_ids` in the split that holds a side
// and is not there yet, each committed at once; one undo takes them all back. Returns how many.
std::int64_t addFlippedQuestions(ProjectStore& project, AnnotationSession& session, std::int64_t split_id,
                                 const std::vector<std::string>& video_ids);

}  // namespace avqa
