#pragma once
// Lines cut at wide gaps: OCR often joins the left and right columns of a header
// (agency | motto, "Số:" | place and date) into one line.
#include "sohoa/core/ocr_types.hpp"
#include <string>
#include <vector>

namespace sohoa::forms {

struct Segment {
  int line = 0; // index of its line in the page
  std::vector<const OcrWord*> words;
  Box box;
  std::string text;   // words joined by spaces
  std::string folded; // fold(text)

  int center_x() const { return box.x + box.w / 2; }
  float confidence() const;
};

// A line is cut where the gap between two words exceeds gap_factor times its
// median word height.
std::vector<Segment> page_segments(const PageText& page, double gap_factor = 2.5);
// The width the boxes refer to (page width, else the rightmost word edge).
int page_width(const PageText& page);
int page_height(const PageText& page);

} // namespace sohoa::forms
