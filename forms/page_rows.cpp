#include "page_rows.hpp"
#include "sohoa/core/ocr_line_metrics.hpp"
#include <algorithm>
#include <cstdlib>

namespace sohoa::forms {
namespace {

// Tesseract sometimes merges two rows of different columns into one line (a card's
// small print beside the main text): a word whose vertical centre jumps by more
// than 0.6 of the line height starts a new row, unless it still overlaps the
// word before by most of its height (a tall box from stacked tone marks or a
// smudge moves the centre without leaving the row).
bool same_row(const Box& a, const Box& b, int line_h) {
  const int jump = std::abs((a.y + a.h / 2) - (b.y + b.h / 2));
  const int overlap = std::min(a.bottom(), b.bottom()) - std::max(a.y, b.y);
  return jump * 10 <= line_h * 6 || overlap * 10 >= std::min(a.h, b.h) * 7;
}

std::vector<OcrLine> split_rows(const OcrLine& line) {
  if (line.words.size() < 2) {
    return {line};
  }
  const int h = median_word_height(line);
  std::vector<OcrLine> rows;
  OcrLine current = line;
  current.words.clear();
  current.box = {};
  for (const auto& w : line.words) {
    if (!current.words.empty() && !same_row(current.words.back().box, w.box, h)) {
      rows.push_back(current);
      current.words.clear();
      current.box = {};
    }
    current.words.push_back(w);
    current.box = unite(current.box, w.box);
  }
  rows.push_back(current);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const OcrLine& a, const OcrLine& b) { return a.box.y < b.box.y; });
  return rows;
}

int overlap_area(const Box& a, const Box& b) {
  const int w = std::min(a.right(), b.right()) - std::max(a.x, b.x);
  const int h = std::min(a.bottom(), b.bottom()) - std::max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

// Two words on most of one place of the paper are one word read twice (a line
// re-read on its own comes back as a line of its own: "Minh" and "wiinh" at the
// same spot): a value would hold it twice ("tỉnh Thanh Hóa Hóa").
bool same_place(const Box& a, const Box& b) {
  const int smaller = std::min(a.w * a.h, b.w * b.h);
  const bool alike_size = a.h * 10 >= b.h * 6 && b.h * 10 >= a.h * 6;
  return smaller > 0 && alike_size && overlap_area(a, b) * 10 >= smaller * 6;
}

// The surer reading of each word read twice is kept where the first one stood.
void drop_repeated_words(std::vector<OcrLine>& rows) {
  std::vector<std::pair<std::size_t, std::size_t>> kept; // (row, word)
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto& words = rows[r].words;
    for (std::size_t i = 0; i < words.size();) {
      const auto first = std::find_if(kept.begin(), kept.end(), [&](const auto& k) {
        return k.first != r && same_place(rows[k.first].words[k.second].box, words[i].box);
      });
      if (first == kept.end()) {
        kept.emplace_back(r, i++);
        continue;
      }
      OcrWord& earlier = rows[first->first].words[first->second];
      if (words[i].confidence > earlier.confidence) {
        earlier.text = words[i].text;
        earlier.confidence = words[i].confidence;
        earlier.other_reading = words[i].other_reading;
      }
      words.erase(words.begin() + static_cast<std::ptrdiff_t>(i));
    }
    rows[r].box = {};
    for (const auto& w : words) {
      rows[r].box = unite(rows[r].box, w.box);
    }
  }
  std::erase_if(rows, [](const OcrLine& row) { return row.words.empty(); });
}

} // namespace

std::vector<OcrLine> page_rows(const PageText& page) {
  std::vector<OcrLine> out;
  for (const auto& line : page.lines) {
    for (auto& row : split_rows(line)) {
      out.push_back(std::move(row));
    }
  }
  drop_repeated_words(out);
  return out;
}

} // namespace sohoa::forms
