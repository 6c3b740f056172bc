#pragma once
// What extraction finds before normalization: the raw text of a field and where.
#include "sohoa/core/geometry.hpp"
#include "sohoa/forms/review_signals.hpp"
#include <map>
#include <string>

namespace sohoa::forms {

struct RawField {
  std::string text;     // as read, words joined by spaces
  float confidence = 0; // OCR word confidences times the label match quality
  int page = 1;         // 1-based
  Box bbox;             // union of the value words' boxes
  // What the review flag weighs besides the checks (review_signals.hpp).
  float min_word_confidence = 0;
  float label_score = 1; // how well the label matched; 1 where no label is read
  FoundBy found_by = FoundBy::right_of_label;
  int rows = 1; // rows the value spans
};

using RawFields = std::map<std::string, RawField>;

} // namespace sohoa::forms
