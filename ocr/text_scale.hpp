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

// The part of the page worth enlarging: the bounding box of its ink grown by margin
// pixels, inside the image (the whole image when it holds no ink). A card copied
// on an A4 page is a fraction of it: enlarging the paper around it by 3 would give
// Tesseract nine times the pixels to threshold and lay out for nothing.
cv::Rect ink_area(const cv::Mat& binary, int margin);

// Moves boxes and baselines found on a crop whose top-left corner is at origin
// into the pixels of the whole image, width x height.
void move_to_page(PageText& page, cv::Point origin, int width, int height);

} // namespace sohoa::ocr
