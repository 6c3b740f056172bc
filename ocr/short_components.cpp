#include "short_components.hpp"
#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace sohoa::ocr {
namespace {

// Rows each band owns, at least: more rows per band, fewer passes over overlaps.
constexpr int k_min_band_rows = 256;

} // namespace

void for_each_short_component(int rows, const MaskRows& mask_rows, int max_height,
                              const std::function<void(const ShortComponent&)>& visit) {
  if (rows <= 0 || max_height < 1) {
    return;
  }
  // Band k owns the components whose top row lies in [start, start + stride). It
  // starts one row above that and reaches overlap rows below, so an owned component
  // of at most max_height rows lies inside it without touching its first or last
  // row; a band component touching neither (unless they are the mask's own edges)
  // cannot continue outside the band, so it is a component of the whole mask.
  const int stride = std::max(k_min_band_rows, 4 * max_height);
  const int overlap = max_height + 1;
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  for (int start = 0; start < rows; start += stride) {
    const int top = std::max(0, start - 1);
    const int bottom = std::min(rows, start + stride + overlap);
    const cv::Mat band = mask_rows(top, bottom);
    CV_Assert(band.type() == CV_8UC1 && band.rows == bottom - top);
    const int count = cv::connectedComponentsWithStats(band, labels, stats, centroids, 8, CV_32S);
    for (int i = 1; i < count; ++i) {
      const int y = top + stats.at<int>(i, cv::CC_STAT_TOP);
      const int h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
      const bool owned = y >= start && y < start + stride;
      const bool cut_below = bottom < rows && y + h >= bottom;
      if (h > max_height || !owned || cut_below) {
        continue;
      }
      const cv::Rect in_band(stats.at<int>(i, cv::CC_STAT_LEFT), y - top,
                             stats.at<int>(i, cv::CC_STAT_WIDTH), h);
      ShortComponent component;
      component.box = cv::Rect(in_band.x, y, in_band.width, h);
      component.area = stats.at<int>(i, cv::CC_STAT_AREA);
      component.pixels = [&labels, in_band, i] {
        cv::Mat own = labels(in_band) == i;
        return own;
      };
      visit(component);
    }
  }
}

void for_each_short_component(const cv::Mat& mask, int max_height,
                              const std::function<void(const ShortComponent&)>& visit) {
  CV_Assert(mask.empty() || mask.type() == CV_8UC1);
  for_each_short_component(
      mask.rows, [&mask](int top, int bottom) { return mask.rowRange(top, bottom); }, max_height,
      visit);
}

} // namespace sohoa::ocr
