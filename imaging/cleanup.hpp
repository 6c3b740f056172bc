#pragma once
// Image cleanup with OpenCV: from a decoded scan to the image to archive and the
// image to read. Only this folder sees imgproc/photo; values in, values out.
#include "core/page.hpp"

namespace sohoa::imaging {

struct CleanupOptions {
  bool detect_orientation = true;  // 0/90/180/270
  bool deskew = true;              // residual under 0.2 degrees
  bool crop_borders = true;        // dark scanner borders
  double min_archival_dpi = 200;   // upsample the archived image below this
};

// Orientation, deskew, border crop, illumination, denoise, binarization (red seals
// suppressed in the OCR image only), blank detection. Throws sohoa::Error
// (Stage::imaging) for images it cannot work on (empty, wrong type).
CleanPage clean_page(const RasterPage& page, const CleanupOptions& options = {});

// Turn a cleaned page by a further quarter-turn multiple (clockwise), keeping
// archival, ocr_image and rotation consistent. Used when OCR's own orientation
// check disagrees with the image heuristics.
void rotate_clean_page(CleanPage& page, int clockwise_degrees);

} // namespace sohoa::imaging
