#pragma once
// Reading order of a normalized ID card's reading. Every model (2016, 2021,
// 2024) prints the same three zones: the national header and title across the
// top, the labelled fields in a column right of the photo, and the expiry in
// small print under the photo. Tesseract merges a row of the expiry with the
// residence line beside it; each row is given back to its zone, and the zones are
// read top, then the expiry and the fields in the order a geometric reading gives
// (the order pdftotext reads the text layer in, so the record and the PDF agree).
#include "sohoa/core/ocr_types.hpp"

#include <opencv2/core.hpp>

namespace sohoa::pipeline {

// text: a reading of a card normalized upright; card: where the card itself
// (85.6 x 54 mm) lies in that image's pixels.
void order_card_zones(PageText& text, const cv::Rect& card);

} // namespace sohoa::pipeline
