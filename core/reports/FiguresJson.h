#pragma once

#include <nlohmann/json.hpp>

#include "analysis/QuestionFigures.h"

namespace avqa {

// A question's attention figures as JSON (`eval --json`, stored runs, `audit --format json`):
// absent figures are null, numbers rounded to 4 decimals.
nlohmann::ordered_json questionFiguresJson(const QuestionFigures& figures);

}  // namespace avqa
