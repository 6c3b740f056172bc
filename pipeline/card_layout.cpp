#include "card_layout.hpp"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace sohoa::pipeline {
namespace {

// Zone edges, in mm of the 85.6 x 54 mm card: the header ends above the photo
// (its top at 21.5 mm on every model); the photo column is about 24 mm wide; the
// expiry stands under the photo's bottom (45.5 mm).
constexpr double k_card_width_mm = 85.6;
constexpr double k_header_bottom_mm = 20.8;
constexpr double k_photo_column_right_mm = 23.5;
constexpr double k_expiry_top_mm = 46.0;

enum Zone { header = 0, column = 1, expiry = 2 };

int median_word_height(const OcrLine& line) {
  std::vector<int> heights;
  for (const auto& w : line.words) {
    heights.push_back(w.box.h);
  }
  if (heights.empty()) {
    return std::max(1, line.box.h);
  }
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  return std::max(1, heights[heights.size() / 2]);
}

// A word whose vertical centre jumps by more than 0.6 of the line's word height
// from the word before starts another row.
bool same_row(const Box& a, const Box& b, int height) {
  const int jump = std::abs((a.y + a.h / 2) - (b.y + b.h / 2));
  return jump * 10 <= height * 6;
}

OcrLine fragment_of(const OcrLine& line, std::vector<OcrWord> words) {
  OcrLine out;
  out.block = line.block;
  out.paragraph = line.paragraph;
  out.words = std::move(words);
  for (const auto& w : out.words) {
    out.box = unite(out.box, w.box);
  }
  const bool whole = out.words.size() == line.words.size();
  out.baseline = whole ? line.baseline : out.box.bottom();
  return out;
}

std::vector<OcrLine> rows_of(const OcrLine& line) {
  std::vector<OcrLine> rows;
  if (line.words.empty()) {
    return rows;
  }
  const int height = median_word_height(line);
  std::vector<OcrWord> current;
  for (const auto& w : line.words) {
    if (!current.empty() && !same_row(current.back().box, w.box, height)) {
      rows.push_back(fragment_of(line, std::move(current)));
      current.clear();
    }
    current.push_back(w);
  }
  rows.push_back(fragment_of(line, std::move(current)));
  return rows;
}

Zone zone_of(const OcrLine& row, double px_per_mm) {
  const double centre_y = (row.box.y + row.box.h / 2.0) / px_per_mm;
  const double left = row.box.x / px_per_mm;
  if (centre_y < k_header_bottom_mm) {
    return header;
  }
  if (left < k_photo_column_right_mm && centre_y > k_expiry_top_mm) {
    return expiry;
  }
  return column;
}

} // namespace

void order_card_zones(PageText& text, cv::Size card_size) {
  if (card_size.width <= 0 || text.lines.empty()) {
    return;
  }
  const double px_per_mm = card_size.width / k_card_width_mm;
  std::vector<OcrLine> zones[3];
  for (const auto& line : text.lines) {
    for (auto& row : rows_of(line)) {
      const Zone z = zone_of(row, px_per_mm);
      // Rows of one zone keep Tesseract's order; a row split off a line is a line.
      row.block = z;
      zones[z].push_back(std::move(row));
    }
  }
  text.lines.clear();
  // Paragraphs numbered anew in the new order: a zone never shares one.
  int paragraph = -1;
  for (auto& zone : zones) {
    int previous = -1;
    for (auto& row : zone) {
      if (row.paragraph != previous || previous < 0) {
        ++paragraph;
      }
      previous = row.paragraph;
      row.paragraph = paragraph;
      text.lines.push_back(std::move(row));
    }
  }
}

} // namespace sohoa::pipeline
