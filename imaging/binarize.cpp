#include "binarize.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace sohoa::imaging {

namespace {
// Rows per strip: the integral images of one strip stay a few megabytes.
constexpr int k_strip_rows = 128;
} // namespace

int sauvola_window_for_dpi(double dpi) {
  int window = static_cast<int>(std::lround(dpi * 2.5 / 25.4));
  window = std::max(window, 7);
  return window | 1;
}

cv::Mat sauvola_binarize(const cv::Mat& grey, const SauvolaParams& params) {
  CV_Assert(grey.type() == CV_8UC1);
  cv::Mat out(grey.size(), CV_8UC1, cv::Scalar(255));
  if (grey.empty()) {
    return out;
  }
  const int half = std::max(params.window, 3) / 2;
  const int cols = grey.cols;
  // Ink when p <= m * (1 + k * (s / R - 1)), that is p - m * (1 - k) <= (m * k / R) * s:
  // squared on both sides when the left is positive, so no square root per pixel.
  const double k = std::clamp(params.k, 0.01, 0.99);
  const double slope = k / params.range;

  // Clamped window columns and their reciprocal widths, shared by every row.
  std::vector<int> x0(static_cast<size_t>(cols));
  std::vector<int> x1(static_cast<size_t>(cols));
  std::vector<double> inv_width(static_cast<size_t>(cols));
  for (int x = 0; x < cols; ++x) {
    const size_t i = static_cast<size_t>(x);
    x0[i] = std::max(0, x - half);
    x1[i] = std::min(cols, x + half + 1);
    inv_width[i] = 1.0 / (x1[i] - x0[i]);
  }

  cv::Mat sum;
  cv::Mat sqsum;
  for (int strip = 0; strip < grey.rows; strip += k_strip_rows) {
    const int strip_end = std::min(grey.rows, strip + k_strip_rows);
    const int top = std::max(0, strip - half);
    const int bottom = std::min(grey.rows, strip_end + half);
    cv::integral(grey.rowRange(top, bottom), sum, sqsum, CV_64F, CV_64F);
    for (int y = strip; y < strip_end; ++y) {
      const int ya = std::max(0, y - half) - top;
      const int yb = std::min(grey.rows, y + half + 1) - top;
      const double* s_a = sum.ptr<double>(ya);
      const double* s_b = sum.ptr<double>(yb);
      const double* q_a = sqsum.ptr<double>(ya);
      const double* q_b = sqsum.ptr<double>(yb);
      const uchar* src = grey.ptr<uchar>(y);
      uchar* dst = out.ptr<uchar>(y);
      const double inv_height = 1.0 / (yb - ya);
      for (int x = 0; x < cols; ++x) {
        const size_t i = static_cast<size_t>(x);
        const int xa = x0[i];
        const int xb = x1[i];
        const double inv_n = inv_height * inv_width[i];
        const double mean = (s_b[xb] - s_b[xa] - s_a[xb] + s_a[xa]) * inv_n;
        const double lhs = src[x] - mean * (1.0 - k);
        if (lhs <= 0) {
          dst[x] = 0;
          continue;
        }
        const double var = (q_b[xb] - q_b[xa] - q_a[xb] + q_a[xa]) * inv_n - mean * mean;
        const double rhs = mean * slope;
        if (lhs * lhs <= rhs * rhs * var) {
          dst[x] = 0;
        }
      }
    }
  }
  return out;
}

void remove_specks(cv::Mat& binary, int max_area) {
  CV_Assert(binary.type() == CV_8UC1);
  if (binary.empty() || max_area <= 0) {
    return;
  }
  cv::Mat ink = binary == 0;
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  std::vector<uchar> speck(static_cast<size_t>(count), 0);
  bool any = false;
  for (int i = 1; i < count; ++i) {
    if (stats.at<int>(i, cv::CC_STAT_AREA) <= max_area) {
      speck[static_cast<size_t>(i)] = 1;
      any = true;
    }
  }
  if (!any) {
    return;
  }
  for (int y = 0; y < binary.rows; ++y) {
    const int* label = labels.ptr<int>(y);
    uchar* dst = binary.ptr<uchar>(y);
    for (int x = 0; x < binary.cols; ++x) {
      if (label[x] != 0 && speck[static_cast<size_t>(label[x])] != 0) {
        dst[x] = 255;
      }
    }
  }
}

} // namespace sohoa::imaging
