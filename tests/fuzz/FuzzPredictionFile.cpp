// Other tools' prediction files (text tables, JSON maps) and answer lists.
#include "FuzzSupport.h"
#include "common/AvqaError.h"
#include "predictions/PredictionFile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = avqa::fuzz::scratchFile("predictions.txt", data, size);
  for (const avqa::PredictionColumns& columns : {avqa::PredictionColumns{}, avqa::PredictionColumns{1, 0}}) {
    try {
      (void)avqa::readPredictionFile(path, columns);
    } catch (const avqa::AvqaError&) {
    }
  }
  try {
    const avqa::AnswerList answers = avqa::AnswerList::read(path);
    (void)answers.at(3);
  } catch (const avqa::AvqaError&) {
  }
  return 0;
}
