#pragma once
// Connected components (8-connected) of a page-sized mask, found band by band.
// cv::connectedComponentsWithStats on a whole 300-dpi page keeps a 32-bit label per
// pixel (35 MB for A4, nine times that on a page enlarged for small print); callers
// here only want components of glyph or line height, so the labels need never cover
// more than a band of rows a little taller than those. The components found are
// exactly those of the whole mask, roughly top to bottom (callers must not rely
// on the order).
#include <functional>
#include <opencv2/core.hpp>

namespace sohoa::ocr {

struct ShortComponent {
  cv::Rect box; // in mask pixels
  int area = 0; // pixels set
  // The component's own pixels within box: 255 on them, 0 elsewhere (other
  // components crossing the box included).
  std::function<cv::Mat()> pixels;
};

// Rows [top, bottom) of the mask, CV_8UC1, non-zero set. Bands overlap; a source
// must give the same pixels for a row whichever band asks.
using MaskRows = std::function<cv::Mat(int top, int bottom)>;

// Calls visit for every component of the rows-high mask at most max_height tall.
void for_each_short_component(int rows, const MaskRows& mask_rows, int max_height,
                              const std::function<void(const ShortComponent&)>& visit);

// The same on a mask in memory.
void for_each_short_component(const cv::Mat& mask, int max_height,
                              const std::function<void(const ShortComponent&)>& visit);

} // namespace sohoa::ocr
