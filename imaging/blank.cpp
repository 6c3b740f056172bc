#include "blank.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace sohoa::imaging {

namespace {

// Analysis resolution: characters stay separate, specks shrink.
constexpr double k_blank_dpi = 100;
// A glyph is at least this tall; specks and dust are smaller.
constexpr double k_min_glyph_mm = 1.0;
constexpr double k_max_glyph_mm = 30.0;
// Marks of this size in both directions are content on their own (seal, signature).
constexpr double k_large_mark_mm = 8.0;
// A text line: this many glyph-sized marks side by side.
constexpr int k_min_line_glyphs = 3;

struct Mark {
  double cx;
  double cy;
  double height;
};

} // namespace

bool is_blank(const cv::Mat& binary, double dpi) {
  CV_Assert(binary.type() == CV_8UC1);
  if (binary.rows < 4 || binary.cols < 4) {
    return true;
  }
  dpi = std::max(dpi, 1.0);
  cv::Mat ink;
  double scale = 1.0;
  if (dpi > k_blank_dpi * 1.2) {
    scale = k_blank_dpi / dpi;
    cv::Mat small;
    const cv::Size size(std::max(1, static_cast<int>(std::lround(binary.cols * scale))),
                        std::max(1, static_cast<int>(std::lround(binary.rows * scale))));
    cv::resize(binary, small, size, 0, 0, cv::INTER_AREA);
    ink = small < 200; // a thin stroke keeps about a third of a pixel
  } else {
    ink = binary == 0;
  }
  const double px_per_mm = dpi * scale / 25.4;
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  const double min_glyph = k_min_glyph_mm * px_per_mm;
  const double max_glyph = k_max_glyph_mm * px_per_mm;
  const double large_mark = k_large_mark_mm * px_per_mm;
  std::vector<Mark> marks;
  for (int i = 1; i < count; ++i) {
    const int x = stats.at<int>(i, cv::CC_STAT_LEFT);
    const int y = stats.at<int>(i, cv::CC_STAT_TOP);
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH);
    const int h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    if (x == 0 || y == 0 || x + w >= ink.cols || y + h >= ink.rows) {
      continue; // edge shadows and leftover border are not content
    }
    if (w >= large_mark && h >= large_mark) {
      return false;
    }
    if (h >= min_glyph && h <= max_glyph && w <= max_glyph) {
      marks.push_back(
          {centroids.at<double>(i, 0), centroids.at<double>(i, 1), static_cast<double>(h)});
    }
  }
  std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) { return a.cx < b.cx; });
  for (size_t i = 0; i < marks.size(); ++i) {
    int neighbours = 0;
    const double reach = 4.0 * marks[i].height;
    for (size_t j = i + 1; j < marks.size() && marks[j].cx - marks[i].cx <= reach; ++j) {
      const double tolerance = 0.5 * std::max(marks[i].height, marks[j].height);
      if (std::abs(marks[j].cy - marks[i].cy) <= tolerance) {
        ++neighbours;
      }
    }
    if (neighbours + 1 >= k_min_line_glyphs) {
      return false;
    }
  }
  return true;
}

} // namespace sohoa::imaging
