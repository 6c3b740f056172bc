#include "stroke_width.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace sohoa::imaging {

namespace {
// A speck under this share of a stroke's square: a type's dots are about 0.8 of it.
constexpr double k_speck_share_of_stroke_square = 0.3;
// Toner specks of a copied copy stay under this diameter.
constexpr double k_max_speck_mm = 0.4;
// Printed type strokes measure 0.3-0.46 mm on the tuned scans, a copy of a copy's
// 0.6-0.9 mm: only strokes this thick call for more than the usual despeckling.
constexpr double k_thick_stroke_mm = 0.55;
} // namespace

double typical_stroke_width(const cv::Mat& binary) {
  CV_Assert(binary.type() == CV_8UC1);
  if (binary.empty()) {
    return 0;
  }
  const cv::Mat ink = binary == 0;
  const int area = cv::countNonZero(ink);
  if (area == 0) {
    return 0;
  }
  // Boundary: ink pixels with a paper pixel among their 4 neighbours.
  cv::Mat eroded;
  cv::erode(ink, eroded, cv::getStructuringElement(cv::MORPH_CROSS, cv::Size(3, 3)), {-1, -1}, 1,
            cv::BORDER_CONSTANT, cv::Scalar(0));
  const int boundary = area - cv::countNonZero(eroded);
  return boundary == 0 ? 0 : 2.0 * area / boundary;
}

int speck_area_for_strokes(double stroke_width, double dpi) {
  if (dpi <= 0 || stroke_width * 25.4 / dpi < k_thick_stroke_mm) {
    return 0;
  }
  const double max_diameter = k_max_speck_mm * dpi / 25.4;
  const double cap = M_PI / 4 * max_diameter * max_diameter;
  const double by_strokes = k_speck_share_of_stroke_square * stroke_width * stroke_width;
  return static_cast<int>(std::floor(std::min(by_strokes, cap)));
}

} // namespace sohoa::imaging
