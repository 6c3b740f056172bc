#pragma once
// Telling a phone photo of a page from a flat scan, and finding the page in it.
// A photo shows the page as a bright quadrilateral with a darker background (a
// table) visible beyond all four of its sides; a flat scan fills the image, at
// most with dark scanner borders along some edges, and is left alone.
#include "perspective.hpp"

#include <opencv2/core.hpp>
#include <optional>

namespace sohoa::imaging {

struct PhotographedPage {
  Quad quad;               // in the pixels of the image searched
  double page_share = 0;   // of the image area
  double contrast = 0;     // paper minus background: the largest channel difference of their means
  double keystone_deg = 0; // largest departure of a corner angle from 90 degrees
  double side_support = 0; // weakest_side_support of the quad
};

// The share of the weakest of the quad's four sides along which the image steps
// across it, in any channel (the side lies on an edge of the image), 0-1. image:
// 8-bit grey or BGR, smoothed a little.
double weakest_side_support(const cv::Mat& image, const Quad& quad);

// image: BGR or grey, best at an analysis resolution (about 150 dpi). nullopt for a
// flat scan or when no page outline is clear enough to trust.
std::optional<PhotographedPage> find_photographed_page(const cv::Mat& image);

} // namespace sohoa::imaging
