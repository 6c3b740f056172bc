#pragma once
// Mixed raster content: a page split into full-resolution bitonal ink masks,
// each with one flat colour, over a smoothed lower-resolution background from
// which the ink was lifted. The PDF writer draws them; public for its tests.
#include <opencv2/core.hpp>
#include <vector>

namespace sohoa::pdf {

struct InkMask {
  cv::Mat mask;     // CV_8UC1, page size: 0 = ink of this colour, 255 = elsewhere
  cv::Vec3b colour; // BGR the mask is filled with
};

struct MrcLayers {
  cv::Mat background; // CV_8UC3 or CV_8UC1 (as the page), at background_dpi
  double background_dpi = 0;
  std::vector<InkMask> masks; // disjoint; empty when the page holds no text-like ink
};

struct MrcOptions {
  double background_dpi = 200; // never below: CONTRACT.md section 7
  // Gaussian sigma (background pixels) smoothing paper grain and scanner noise
  // out of the background; 0 keeps them, for pages whose look is that texture.
  double background_smoothing = 0.7;
};

// Splits an 8-bit grey or BGR page scanned at dpi. Dark, thin, neutral or blue
// ink goes into the masks; saturated red (seals), photographs and other
// continuous-tone regions stay in the background in colour.
MrcLayers split_mrc(const cv::Mat& page, double dpi, const MrcOptions& options = {});

// Paints the layers back at page size: what a PDF reader shows.
cv::Mat compose_mrc(const MrcLayers& layers, cv::Size page_size);

} // namespace sohoa::pdf
