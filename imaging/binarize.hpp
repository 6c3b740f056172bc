#pragma once
// Adaptive binarization for OCR. OpenCV 4.6 core has no Sauvola, so it is done here
// with integral images, strip by strip to keep memory small on A4 scans.
#include <opencv2/core.hpp>

namespace sohoa::imaging {

struct SauvolaParams {
  int window = 31;    // side of the square neighbourhood, pixels (made odd)
  double k = 0.2;     // sensitivity: larger drops more faint ink (0.34 loses faded type)
  double range = 128; // dynamic range of the standard deviation (R)
};

// Window side for a resolution: about 2.5 mm, enough to span a character.
int sauvola_window_for_dpi(double dpi);

// CV_8UC1 grey in, CV_8UC1 out: 0 = ink, 255 = paper.
cv::Mat sauvola_binarize(const cv::Mat& grey, const SauvolaParams& params = {});

// Turns ink components of at most max_area pixels into paper (scanner specks).
void remove_specks(cv::Mat& binary, int max_area);

} // namespace sohoa::imaging
