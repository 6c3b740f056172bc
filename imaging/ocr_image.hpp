#pragma once
// The image OCR reads: even illumination, light denoising, Sauvola binarization,
// red seals turned into paper, specks and dotted leaders removed. Same geometry as
// the archival image.
#include "sohoa/core/page.hpp"

#include <opencv2/core.hpp>

namespace sohoa::imaging {

// archival: CV_8UC3 (colour) or CV_8UC1 (grey, bitonal), as kind says.
// Returns CV_8UC1, 0 = ink, 255 = paper.
cv::Mat make_ocr_image(const cv::Mat& archival, ColourKind kind, double dpi,
                       bool suppress_red_seals);

// Largest ink blob, in pixels, still taken for a scanner speck at this resolution.
int speck_area_for_dpi(double dpi);

} // namespace sohoa::imaging
