#pragma once
// The page-reading policy: which orientation of a cleaned page to trust, when
// Tesseract's orientation detection (OSD) gives a second opinion, and when the page
// is read again turned a quarter or a half and the better reading kept.
#include "sohoa/core/ocr_types.hpp"
#include "sohoa/core/page.hpp"
#include "sohoa/ocr/engine.hpp"

#include <optional>

namespace sohoa::pipeline {

// What the policy needs of an OCR engine. OcrEngine serves through read_page's
// overload; tests script the readings to check the policy's decisions.
class PageReader {
public:
  virtual ~PageReader() = default;
  virtual PageText recognize(const CleanPage& page) = 0;
  virtual std::optional<ocr::OrientationGuess> detect_orientation(const CleanPage& page) = 0;
};

// Reads page, turning it (imaging::rotate_clean_page) when the policy keeps a turned
// reading: page then holds the orientation of the text returned. orientation_settled
// says the imaging stage was sure of the orientation (no OSD second opinion then).
PageText read_page(CleanPage& page, bool orientation_settled, PageReader& reader);
PageText read_page(CleanPage& page, bool orientation_settled, ocr::OcrEngine& engine);

// True when most words (of three bytes or more) are taller than wide: the page
// was read a quarter turn off upright.
bool reads_sideways(const PageText& text);

} // namespace sohoa::pipeline
