#include "ModelInfo.h"

namespace avqa {

std::vector<std::string> ModelInfo::featureKinds() const {
  std::vector<std::string> kinds = {audio.kind, visual.kind};
  if (patches && patches->kind != visual.kind) kinds.push_back(patches->kind);
  if (question.input == QuestionInput::Features) kinds.push_back(question.feature_kind);
  return kinds;
}

std::string ModelInfo::featureKindsText() const {
  std::string text;
  for (const std::string& kind : featureKinds()) text += (text.empty() ? "" : ",") + kind;
  return text;
}

}  // namespace avqa
