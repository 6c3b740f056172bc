#include "text_scale.hpp"
#include "short_components.hpp"
#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace sohoa::ocr {
namespace {

// Below this median glyph height the page is enlarged (pixels).
constexpr double k_small_glyphs = 17.0;
// Fewer glyph-like components than this say nothing about the print size.
constexpr std::size_t k_min_glyphs = 40;
// Taller components are rules, lines or pictures, not glyphs.
constexpr int k_max_glyph_height = 120;

Box scaled(const Box& b, int factor) {
  return {b.x / factor, b.y / factor, (b.w + factor - 1) / factor, (b.h + factor - 1) / factor};
}

} // namespace

double median_glyph_height(const cv::Mat& binary) {
  if (binary.empty() || binary.type() != CV_8UC1) {
    return 0;
  }
  // Band by band: no ink mask or 32-bit labels of the whole page (short_components.hpp).
  const MaskRows ink_rows = [&binary](int top, int bottom) {
    cv::Mat ink;
    cv::threshold(binary.rowRange(top, bottom), ink, 127, 255, cv::THRESH_BINARY_INV);
    return ink;
  };
  std::vector<int> heights;
  for_each_short_component(binary.rows, ink_rows, k_max_glyph_height,
                           [&heights](const ShortComponent& c) {
                             const int w = c.box.width;
                             const int h = c.box.height;
                             // Glyphs: neither specks nor rules, lines or pictures.
                             if (h >= 5 && w >= 2 && w <= 3 * h) {
                               heights.push_back(h);
                             }
                           });
  if (heights.size() < k_min_glyphs) {
    return 0;
  }
  auto middle = heights.begin() + static_cast<std::ptrdiff_t>(heights.size() / 2);
  std::nth_element(heights.begin(), middle, heights.end());
  return *middle;
}

int upscale_factor_for(double median_glyph_height) {
  if (median_glyph_height <= 0 || median_glyph_height >= k_small_glyphs) {
    return 1;
  }
  return median_glyph_height * 3 < k_small_glyphs * 2 ? 3 : 2;
}

void scale_down(PageText& page, int factor, int width, int height) {
  page.width = width;
  page.height = height;
  if (factor <= 1) {
    return;
  }
  for (auto& line : page.lines) {
    line.box = scaled(line.box, factor);
    line.baseline /= factor;
    for (auto& word : line.words) {
      word.box = scaled(word.box, factor);
    }
  }
}

cv::Rect ink_area(const cv::Mat& binary, int margin) {
  const cv::Rect whole(0, 0, binary.cols, binary.rows);
  if (binary.empty() || binary.type() != CV_8UC1) {
    return whole;
  }
  const cv::Rect ink = cv::boundingRect(binary < 128);
  if (ink.empty()) {
    return whole;
  }
  return cv::Rect(ink.x - margin, ink.y - margin, ink.width + 2 * margin, ink.height + 2 * margin) &
         whole;
}

void move_to_page(PageText& page, cv::Point origin, int width, int height) {
  page.width = width;
  page.height = height;
  if (origin == cv::Point()) {
    return;
  }
  for (auto& line : page.lines) {
    line.box.x += origin.x;
    line.box.y += origin.y;
    line.baseline += origin.y;
    for (auto& word : line.words) {
      word.box.x += origin.x;
      word.box.y += origin.y;
    }
  }
}

} // namespace sohoa::ocr
