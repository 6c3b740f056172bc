#pragma once
// The two-column header of decisions and letters (issuing agency | national
// motto; number | place and date): found on the OCR image before it is read, so
// each column can be read as a block of its own. Tesseract's layout analysis
// otherwise joins the two columns row by row into one line. Internal to ocr/.
#include <opencv2/core.hpp>
#include <optional>

namespace sohoa::ocr {

struct HeaderColumns {
  int band_bottom = 0; // the header band is rows [0, band_bottom) of the page
  int gutter_x = 0;    // the left column is x < gutter_x, the right one x >= gutter_x
  cv::Rect left() const { return {0, 0, gutter_x, band_bottom}; }
  cv::Rect right(int page_width) const { return {gutter_x, 0, page_width - gutter_x, band_bottom}; }
};

// The header band and its gutter: a vertical white strip near the middle of the
// page that the lines at the top leave free, with text on both sides of it,
// ending at the first line that crosses it (the document's title). nullopt when
// the top of the page holds no such header. binary: CV_8UC1, ink dark; ppi: its
// resolution.
std::optional<HeaderColumns> find_header_columns(const cv::Mat& binary, int ppi);

// The header with its separator rules (the short lines under the agency and the
// motto, which OCR reads as "_" or "—") whitened: long, thin ink marks.
void whiten_rules(cv::Mat& binary, int ppi);

} // namespace sohoa::ocr
