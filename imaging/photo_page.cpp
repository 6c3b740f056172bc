#include "photo_page.hpp"

#include "page_quad.hpp"
#include "perspective.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace sohoa::imaging {

namespace {
constexpr double k_a4_long_mm = 297;
constexpr double k_a4_ratio = 297.0 / 210.0;
// A page found in a photo is taken for A4 when its sides are this close to A4's.
constexpr double k_a4_ratio_tolerance = 0.04;
} // namespace

double upright_page_dpi(cv::Size size, double photo_dpi) {
  const double long_side = std::max(size.width, size.height);
  const double short_side = std::max(1, std::min(size.width, size.height));
  if (std::abs(long_side / short_side / k_a4_ratio - 1.0) <= k_a4_ratio_tolerance) {
    return long_side / (k_a4_long_mm / 25.4);
  }
  return photo_dpi;
}

std::optional<StraightenedPage> straighten_photographed_page(const cv::Mat& source,
                                                             const cv::Mat& small, ColourKind kind,
                                                             double dpi) {
  const auto found = find_photographed_page(small);
  if (!found) {
    return std::nullopt;
  }
  const Quad quad = scaled(found->quad, static_cast<double>(source.cols) / small.cols);
  const cv::Size size = upright_size(quad);
  StraightenedPage page;
  page.keystone_deg = found->keystone_deg;
  page.pixels = warp_quad_to_rect(source, quad, size, cv::Scalar::all(255));
  if (kind == ColourKind::bitonal) {
    cv::threshold(page.pixels, page.pixels, 127, 255, cv::THRESH_BINARY);
  }
  page.dpi = upright_page_dpi(size, dpi);
  return page;
}

} // namespace sohoa::imaging
