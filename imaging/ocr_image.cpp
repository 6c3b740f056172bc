#include "ocr_image.hpp"

#include "binarize.hpp"
#include "illumination.hpp"
#include "leader_dots.hpp"
#include "seal.hpp"
#include "stroke_width.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace sohoa::imaging {

namespace {
// A 3x3 median would eat one-pixel strokes below this resolution.
constexpr double k_median_min_dpi = 250;
} // namespace

int speck_area_for_dpi(double dpi) {
  const double scale = dpi / 300.0;
  return std::max(1, static_cast<int>(std::lround(4.0 * scale * scale)));
}

cv::Mat make_ocr_image(const cv::Mat& archival, ColourKind kind, double dpi,
                       bool suppress_red_seals) {
  if (archival.empty()) {
    return {};
  }
  cv::Mat ocr;
  bool despeckled = false;
  if (kind == ColourKind::bitonal) {
    ocr = archival.clone();
  } else {
    cv::Mat grey;
    if (archival.channels() == 3) {
      cv::cvtColor(archival, grey, cv::COLOR_BGR2GRAY);
    } else {
      grey = archival;
    }
    cv::Mat flat = flatten_illumination(grey, dpi);
    if (dpi >= k_median_min_dpi && flat.rows >= 3 && flat.cols >= 3) {
      // Also the speck removal: no blob of up to 2x2 pixels survives a 3x3 median.
      cv::medianBlur(flat, flat, 3);
      despeckled = true;
    }
    SauvolaParams params;
    params.window = sauvola_window_for_dpi(dpi);
    ocr = sauvola_binarize(flat, params);
    if (suppress_red_seals && archival.channels() == 3) {
      ocr.setTo(255, red_seal_mask(archival, dpi));
    }
  }
  // Thick strokes (a copy of a copy) come with larger toner specks.
  const int speck_area =
      std::max(speck_area_for_dpi(dpi), speck_area_for_strokes(typical_stroke_width(ocr), dpi));
  if (!despeckled || speck_area > speck_area_for_dpi(dpi)) {
    remove_specks(ocr, speck_area);
  }
  remove_leader_dots(ocr, dpi);
  return ocr;
}

} // namespace sohoa::imaging
