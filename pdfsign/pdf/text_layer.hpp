#pragma once
// The invisible OCR text layer (render mode 3) in the GlyphLessFont, laid out
// so that poppler's pdftotext extracts words, spaces and lines as the OCR
#include "sohoa/core/ocr_types.hpp"
// text. Private to sohoa::pdf.

#include <string>
#include <vector>

namespace sohoa::pdf {

// UTF-16 code units of UTF-8 text as our Identity-H codes: BMP only (others
// become U+FFFD, which the ToUnicode CMap maps), no controls, no U+0000.
std::vector<unsigned short> to_glyphless_codes(const std::string& utf8);

// Page geometry: the page in points and the pixel grid the boxes refer to.
struct TextPlacement {
  double page_width_pt = 0;
  double page_height_pt = 0;
  int image_width_px = 0;
  int image_height_px = 0;
};

// Content stream operators drawing text invisibly with font resource name
// font_name ("F1"). Empty when the page has no words.
std::string text_layer_operators(const PageText& text, const TextPlacement& placement,
                                 const std::string& font_name);

// The ToUnicode CMap for codes from to_glyphless_codes: identity on the BMP
// without surrogates and U+0000, in bfrange blocks of at most 100 that never
// cross a high byte.
std::string glyphless_to_unicode_cmap();

} // namespace sohoa::pdf
