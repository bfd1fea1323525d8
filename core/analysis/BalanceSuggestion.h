#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/TemplateBalance.h"
#include "dataset/TemplateCatalog.h"

namespace avqa {

// The smallest change that brings one template back under its balance threshold, either by
// adding QA pairs with other answers or by dropping QA pairs with the dominant answer.
struct BalanceSuggestion {
  std::string template_text;
  std::vector<AnswerCount> add;          // add this many QA pairs with these answers
  std::int64_t add_total = 0;
  std::string drop_answer;               // or drop this many with the dominant answer...
  std::int64_t drop_total = 0;           // 0: dropping alone cannot fix it
  std::vector<std::size_t> drop_records;  // ...these ones (indexes into the records given)

  std::string describe() const;  // one line for people
};

// For every template that breaks its threshold, in order of how far it is over (worst
// first). Added answers go to the least frequent candidates: the template's other answers
// the other of yes/no for a yes/no template, and the answers `catalog` has seen for it (a
// template with a single answer needs them). Dropped records are the last ones of the dominant answer.
std::vector<BalanceSuggestion> suggestBalanceFixes(const RecordList& records, const BalanceThresholds& thresholds,
                                                   const TemplateCatalog* catalog = nullptr);

// Shares after a change, for checking a suggestion (and the tests): true when every answer's
// share is at most the threshold.
bool isBalanced(const std::vector<AnswerCount>& counts, double threshold);

}  // namespace avqa
