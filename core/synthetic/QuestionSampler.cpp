#include "synthetic/QuestionSampler.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "dataset/TemplateCatalog.h"

namespace avqa::synth {
namespace {

using AnswerCounts = std::map<std::string, int>;

bool isBinary(const AnswerCounts& counts) {
  for (const auto& [answer, count] : counts) {
    if (answer != "yes" && answer != "no") return false;
  }
  return true;
}

// The most questions one answer may have among `total` for the split to stay balanced.
int allowedDominant(const AnswerCounts& counts, int total) {
  if (isBinary(counts) || total < 3) return total / 2;  // yes/no even; a lone question goes
  return std::max(1, total / 3);
}

int dominantCount(const AnswerCounts& counts) {
  int best = 0;
  for (const auto& entry : counts) best = std::max(best, entry.second);
  return best;
}

// Removes the latest questions of dominant answers until every template is balanced.
void trimToBalance(std::vector<SampledQuestion>& questions) {
  std::map<std::string, AnswerCounts> counts;
  for (const SampledQuestion& q : questions) ++counts[q.candidate.template_text][q.candidate.answer];
  std::vector<bool> keep(questions.size(), true);
  for (auto& [template_text, answers] : counts) {
    while (true) {
      int total = 0;
      for (const auto& entry : answers) total += entry.second;
      if (total == 0 || dominantCount(answers) <= allowedDominant(answers, total)) break;
      const int dominant = dominantCount(answers);
      std::string victim;
      for (const auto& [answer, count] : answers) {
        if (count == dominant) victim = answer;
      }
      for (std::size_t i = questions.size(); i-- > 0;) {
        if (keep[i] && questions[i].candidate.template_text == template_text && questions[i].candidate.answer == victim) {
          keep[i] = false;
          break;
        }
      }
      if (--answers[victim] == 0) answers.erase(victim);
    }
  }
  std::vector<SampledQuestion> kept;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    if (keep[i]) kept.push_back(std::move(questions[i]));
  }
  questions = std::move(kept);
}

}  // namespace

QaRecord SampledQuestion::record(const std::string& question_id, const std::string& video_id) const {
  QaRecord record;
  record.video_id = video_id;
  record.question_id = question_id;
  record.modality = modality;
  record.question_type = question_type;
  record.question_content = candidate.template_text;
  record.templ_values = candidate.values;
  record.answer = candidate.answer;
  return record;
}

std::vector<std::string> assignSplits(int videos, std::uint64_t seed) {
  std::vector<int> order(static_cast<std::size_t>(videos));
  for (int i = 0; i < videos; ++i) order[static_cast<std::size_t>(i)] = i;
  std::mt19937_64 random(seed ^ 0x5B1175ULL);
  std::shuffle(order.begin(), order.end(), random);
  int test = videos >= 3 ? std::max(1, (videos * 15 + 50) / 100) : (videos >= 1 ? 1 : 0);
  int val = videos >= 3 ? std::max(1, (videos * 15 + 50) / 100) : 0;
  std::vector<std::string> splits(static_cast<std::size_t>(videos), "train");
  for (int i = 0; i < videos; ++i) {
    const std::size_t video = static_cast<std::size_t>(order[static_cast<std::size_t>(i)]);
    if (i < test) {
      splits[video] = "test";
    } else if (i < test + val) {
      splits[video] = "val";
    }
  }
  return splits;
}

SampledQuestions sampleQuestions(const std::vector<VideoResult>& videos, int per_video, AnswerBalance balance,
                                 std::uint64_t seed) {
  const TemplateCatalog catalog = TemplateCatalog::musicAvqa();
  const std::vector<std::string> splits = assignSplits(static_cast<int>(videos.size()), seed);
  std::mt19937_64 random(seed ^ 0xA5A5A5A5ULL);

  // Biased mode leans every template to the answer its candidates give most often.
  std::map<std::string, AnswerCounts> pool;
  for (const VideoResult& video : videos) {
    for (const QuestionCandidate& candidate : video.candidates) ++pool[candidate.template_text][candidate.answer];
  }
  std::map<std::string, std::string> preferred;
  for (const auto& [template_text, counts] : pool) {
    preferred[template_text] = std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
                                 return a.second < b.second;
                               })->first;
  }

  SampledQuestions result;
  for (const char* split : {"train", "val", "test"}) {
    std::map<std::string, AnswerCounts> counts;
    std::map<std::string, int> uses;
    std::vector<SampledQuestion> chosen;
    for (std::size_t v = 0; v < videos.size(); ++v) {
      if (splits[v] != split) continue;
      std::map<std::string, std::vector<const QuestionCandidate*>> by_template;
      for (const QuestionCandidate& candidate : videos[v].candidates) by_template[candidate.template_text].push_back(&candidate);
      std::vector<std::string> order;
      for (const auto& entry : by_template) order.push_back(entry.first);
      std::shuffle(order.begin(), order.end(), random);
      // A template whose counts are uneven and that this video can even out comes first, so
      // questions pair up across videos; then the least used templates.
      const auto need = [&](const std::string& template_text) {
        const AnswerCounts& current = counts[template_text];
        if (current.empty()) return false;
        const int dominant = dominantCount(current);
        for (const QuestionCandidate* candidate : by_template[template_text]) {
          auto found = current.find(candidate->answer);
          if (found == current.end() || found->second < dominant) return true;
        }
        return false;
      };
      std::stable_sort(order.begin(), order.end(), [&](const std::string& a, const std::string& b) {
        const bool need_a = balance == AnswerBalance::Balanced && need(a);
        const bool need_b = balance == AnswerBalance::Balanced && need(b);
        if (need_a != need_b) return need_a;
        return uses[a] < uses[b];
      });
      int taken = 0;
      for (const std::string& template_text : order) {
        if (taken >= per_video) break;
        const auto& options = by_template[template_text];
        const QuestionCandidate* pick = nullptr;
        if (balance == AnswerBalance::Biased) {
          for (const QuestionCandidate* candidate : options) {
            if (candidate->answer == preferred[template_text]) pick = candidate;
          }
          if (!pick && std::uniform_real_distribution<double>(0, 1)(random) < 0.15) pick = options.front();
        } else {
          int best = 1 << 30;
          std::vector<const QuestionCandidate*> tied;
          for (const QuestionCandidate* candidate : options) {
            const int count = counts[template_text][candidate->answer];
            if (count < best) {
              best = count;
              tied.clear();
            }
            if (count == best) tied.push_back(candidate);
          }
          pick = tied[std::uniform_int_distribution<std::size_t>(0, tied.size() - 1)(random)];
        }
        if (!pick) continue;
        const QuestionTemplate* question_template = catalog.find(template_text);
        chosen.push_back({static_cast<int>(v), split, question_template ? question_template->modality : "",
                          question_template ? question_template->question_type : "", *pick});
        ++counts[template_text][pick->answer];
        ++uses[template_text];
        ++taken;
      }
    }
    if (balance == AnswerBalance::Balanced) trimToBalance(chosen);
    for (SampledQuestion& question : chosen) result.questions.push_back(std::move(question));
  }
  return result;
}

}  // namespace avqa::synth
