#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ModelInfo.h"

namespace avqa {

struct TokenizedQuestion {
  std::vector<std::int64_t> ids;   // max_len, padded with <pad>
  std::vector<std::string> words;  // the words kept, before padding
  std::vector<std::string> dropped;  // unknown words dropped (vocab without <unk>)
};

// The MUSIC-AVQA loaders' tokenization: strip trailing white space, drop the last character
// (the "?" or full-width "？"), fill placeholders from `templ_values`, split on spaces, keep
// case unless `lowercase`, unknown words to <unk> (or dropped), pad/truncate to max_len.
TokenizedQuestion tokenizeQuestion(const std::string& question, const std::vector<std::string>& templ_values,
                                   const QuestionSpec& spec);

}  // namespace avqa
