#include "paper_grain.hpp"
#include "grey.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace sohoa::imaging {

namespace {

// Rows are worked on in bands: the float buffers of a whole A4 page at 300 dpi
// would be the largest transients of cleanup.
constexpr int k_band_rows = 512;

double pixels_of(double mm, double dpi) {
  return mm * dpi / 25.4;
}

int odd_at_least_3(double pixels) {
  const int n = std::max(3, static_cast<int>(std::lround(pixels)));
  return n | 1;
}

// Erosion radius that keeps the smoothing kernel's bulk (2 sigma) on paper.
int smoothing_reach(double dpi) {
  return static_cast<int>(std::ceil(2 * pixels_of(k_grain_smoothing_mm, dpi)));
}

// paper_mask of a band of rows; valid away from the band's ends.
cv::Mat band_paper(const cv::Mat& band, double dpi) {
  cv::Mat probe;
  grey_of(band).convertTo(probe, CV_32F);
  cv::GaussianBlur(probe, probe, {0, 0}, pixels_of(k_grain_probe_mm, dpi));
  const int window = odd_at_least_3(pixels_of(k_paper_window_mm, dpi));
  cv::Mat mean;
  cv::Mat mean_sq;
  cv::boxFilter(probe, mean, CV_32F, {window, window});
  cv::boxFilter(probe.mul(probe), mean_sq, CV_32F, {window, window});
  cv::Mat variance = mean_sq - mean.mul(mean);
  // Bright is the window's darkest pixel: a thin stroke in a bright window is not paper.
  cv::Mat darkest;
  cv::erode(probe, darkest, cv::getStructuringElement(cv::MORPH_RECT, {window, window}));
  cv::Mat paper = (variance < k_max_paper_sd * k_max_paper_sd) & (darkest >= k_min_paper_luminance);
  if (band.channels() == 3) {
    std::vector<cv::Mat> bgr;
    cv::split(band, bgr);
    cv::Mat high = cv::max(cv::max(bgr[0], bgr[1]), bgr[2]);
    cv::Mat low = cv::min(cv::min(bgr[0], bgr[1]), bgr[2]);
    cv::Mat chroma = high - low;
    cv::Mat coloured;
    cv::dilate(chroma >= k_max_paper_chroma, coloured,
               cv::getStructuringElement(cv::MORPH_RECT, {window, window}));
    paper.setTo(0, coloured);
  }
  const int reach = smoothing_reach(dpi);
  if (reach > 0) {
    cv::erode(paper, paper,
              cv::getStructuringElement(cv::MORPH_RECT, {2 * reach + 1, 2 * reach + 1}), {-1, -1},
              1, cv::BORDER_CONSTANT, cv::Scalar(255));
  }
  return paper;
}

// Band margin: everything a pixel's decision or smoothing reads.
int band_margin(double dpi) {
  return odd_at_least_3(pixels_of(k_paper_window_mm, dpi)) +
         static_cast<int>(std::ceil(3 * pixels_of(k_grain_probe_mm, dpi))) +
         static_cast<int>(std::ceil(3 * pixels_of(k_grain_smoothing_mm, dpi))) +
         smoothing_reach(dpi) + 1;
}

template <typename Step> void for_each_band(const cv::Mat& image, double dpi, Step step) {
  const int margin = band_margin(dpi);
  for (int start = 0; start < image.rows; start += k_band_rows) {
    const cv::Range rows(start, std::min(image.rows, start + k_band_rows));
    const cv::Range padded(std::max(0, rows.start - margin),
                           std::min(image.rows, rows.end + margin));
    step(image.rowRange(padded), cv::Range(rows.start - padded.start, rows.end - padded.start),
         rows);
  }
}

void check(const cv::Mat& image, double dpi) {
  CV_Assert(image.type() == CV_8UC1 || image.type() == CV_8UC3);
  CV_Assert(dpi > 0);
}

} // namespace

cv::Mat paper_mask(const cv::Mat& image, double dpi) {
  check(image, dpi);
  cv::Mat out(image.size(), CV_8UC1);
  for_each_band(image, dpi, [&](const cv::Mat& padded, cv::Range inner, cv::Range rows) {
    band_paper(padded, dpi).rowRange(inner).copyTo(out.rowRange(rows));
  });
  return out;
}

cv::Mat smooth_paper_grain(const cv::Mat& image, double dpi) {
  check(image, dpi);
  cv::Mat out = image.clone();
  const double sigma = pixels_of(k_grain_smoothing_mm, dpi);
  for_each_band(image, dpi, [&](const cv::Mat& padded, cv::Range inner, cv::Range rows) {
    const cv::Mat paper = band_paper(padded, dpi);
    cv::Mat smooth;
    cv::GaussianBlur(padded, smooth, {0, 0}, sigma);
    cv::Mat target = out.rowRange(rows);
    smooth.rowRange(inner).copyTo(target, paper.rowRange(inner));
  });
  return out;
}

} // namespace sohoa::imaging
