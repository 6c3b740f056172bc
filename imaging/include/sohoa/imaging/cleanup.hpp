#pragma once
// Image cleanup with OpenCV: from a decoded scan to the image to archive and the
// image to read. Only this folder sees imgproc/photo; values in, values out.
#include "sohoa/core/page.hpp"
#include "sohoa/imaging/orientation.hpp"

namespace sohoa::imaging {

struct CleanupOptions {
  bool detect_orientation = true;  // 0/90/180/270
  bool deskew = true;              // residual under 0.2 degrees
  bool crop_borders = true;        // dark scanner borders
  double min_archival_dpi = 200;   // upsample the archived image below this
  bool suppress_red_seals = true;  // colour scans: red/pink seal ink is paper in ocr_image
  bool correct_perspective = true; // a phone photo of a page is warped upright first
  bool smooth_paper_grain = true;  // archival image: scan grain smoothed out of the paper
  // The smoothing is left to smooth_deferred_paper_grain (CleanPage::paper_grain_pending_at):
  // reading never sees it, so the page can be read first and its image smoothed while
  // the records are made.
  bool defer_paper_grain = false;
  // The image heuristic's quarter turn is applied only from this confidence on;
  // below it the page stays as scanned and the caller may ask Tesseract OSD.
  double min_orientation_confidence = 0.2;
};

// What clean_page measured, for logs and for a second opinion on orientation.
struct CleanupReport {
  OrientationEstimate orientation;    // the image heuristic's estimate
  bool orientation_applied = false;   // false when its confidence was too low
  bool skew_measured = false;         // false when the page had too little structure
  double analysis_dpi = 0;            // resolution the measurements were made at
  bool perspective_corrected = false; // the page was found in a photo and warped upright
  double keystone_deg = 0;            // the photo's worst corner angle off 90 degrees
};

// Orientation, deskew, border crop, illumination, denoise, binarization (red seals
// suppressed in the OCR image only), blank detection. Throws sohoa::Error
// (Stage::imaging) for images it cannot work on (empty, wrong type).
CleanPage clean_page(const RasterPage& page, const CleanupOptions& options = {});

// The same, also telling what was measured.
CleanPage clean_page(const RasterPage& page, const CleanupOptions& options, CleanupReport& report);

// Turn a cleaned page by a further quarter-turn multiple (clockwise), keeping
// archival, ocr_image and rotation consistent. Used when OCR's own orientation
// check disagrees with the image heuristics.
void rotate_clean_page(CleanPage& page, int clockwise_degrees);

// The paper grain smoothing clean_page deferred, done now: the same pixels it would
// have given (the smoothing applied as at cleanup, before any quarter turn since).
// Nothing when none is pending.
void smooth_deferred_paper_grain(CleanPage& page);

} // namespace sohoa::imaging
