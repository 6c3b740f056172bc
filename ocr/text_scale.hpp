#pragma once
// Tesseract's LSTM reads best with an x-height of roughly 20-30 pixels. Small print
// (an ID card scanned on an A4 page at 300 dpi) falls well below that, so such
// pages are enlarged for recognition and the boxes brought back to page pixels.
#include "sohoa/core/ocr_types.hpp"
#include <opencv2/core.hpp>

namespace sohoa::ocr {

// Median height of ink components that look like glyphs, 0 when there are too few.
// image: CV_8UC1, 0 = ink.
double median_glyph_height(const cv::Mat& binary);

// The factor to enlarge by (1 = as is) for a page whose glyphs are this tall.
int upscale_factor_for(double median_glyph_height);

// Maps boxes and baselines found on an image enlarged by factor back to the original.
void scale_down(PageText& page, int factor, int width, int height);

} // namespace sohoa::ocr
