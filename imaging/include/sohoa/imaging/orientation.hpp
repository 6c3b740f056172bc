#pragma once
// Quarter-turn orientation of a deskewed page. 90 against 0: text lines give a far
// sharper projection profile across them than along them. 0 against 180: in each
// text line more ink lies above the x-height band than below it (capitals,
// ascenders, and in Vietnamese the tone and vowel marks) - upside down it is the
// other way round.
#include <opencv2/core.hpp>

namespace sohoa::imaging {

struct OrientationEstimate {
  int clockwise_degrees = 0; // 0/90/180/270: the clockwise turn that makes the page upright
  double confidence = 0;     // 0..1; below about 0.3 ask a second opinion (Tesseract OSD)
};

// binary: CV_8UC1, 0 = ink, deskewed. Best at 100-200 dpi; any size is accepted.
OrientationEstimate estimate_orientation(const cv::Mat& binary);

// Turns an image clockwise by a multiple of 90 degrees (any integer multiple,
// negative allowed). Throws std::invalid_argument for other angles.
cv::Mat rotate_quarter(const cv::Mat& image, int clockwise_degrees);

// clockwise_degrees reduced to 0, 90, 180 or 270; std::invalid_argument otherwise.
int normalize_quarter(int clockwise_degrees);

} // namespace sohoa::imaging
