#pragma once
// Red seals and stamps: kept in the archival image, removed from the image OCR
// reads, because they cover the text they certify. Red text is kept: the number
// and title of a citizen id card, a red heading. Blue and black ink are never
// touched: typed and handwritten values are often blue.
#include <opencv2/core.hpp>

namespace sohoa::imaging {

// CV_8UC3 BGR in; CV_8UC1 out, 255 where the pixel is red or pink ink in HSV
// terms: red hue, enough saturation, not so dark that it could be black ink.
cv::Mat red_ink_mask(const cv::Mat& bgr);

// The red ink that belongs to seals: red_ink_mask restricted to the red shapes at
// least k_min_seal_mm across in both directions (round and square seals, their
// lettering inside them). A line of red text is far less tall, and stays.
inline constexpr double k_min_seal_mm = 14.0;
cv::Mat red_seal_mask(const cv::Mat& bgr, double dpi);

} // namespace sohoa::imaging
