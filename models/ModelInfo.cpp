#include "ModelInfo.h"

namespace avqa {

std::vector<std::string> ModelInfo::featureKinds() const {
  std::vector<std::string> kinds = {audio.kind, visual.kind};
  if (patches && patches->kind != visual.kind) kinds.push_back(patches->kind);
  if (question.input == QuestionInput::Features) kinds.push_back(question.feature_kind);
  return kinds;
}

}  // namespace avqa
