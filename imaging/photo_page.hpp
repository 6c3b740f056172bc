#pragma once
// A phone photo of a page made into a scan-like image: the page found, warped to
// an upright rectangle and given the resolution its paper size implies.
#include "sohoa/core/page.hpp"

#include <opencv2/core.hpp>
#include <optional>

namespace sohoa::imaging {

struct StraightenedPage {
  cv::Mat pixels;
  double dpi = 0;
  double keystone_deg = 0; // what was corrected, for the report
};

// small: source reduced to an analysis resolution (same aspect). nullopt when the
// image is not a photo of a page (a flat scan): the caller keeps it as it is.
std::optional<StraightenedPage> straighten_photographed_page(const cv::Mat& source,
                                                             const cv::Mat& small, ColourKind kind,
                                                             double dpi);

// The resolution of an upright page of size pixels: an A4 sheet's or an ID card's
// from its long side, when it has their proportions (for a card, unless the
// photo's own resolution already makes it card-sized); else the photo's own.
double upright_page_dpi(cv::Size size, double photo_dpi);

} // namespace sohoa::imaging
