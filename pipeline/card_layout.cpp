#include "card_layout.hpp"
#include "sohoa/core/ocr_line_metrics.hpp"

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
// What Tesseract reads in the portrait (and the emblem above it) is noise: low
// confidence marks. Rows there below this confidence are dropped.
constexpr double k_min_photo_row_confidence = 0.6;
// In the expiry's band, a word starting at the field column's left edge (within
// this of the photo column's right) after a gap of k_column_gap_mm (more than a
// space of 4-5 pt print) is the field column's.
constexpr double k_column_edge_band_mm = 3.0;
constexpr double k_column_gap_mm = 1.4;

enum Zone { header = 0, expiry = 1, column = 2 };

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

struct CardFrame {
  cv::Point origin;
  double px_per_mm = 1;
  double x_mm(int x) const { return (x - origin.x) / px_per_mm; }
  double y_mm(double y) const { return (y - origin.y) / px_per_mm; }
};

Zone zone_of(const OcrLine& row, const CardFrame& frame) {
  const double centre_y = frame.y_mm(row.box.y + row.box.h / 2.0);
  if (centre_y < k_header_bottom_mm) {
    return header;
  }
  if (frame.x_mm(row.box.x) < k_photo_column_right_mm && centre_y > k_expiry_top_mm) {
    return expiry;
  }
  return column;
}

bool on_photo(const OcrLine& row, const CardFrame& frame) {
  return frame.x_mm(row.box.right()) < k_photo_column_right_mm &&
         frame.y_mm(row.box.y) > k_header_bottom_mm &&
         frame.y_mm(row.box.bottom()) < k_expiry_top_mm;
}

bool photo_noise(const OcrLine& row, const CardFrame& frame) {
  if (!on_photo(row, frame) || row.words.empty()) {
    return false;
  }
  double sum = 0;
  for (const auto& w : row.words) {
    sum += w.confidence;
  }
  return sum / static_cast<double>(row.words.size()) < k_min_photo_row_confidence;
}

// A row of the expiry's band that runs on into the field column (the date, then
// the last line of the residence beside it) is cut where the column starts.
std::vector<OcrLine> split_at_column(OcrLine row, const CardFrame& frame) {
  if (zone_of(row, frame) != expiry) {
    return {std::move(row)};
  }
  for (std::size_t i = 1; i < row.words.size(); ++i) {
    const Box& before = row.words[i - 1].box;
    const Box& word = row.words[i].box;
    const double gap = (word.x - before.right()) / frame.px_per_mm;
    const double x = frame.x_mm(word.x);
    const bool at_column_edge =
        x >= k_photo_column_right_mm && x <= k_photo_column_right_mm + k_column_edge_band_mm;
    if (at_column_edge && gap >= k_column_gap_mm) {
      std::vector<OcrWord> left(row.words.begin(), row.words.begin() + static_cast<long>(i));
      std::vector<OcrWord> right(row.words.begin() + static_cast<long>(i), row.words.end());
      return {fragment_of(row, std::move(left)), fragment_of(row, std::move(right))};
    }
  }
  return {std::move(row)};
}

} // namespace

void order_card_zones(PageText& text, const cv::Rect& card) {
  if (card.width <= 0 || text.lines.empty()) {
    return;
  }
  const CardFrame frame{card.tl(), card.width / k_card_width_mm};
  std::vector<OcrLine> zones[3];
  for (const auto& line : text.lines) {
    for (auto& row : rows_of(line)) {
      for (auto& part : split_at_column(std::move(row), frame)) {
        if (photo_noise(part, frame)) {
          continue;
        }
        // Rows of one zone keep Tesseract's order and blocks (the text layer sizes
        // its fonts per block); a row split off a line is a line.
        zones[zone_of(part, frame)].push_back(std::move(part));
      }
    }
  }
  text.lines.clear();
  // Column by column where the expiry stands beside the fields' last rows (the
  // 2016 face), top to bottom where it lies under them: the order a geometric
  // reading (pdftotext's of the text layer) gives, so record and PDF agree.
  int column_bottom = 0;
  for (const auto& row : zones[column]) {
    column_bottom = std::max(column_bottom, row.box.y + row.box.h / 2);
  }
  const bool expiry_beside =
      std::any_of(zones[expiry].begin(), zones[expiry].end(),
                  [&](const OcrLine& row) { return row.box.y < column_bottom; });
  const Zone order_beside[] = {header, expiry, column};
  const Zone order_under[] = {header, column, expiry};
  // Paragraphs numbered anew in the new order: a zone never shares one.
  int paragraph = -1;
  for (const Zone z : expiry_beside ? order_beside : order_under) {
    int previous = -1;
    for (auto& row : zones[z]) {
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
