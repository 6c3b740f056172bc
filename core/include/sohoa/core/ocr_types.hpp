#pragma once
// OCR output: words with boxes and confidences, grouped into lines in reading order.
#include "sohoa/core/geometry.hpp"
#include <string>
#include <vector>

namespace sohoa {

struct OcrWord {
  std::string text;     // UTF-8, NFC
  Box box;              // pixels of the page image (CleanPage::archival)
  float confidence = 0; // 0..1
  // What a second, independent look at the word read (the lone re-read of an
  // unsure word, the digit model's look at a number); empty when it was read
  // once. Equal to `text` when both looks agree: the strongest sign that a value
  // is right the review flags have (forms/review_signals.hpp).
  std::string other_reading;

  bool read_twice() const { return !other_reading.empty(); }
  bool readings_agree() const { return read_twice() && other_reading == text; }
};

struct OcrLine {
  Box box;
  int baseline = 0;  // y of the baseline in page pixels (box.bottom() when unknown)
  int block = 0;     // index of the text block (column/region) in reading order
  int paragraph = 0; // index of the paragraph within the page, in reading order
  std::vector<OcrWord> words;
};

struct PageText {
  int width = 0; // page image size the boxes refer to
  int height = 0;
  std::vector<OcrLine> lines; // reading order
  float confidence = 0;       // mean word confidence (0..1), 0 for an empty page

  // The page's text: words joined by single spaces, lines by "\n", paragraphs by
  // a blank line. This is the text the PDF layer must extract as.
  std::string plain_text() const;
  std::size_t word_count() const;
};

} // namespace sohoa
