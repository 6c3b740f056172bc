#pragma once
// A page's OCR lines as the rows printed on it, for label extraction: a line
// Tesseract merged from two rows of different columns is split by the height of
// its words, and a word read twice at one place (a line re-read on its own comes
// back as a line of its own) is kept once, in its surer reading, and the rest of
// a row Tesseract read as a line of its own is joined to it.
#include "sohoa/core/ocr_types.hpp"
#include <vector>

namespace sohoa::forms {

// The rows, top to bottom within each line; rows left without words are dropped.
std::vector<OcrLine> page_rows(const PageText& page);

} // namespace sohoa::forms
