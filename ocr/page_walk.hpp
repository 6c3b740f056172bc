#pragma once
// The lines and words of Tesseract's last recognition as a PageText, in its
// reading order. Shared by the page pass and the passes that read a region of
// the page as a page of its own. Internal to ocr/.
#include "sohoa/core/ocr_types.hpp"

namespace tesseract {
class TessBaseAPI;
}

namespace sohoa::ocr {

// Blocks and paragraphs are renumbered densely over the lines that hold text,
// so indices never skip image or empty regions.
PageText collect_page(tesseract::TessBaseAPI& api, int width, int height);

} // namespace sohoa::ocr
