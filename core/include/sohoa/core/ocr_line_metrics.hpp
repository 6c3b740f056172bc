#pragma once
#include "sohoa/core/ocr_types.hpp"

namespace sohoa {

// The median height of the line's words (its box's height when it has none), at
// least 1: the size of its type, which the line's box overstates when its words
// rise or fall along it.
int median_word_height(const OcrLine& line);

} // namespace sohoa
