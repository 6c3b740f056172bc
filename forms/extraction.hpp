#pragma once
// What extraction finds before normalization: the raw text of a field and where.
#include "sohoa/core/geometry.hpp"
#include "sohoa/core/ocr_types.hpp"
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
  int rows = 1;              // rows the value spans
  int words_read_twice = 0;  // value words a second OCR look read too
  int readings_disagree = 0; // of them, those the two looks read differently
  // Found by an ID card's printed order, its label past the walk's budget: always
  // reviewed (card_fields.hpp).
  bool by_card_order = false;

  void count_readings(const OcrWord& w) {
    words_read_twice += w.read_twice() ? 1 : 0;
    readings_disagree += w.read_twice() && !w.readings_agree() ? 1 : 0;
  }
};

using RawFields = std::map<std::string, RawField>;

} // namespace sohoa::forms
