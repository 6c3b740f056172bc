#include "borders.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace sohoa::imaging {

namespace {

// A row or column belongs to the border when most of its scanned pixels are dark.
constexpr double k_border_fraction = 0.6;
// Never crop more than this share of a side: a dark photo is not a border.
constexpr double k_max_crop_share = 0.35;

struct Lines {
  cv::Mat dark;  // 1 where dark and scanned
  cv::Mat valid; // 1 where scanned
};

// Index of the first line, walking inward from one side, that is not border.
int walk(const cv::Mat& dark_sums, const cv::Mat& valid_sums, int from, int to, int step) {
  int i = from;
  for (; i != to; i += step) {
    const double scanned = valid_sums.at<float>(i);
    if (scanned < 1) {
      continue; // a line made entirely by the rotation fill
    }
    if (dark_sums.at<float>(i) / scanned < k_border_fraction) {
      break;
    }
  }
  return i;
}

} // namespace

cv::Rect find_content_rect(const cv::Mat& grey, const cv::Mat& valid, double paper_level) {
  CV_Assert(grey.type() == CV_8UC1);
  const cv::Rect whole(0, 0, grey.cols, grey.rows);
  if (grey.rows < 8 || grey.cols < 8 || paper_level < 60) {
    return whole; // too small, or no light paper to tell a border from
  }
  cv::Mat scanned;
  if (valid.empty()) {
    scanned = cv::Mat(grey.size(), CV_8UC1, cv::Scalar(1));
  } else {
    scanned = valid != 0;
    scanned /= 255;
  }
  cv::Mat dark = grey < std::max(50.0, 0.4 * paper_level);
  dark /= 255;
  dark &= scanned;

  cv::Rect rect = whole;
  // Two passes: the side margins are measured inside the top/bottom ones found
  // by the first pass and the other way round, so corner regions do not dilute them.
  for (int pass = 0; pass < 2; ++pass) {
    cv::Mat col_dark;
    cv::Mat col_valid;
    cv::reduce(dark.rowRange(rect.y, rect.y + rect.height), col_dark, 0, cv::REDUCE_SUM, CV_32F);
    cv::reduce(scanned.rowRange(rect.y, rect.y + rect.height), col_valid, 0, cv::REDUCE_SUM,
               CV_32F);
    const int left = walk(col_dark, col_valid, 0, grey.cols, 1);
    const int right = walk(col_dark, col_valid, grey.cols - 1, -1, -1);
    if (left >= right) {
      return whole;
    }
    cv::Mat row_dark;
    cv::Mat row_valid;
    cv::reduce(dark.colRange(left, right + 1), row_dark, 1, cv::REDUCE_SUM, CV_32F);
    cv::reduce(scanned.colRange(left, right + 1), row_valid, 1, cv::REDUCE_SUM, CV_32F);
    const int top = walk(row_dark, row_valid, 0, grey.rows, 1);
    const int bottom = walk(row_dark, row_valid, grey.rows - 1, -1, -1);
    if (top >= bottom) {
      return whole;
    }
    rect = cv::Rect(left, top, right - left + 1, bottom - top + 1);
  }
  // Step inside the soft edge between border and paper.
  const int inset = std::max(1, std::min(grey.cols, grey.rows) / 400);
  cv::Rect inner(rect.x + (rect.x > 0 ? inset : 0), rect.y + (rect.y > 0 ? inset : 0), 0, 0);
  const int right_edge = rect.x + rect.width - (rect.x + rect.width < grey.cols ? inset : 0);
  const int bottom_edge = rect.y + rect.height - (rect.y + rect.height < grey.rows ? inset : 0);
  inner.width = right_edge - inner.x;
  inner.height = bottom_edge - inner.y;
  if (inner.width < 1 || inner.height < 1) {
    return whole;
  }
  const double max_x = k_max_crop_share * grey.cols;
  const double max_y = k_max_crop_share * grey.rows;
  if (inner.x > max_x || grey.cols - (inner.x + inner.width) > max_x || inner.y > max_y ||
      grey.rows - (inner.y + inner.height) > max_y) {
    return whole;
  }
  return inner;
}

} // namespace sohoa::imaging
