#include "header_columns.hpp"
#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace sohoa::ocr {
namespace {

// The header starts in the top fifth of the page and ends within its top 40 %.
constexpr double k_header_start_limit = 0.20;
constexpr double k_search_depth = 0.40;
// The gutter lies in the middle half of the page (the columns are centred on
// about 30 % and 70 % of the width).
constexpr double k_gutter_zone_from = 0.25;
constexpr double k_gutter_zone_to = 0.75;
// Wider than a word space of 14 pt type (about 1.3 mm): a title crossing the
// middle leaves no strip this wide free.
constexpr double k_min_gutter_mm = 1.8;
// Rows of ink closer than this are one line (tone marks above capitals).
constexpr double k_line_join_mm = 0.4;
// A run of ink taller than this is no line of text (a photo, a card).
constexpr double k_max_line_mm = 12.0;
// A mark at least this tall is a line of text, not a rule or a speck.
constexpr double k_min_text_line_mm = 1.2;
// A line whose ink is centred this close to the page's middle (a share of the
// width), without a gutter of its own, is a title or body text: it ends the header.
constexpr double k_centred_tolerance = 0.10;
// A gap wider than this many line heights ends the header.
constexpr double k_max_gap_lines = 3.0;
// Rules: at most this thick, at least this long.
constexpr double k_rule_max_thickness_mm = 0.8;
constexpr double k_rule_min_length_mm = 5.0;

int mm_to_px(double mm, int ppi) {
  return std::max(1, static_cast<int>(std::lround(mm * ppi / 25.4)));
}

struct RowRun {
  int top = 0;
  int bottom = 0; // one past the last row
  int height() const { return bottom - top; }
};

// Runs of rows holding ink, rows closer than `join` apart taken as one.
std::vector<RowRun> ink_rows(const cv::Mat& ink, int join) {
  cv::Mat per_row;
  cv::reduce(ink, per_row, 1, cv::REDUCE_SUM, CV_32S);
  std::vector<RowRun> runs;
  for (int y = 0; y < per_row.rows; ++y) {
    // Two ink pixels in a row: a lone speck does not start a line.
    if (per_row.at<int>(y) < 2) {
      continue;
    }
    if (!runs.empty() && y - runs.back().bottom <= join) {
      runs.back().bottom = y + 1;
    } else {
      runs.push_back({y, y + 1});
    }
  }
  return runs;
}

// Per column of the page: does the run hold ink there?
std::vector<bool> ink_columns(const cv::Mat& ink, const RowRun& run) {
  cv::Mat per_column;
  cv::reduce(ink.rowRange(run.top, run.bottom), per_column, 0, cv::REDUCE_SUM, CV_32S);
  std::vector<bool> has(static_cast<std::size_t>(ink.cols));
  for (int x = 0; x < ink.cols; ++x) {
    has[static_cast<std::size_t>(x)] = per_column.at<int>(x) > 0;
  }
  return has;
}

struct Strip {
  int from = 0;
  int to = 0; // one past
  int width() const { return to - from; }
};

// The widest run of free columns within [from, to).
Strip widest_free(const std::vector<bool>& free, int from, int to) {
  Strip best;
  int start = -1;
  for (int x = from; x <= to; ++x) {
    const bool is_free = x < to && free[static_cast<std::size_t>(x)];
    if (is_free && start < 0) {
      start = x;
    } else if (!is_free && start >= 0) {
      if (x - start > best.width()) {
        best = {start, x};
      }
      start = -1;
    }
  }
  return best;
}

// One stretch of ink centred on the page: no gap of `min_gap` inside it.
bool centred_across(const std::vector<bool>& columns, int min_gap) {
  const auto first = std::find(columns.begin(), columns.end(), true);
  if (first == columns.end()) {
    return false;
  }
  const auto last = std::find(columns.rbegin(), columns.rend(), true).base();
  const auto from = static_cast<int>(first - columns.begin());
  const auto to = static_cast<int>(last - columns.begin());
  const double width = static_cast<double>(columns.size());
  if (std::abs((from + to) / 2.0 - width / 2) > k_centred_tolerance * width) {
    return false;
  }
  std::vector<bool> gaps(columns.size());
  for (int x = from; x < to; ++x) {
    gaps[static_cast<std::size_t>(x)] = !columns[static_cast<std::size_t>(x)];
  }
  return widest_free(gaps, from, to).width() < min_gap;
}

bool any_ink(const std::vector<bool>& columns, int from, int to) {
  return std::any_of(columns.begin() + from, columns.begin() + to, [](bool b) { return b; });
}

// Two columns of at least two lines each, side by side on some row: what
// Tesseract would join. A single stack of lines reads right as it is.
bool side_by_side(const std::vector<std::vector<bool>>& lines, const Strip& gutter) {
  int left_lines = 0;
  int right_lines = 0;
  int both = 0;
  for (const auto& columns : lines) {
    const bool left = any_ink(columns, 0, gutter.from);
    const bool right = any_ink(columns, gutter.to, static_cast<int>(columns.size()));
    left_lines += left ? 1 : 0;
    right_lines += right ? 1 : 0;
    both += left && right ? 1 : 0;
  }
  return left_lines >= 2 && right_lines >= 2 && both >= 1;
}

} // namespace

std::optional<HeaderColumns> find_header_columns(const cv::Mat& binary, int ppi) {
  if (binary.empty() || binary.type() != CV_8UC1 || ppi <= 0) {
    return std::nullopt;
  }
  const int search_rows = static_cast<int>(binary.rows * k_search_depth);
  if (search_rows < 1) {
    return std::nullopt;
  }
  cv::Mat ink;
  cv::threshold(binary.rowRange(0, search_rows), ink, 127, 1, cv::THRESH_BINARY_INV);
  const auto rows = ink_rows(ink, mm_to_px(k_line_join_mm, ppi));
  if (rows.empty() || rows.front().top > binary.rows * k_header_start_limit) {
    return std::nullopt;
  }
  const int zone_from = static_cast<int>(binary.cols * k_gutter_zone_from);
  const int zone_to = static_cast<int>(binary.cols * k_gutter_zone_to);
  const int min_gutter = mm_to_px(k_min_gutter_mm, ppi);
  const int max_line = mm_to_px(k_max_line_mm, ppi);
  const int min_text_line = mm_to_px(k_min_text_line_mm, ppi);

  std::vector<bool> free(static_cast<std::size_t>(binary.cols), true);
  std::vector<std::vector<bool>> header_lines; // ink columns of each text line taken
  int last_bottom = -1;
  int line_height_sum = 0;
  std::optional<int> band_bottom;
  for (const RowRun& run : rows) {
    if (run.height() > max_line) {
      if (header_lines.empty()) {
        return std::nullopt;
      }
      band_bottom = (last_bottom + run.top) / 2;
      break;
    }
    if (!header_lines.empty()) {
      const double mean_height = double(line_height_sum) / double(header_lines.size());
      if (run.top - last_bottom > k_max_gap_lines * mean_height) {
        band_bottom = (last_bottom + run.top) / 2;
        break;
      }
    }
    const auto columns = ink_columns(ink, run);
    std::vector<bool> still_free = free;
    for (int x = zone_from; x < zone_to; ++x) {
      still_free[static_cast<std::size_t>(x)] =
          free[static_cast<std::size_t>(x)] && !columns[static_cast<std::size_t>(x)];
    }
    if (widest_free(still_free, zone_from, zone_to).width() < min_gutter ||
        centred_across(columns, min_gutter)) {
      if (header_lines.empty()) {
        return std::nullopt;
      }
      band_bottom = (last_bottom + run.top) / 2;
      break;
    }
    free = std::move(still_free);
    last_bottom = run.bottom;
    if (run.height() >= min_text_line) {
      header_lines.push_back(columns);
      line_height_sum += run.height();
    }
  }
  if (!band_bottom) {
    return std::nullopt; // no line ends it: a page in columns, not a header
  }
  const Strip gutter = widest_free(free, zone_from, zone_to);
  if (!side_by_side(header_lines, gutter)) {
    return std::nullopt;
  }
  return HeaderColumns{*band_bottom, (gutter.from + gutter.to) / 2};
}

void whiten_rules(cv::Mat& binary, int ppi) {
  if (binary.empty() || binary.type() != CV_8UC1) {
    return;
  }
  cv::Mat ink;
  cv::threshold(binary, ink, 127, 255, cv::THRESH_BINARY_INV);
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  const int max_thickness = mm_to_px(k_rule_max_thickness_mm, ppi);
  const int min_length = mm_to_px(k_rule_min_length_mm, ppi);
  for (int i = 1; i < n; ++i) {
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH);
    const int h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    if (h <= max_thickness && w >= min_length) {
      const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP), w,
                         h);
      binary(box).setTo(255, labels(box) == i);
    }
  }
}

} // namespace sohoa::ocr
