#pragma once
// Dark scanner borders: the lid or background seen around a page that is smaller
// than the scan area, or a page placed off the glass.
#include <opencv2/core.hpp>

namespace sohoa::imaging {

// grey: CV_8UC1. valid: empty, or CV_8UC1 non-zero where the pixel comes from the
// scan (zero where rotation filled it in). paper_level: grey level of the paper.
// Returns the rectangle inside the dark margins: the whole image when there are none.
cv::Rect find_content_rect(const cv::Mat& grey, const cv::Mat& valid, double paper_level);

} // namespace sohoa::imaging
