#pragma once

#include <optional>

#include "dataset/QaRecord.h"

namespace avqa {

// The same comparison asked the other way round, its yes/no answer flipped: "Is the <Object>
// louder than the <Object>?" with (violin, piano) becomes (piano, violin). It applies to
// yes/no records whose template holds one " than " with as many placeholders on each side;
// nullopt for every other record. Only sound where the data never asks about a tie (a tie is
// "no" both ways): the synthetic benchmark leaves ties out.
std::optional<QaRecord> swappedComparison(const QaRecord& record);

}  // namespace avqa
