#pragma once
#include <opencv2/core.hpp>

namespace sohoa::imaging {

// One-channel images as they are (no copy), BGR ones converted to grey.
cv::Mat grey_of(const cv::Mat& image);

} // namespace sohoa::imaging
