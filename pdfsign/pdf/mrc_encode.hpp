#pragma once
// The images of an MRC page: its ink masks (G4) over a background whose
// resolution and codec (JPEG 2000 or JPEG) are chosen by measuring. Private to
// sohoa::pdf.
#include "sohoa/pdf/pdfa_writer.hpp"

#include <opencv2/core.hpp>
#include <vector>

namespace sohoa::pdf {

// Splits an 8-bit grey or BGR page (CONTRACT.md section 7) and encodes it
// bottom first: the background, then one mask per ink colour. The background
// is the smallest candidate whose page, painted back, has an SSIM (per channel) of at
// least target_ssim against the page outside the ink; the lowest resolution
// (min_background_dpi), smoothed, is tried first; the page's own resolution,
// then without smoothing, only when it falls short.
std::vector<EncodedImage> encode_mrc_page(const cv::Mat& page, double dpi, double target_ssim,
                                          double min_background_dpi = 200);

} // namespace sohoa::pdf
