#include "photo_page.hpp"

#include "page_quad.hpp"
#include "perspective.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace sohoa::imaging {

namespace {

// Sizes a photographed page is recognised by: an A4 sheet, and an ID-1 card
// (an ID card photographed on its own, which the card reader then finds at its
// size). A phone's own resolution tag (often 72 dpi) says nothing of the page.
struct PaperSize {
  double long_mm;
  double short_mm;
  // A photo whose own resolution already gives the page a long side within this
  // share of the size keeps it (a scan cropped to a card, with its margin, then
  // photographed); 0: the size always decides (an A4 sheet).
  double trusted_within;
};
constexpr PaperSize k_known_sizes[] = {{297.0, 210.0, 0.0}, {85.6, 54.0, 0.25}};
// A page found in a photo is taken for one of these when its sides are this close
// to that size's proportions.
constexpr double k_ratio_tolerance = 0.04;

} // namespace

double upright_page_dpi(cv::Size size, double photo_dpi) {
  const double long_side = std::max(size.width, size.height);
  const double short_side = std::max(1, std::min(size.width, size.height));
  for (const auto& paper : k_known_sizes) {
    const double ratio = paper.long_mm / paper.short_mm;
    if (std::abs(long_side / short_side / ratio - 1.0) > k_ratio_tolerance) {
      continue;
    }
    const double long_mm_at_photo_dpi = photo_dpi > 0 ? long_side / photo_dpi * 25.4 : 0;
    if (std::abs(long_mm_at_photo_dpi / paper.long_mm - 1.0) <= paper.trusted_within) {
      return photo_dpi;
    }
    return long_side / (paper.long_mm / 25.4);
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
