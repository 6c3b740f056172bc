#pragma once
// The images of an MRC page: its ink masks (G4) over a background (JPEG 2000
// or JPEG, whichever is smaller at the quality measured) and, where the
// background's resolution would blur what the page shows (guilloche, photos),
// patches at the page's resolution. Private to sohoa::pdf.
#include "sohoa/pdf/pdfa_writer.hpp"

#include <opencv2/core.hpp>
#include <vector>

namespace sohoa::pdf {

struct MrcEncodeOptions {
  // SSIM (per channel, outside the ink) a JPEG 2000 background must keep to
  // replace the JPEG one; the JPEG's own SSIM when that is lower.
  double target_ssim = 0.93;
  int background_jpeg_quality = 50; // the JPEG background, and the cap on its size
  double min_background_dpi = 200;  // CONTRACT.md section 7
  // False: the JPEG background as it is, neither scored nor raced by JPEG 2000.
  bool try_jpx = true;
};

// Splits an 8-bit grey or BGR page (CONTRACT.md section 7) and encodes it
// bottom first: the background, its detail patches (placed), then one mask per
// ink colour.
std::vector<EncodedImage> encode_mrc_page(const cv::Mat& page, double dpi,
                                          const MrcEncodeOptions& options = {});

} // namespace sohoa::pdf
