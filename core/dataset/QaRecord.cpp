#include "dataset/QaRecord.h"

namespace avqa {

std::string groupKey(const std::string& modality, const std::string& question_type) {
  return modality + "/" + question_type;
}

}  // namespace avqa
