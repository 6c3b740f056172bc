#pragma once
// Second looks at a page after Tesseract's page pass, on the image it read:
// text its layout analysis left out, and words it could not read. Each region is
// read alone as one line, the words already read around it whitened, and kept
// only when the reading is confident. Internal to ocr/.
#include "sohoa/core/ocr_types.hpp"
#include <opencv2/core.hpp>

namespace tesseract {
class TessBaseAPI;
}

namespace sohoa::ocr {

// Words below this confidence, glyph-sized, are read again alone.
inline constexpr float k_unsure_word_confidence = 0.35f;
// A second reading is kept when its words' mean confidence reaches this.
inline constexpr float k_second_reading_confidence = 0.65f;

// The passes below; image: the CV_8UC1 page the API read (others: nothing done).
// The API's page segmentation mode is restored; its image is replaced.
void second_pass(tesseract::TessBaseAPI& api, const cv::Mat& image, int ppi, PageText& page);

// Text no word covers (missed_text.hpp), read and merged into the page.
void recover_missed_text(tesseract::TessBaseAPI& api, const cv::Mat& image, int ppi,
                         PageText& page);
// Words under k_unsure_word_confidence replaced by a confident second reading.
void reread_unsure_words(tesseract::TessBaseAPI& api, const cv::Mat& image, int ppi,
                         PageText& page);

// Dotted leaders Tesseract read as letters or digits ("2221122122", "PL"): words
// far flatter than the page's text become the dots they are. Dashes stay.
void dots_for_flat_words(PageText& page);

// Tesseract reads a dotted leader twice at times: as dots, and over them as
// junk of no confidence ("2252122321 12121"). Words under k_echo_confidence
// lying mostly over a run of dots on their line are dropped.
inline constexpr float k_echo_confidence = 0.2f;
void drop_leader_echoes(PageText& page);

} // namespace sohoa::ocr
