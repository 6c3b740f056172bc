#pragma once
// The words of one value as they are gathered, row by row: the text, the
// confidences and boxes the review flag and the record need (extraction.hpp).
#include "extraction.hpp"
#include "sohoa/core/ocr_types.hpp"

#include <algorithm>
#include <string>

namespace sohoa::forms {

struct ValueWords {
  std::string text;
  float confidence_sum = 0;
  float min_confidence = 1;
  int words = 0;
  int rows = 0;
  Box bbox;
  RawField readings; // only its counts of words read twice

  void add(const OcrWord& w) {
    text += text.empty() ? "" : " ";
    text += w.text;
    confidence_sum += w.confidence;
    min_confidence = std::min(min_confidence, w.confidence);
    readings.count_readings(w);
    bbox = unite(bbox, w.box);
    ++words;
  }

  float mean_confidence() const {
    return words > 0 ? confidence_sum / static_cast<float>(words) : 0.0F;
  }

  // A field found without a label of its own printed right of or above it, at
  // label_score: always reviewed (RawField::by_card_order).
  RawField card_order_field(int page, float label_score) const {
    RawField r;
    r.text = text;
    r.confidence = mean_confidence() * label_score;
    r.page = page;
    r.bbox = bbox;
    r.min_word_confidence = min_confidence;
    r.label_score = label_score;
    r.found_by = FoundBy::region;
    r.rows = std::max(1, rows);
    r.words_read_twice = readings.words_read_twice;
    r.readings_disagree = readings.readings_disagree;
    r.by_card_order = true;
    return r;
  }
};

} // namespace sohoa::forms
