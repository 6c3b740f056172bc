#include "perspective.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace sohoa::imaging {

namespace {

double length(const cv::Point2f& a, const cv::Point2f& b) {
  return std::hypot(static_cast<double>(a.x - b.x), static_cast<double>(a.y - b.y));
}

} // namespace

Quad order_corners(const std::array<cv::Point2f, 4>& points) {
  // Top-left has the smallest x + y, bottom-right the largest; top-right the
  // smallest y - x, bottom-left the largest.
  auto by = [&](auto key, bool smallest) {
    return *std::min_element(points.begin(), points.end(),
                             [&](const cv::Point2f& a, const cv::Point2f& b) {
                               return smallest ? key(a) < key(b) : key(a) > key(b);
                             });
  };
  const auto sum = [](const cv::Point2f& p) { return p.x + p.y; };
  const auto diff = [](const cv::Point2f& p) { return p.y - p.x; };
  return {by(sum, true), by(diff, true), by(sum, false), by(diff, false)};
}

Quad scaled(const Quad& quad, double scale) {
  Quad out = quad;
  for (auto& p : out) {
    p *= static_cast<float>(scale);
  }
  return out;
}

cv::Size upright_size(const Quad& quad) {
  const double width = std::max(length(quad[0], quad[1]), length(quad[3], quad[2]));
  const double height = std::max(length(quad[0], quad[3]), length(quad[1], quad[2]));
  return {std::max(1, static_cast<int>(std::lround(width))),
          std::max(1, static_cast<int>(std::lround(height)))};
}

cv::Mat warp_quad_to_rect(const cv::Mat& image, const Quad& quad, cv::Size size,
                          const cv::Scalar& fill, int interpolation) {
  const float w = static_cast<float>(size.width);
  const float h = static_cast<float>(size.height);
  const cv::Point2f target[] = {{0, 0}, {w, 0}, {w, h}, {0, h}};
  const cv::Mat m = cv::getPerspectiveTransform(quad.data(), target);
  cv::Mat out;
  cv::warpPerspective(image, out, m, size, interpolation, cv::BORDER_CONSTANT, fill);
  return out;
}

} // namespace sohoa::imaging
