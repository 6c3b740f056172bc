#include "illumination.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace sohoa::imaging {

namespace {
// The background is estimated at about this resolution: the light varies slowly.
constexpr double k_background_dpi = 50;
// Ink narrower than this disappears in the close: strokes of headings included.
constexpr double k_close_mm = 7.5;
} // namespace

cv::Mat flatten_illumination(const cv::Mat& grey, double dpi) {
  CV_Assert(grey.type() == CV_8UC1);
  if (grey.empty()) {
    return grey.clone();
  }
  const double scale = std::min(1.0, k_background_dpi / std::max(dpi, 1.0));
  cv::Mat small;
  if (scale < 1.0) {
    const cv::Size size(std::max(1, static_cast<int>(std::lround(grey.cols * scale))),
                        std::max(1, static_cast<int>(std::lround(grey.rows * scale))));
    cv::resize(grey, small, size, 0, 0, cv::INTER_AREA);
  } else {
    small = grey.clone();
  }
  const double small_dpi = dpi * static_cast<double>(small.cols) / grey.cols;
  const int kernel = std::max(3, static_cast<int>(std::lround(small_dpi * k_close_mm / 25.4)) | 1);
  cv::Mat background;
  cv::morphologyEx(small, background, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(kernel, kernel)));
  // A light blur only: a wide one would smear the step at dark scanner borders.
  cv::GaussianBlur(background, background, cv::Size(5, 5), 0);
  cv::max(background, 1, background);
  if (background.size() != grey.size()) {
    cv::resize(background, background, grey.size(), 0, 0, cv::INTER_LINEAR);
  }
  cv::Mat flat;
  cv::divide(grey, background, flat, 255.0);
  return flat;
}

cv::Scalar estimate_paper_colour(const cv::Mat& image) {
  if (image.empty()) {
    return cv::Scalar::all(255);
  }
  cv::Mat grey;
  if (image.channels() == 3) {
    cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
  } else {
    grey = image;
  }
  std::array<double, 256> histogram{};
  for (int y = 0; y < grey.rows; ++y) {
    const uchar* row = grey.ptr<uchar>(y);
    for (int x = 0; x < grey.cols; ++x) {
      histogram[row[x]] += 1;
    }
  }
  const double total = static_cast<double>(grey.total());
  double above = 0;
  int level = 255;
  for (; level > 0; --level) {
    above += histogram[static_cast<size_t>(level)];
    if (above >= total * 0.25) {
      break;
    }
  }
  cv::Mat mask = grey >= level;
  return cv::mean(image, mask);
}

} // namespace sohoa::imaging
