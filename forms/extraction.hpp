#pragma once
// What extraction finds before normalization: the raw text of a field and where.
#include "sohoa/core/geometry.hpp"
#include <map>
#include <string>

namespace sohoa::forms {

struct RawField {
  std::string text;     // as read, words joined by spaces
  float confidence = 0; // OCR word confidences times the label match quality
  int page = 1;         // 1-based
  Box bbox;             // union of the value words' boxes
};

using RawFields = std::map<std::string, RawField>;

} // namespace sohoa::forms
