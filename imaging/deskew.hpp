#pragma once
// Skew measurement by projection profiles: text lines give the sharpest profile
// (largest sum of squared bin counts) when projected along their own direction.
#include <opencv2/core.hpp>

namespace sohoa::imaging {

struct SkewEstimate {
  double angle_deg = 0;        // counter-clockwise positive, as the page lies in the image
  bool vertical_lines = false; // lines run top-bottom: the page lies on its side
  double sharpness = 0;        // normalized profile energy at the best angle (1 = flat)
  bool found = false;          // false when there is too little structure to measure
};

// binary: CV_8UC1, 0 = ink. Searches +-max_angle_deg around both axes, coarse to
// fine, to a resolution of about 0.02 degree.
SkewEstimate estimate_skew(const cv::Mat& binary, double max_angle_deg = 15);

// Rotates counter-clockwise by angle_deg about the centre, same size, filling the
// uncovered corners with fill. Linear interpolation.
cv::Mat rotate_image(const cv::Mat& image, double angle_deg, const cv::Scalar& fill);

} // namespace sohoa::imaging
