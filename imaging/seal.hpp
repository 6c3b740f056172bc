#pragma once
// Red seals and stamps: kept in the archival image, removed from the image OCR
// reads, because they cover the text they certify. Blue and black ink are never
// touched: typed and handwritten values are often blue.
#include <opencv2/core.hpp>

namespace sohoa::imaging {

// CV_8UC3 BGR in; CV_8UC1 out, 255 where the pixel is red or pink seal ink in HSV
// terms: red hue, enough saturation, not so dark that it could be black ink.
cv::Mat red_seal_mask(const cv::Mat& bgr);

} // namespace sohoa::imaging
