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

float mean_confidence(const OcrLine& row) {
  float sum = 0;
  for (const auto& w : row.words) {
    sum += w.confidence;
  }
  return row.words.empty() ? 0 : sum / static_cast<float>(row.words.size());
}

// A word read twice is kept once: in the row read the surer (a fragment row of
// marks around it is the worse reading of the place, and Tesseract may put it
// anywhere in its order), with the surer of its two readings.
void drop_repeated_words(std::vector<OcrLine>& rows) {
  std::vector<float> row_confidence;
  std::vector<std::vector<char>> dropped;
  for (const auto& row : rows) {
    row_confidence.push_back(mean_confidence(row));
    dropped.emplace_back(row.words.size(), 0);
  }
  std::vector<std::pair<std::size_t, std::size_t>> kept; // (row, word)
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t i = 0; i < rows[r].words.size(); ++i) {
      OcrWord& word = rows[r].words[i];
      const auto twin = std::find_if(kept.begin(), kept.end(), [&](const auto& k) {
        return k.first != r && dropped[k.first][k.second] == 0 &&
               same_place(rows[k.first].words[k.second].box, word.box);
      });
      if (twin == kept.end()) {
        kept.emplace_back(r, i);
        continue;
      }
      OcrWord& earlier = rows[twin->first].words[twin->second];
      OcrWord& surer = word.confidence > earlier.confidence ? word : earlier;
      const bool keep_here = row_confidence[r] > row_confidence[twin->first];
      OcrWord& keeper = keep_here ? word : earlier;
      keeper.text = surer.text;
      keeper.other_reading = surer.other_reading;
      keeper.confidence = surer.confidence;
      if (keep_here) {
        dropped[twin->first][twin->second] = 1;
        kept.emplace_back(r, i);
      } else {
        dropped[r][i] = 1;
      }
    }
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto& words = rows[r].words;
    std::size_t i = 0;
    std::erase_if(words, [&](const OcrWord&) { return dropped[r][i++] != 0; });
    rows[r].box = {};
    for (const auto& w : words) {
      rows[r].box = unite(rows[r].box, w.box);
    }
  }
  std::erase_if(rows, [](const OcrLine& row) { return row.words.empty(); });
}

// Tesseract sometimes ends a line at a wider space and reads the rest of the row
// as a line of its own, listed after the rows below ("tên người mẹ: Nguyễn Thanh"
// then, later, "Ngân"): a row starting within a word height of another's end, on
// the same height, is the rest of it. A gap wider than that is another column.
bool rest_of_row(const OcrLine& row, const OcrLine& rest) {
  const int h = median_word_height(row);
  const int gap = rest.box.x - row.box.right();
  const bool alike_height = rest.box.h * 10 >= row.box.h * 6 && row.box.h * 10 >= rest.box.h * 6;
  return h > 0 && gap >= 0 && gap <= h && alike_height && same_row(row.box, rest.box, h);
}

void join_rests_of_rows(std::vector<OcrLine>& rows) {
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t s = r + 1; s < rows.size(); ++s) {
      if (rows[r].words.empty() || rows[s].words.empty() || !rest_of_row(rows[r], rows[s])) {
        continue;
      }
      rows[r].words.insert(rows[r].words.end(), rows[s].words.begin(), rows[s].words.end());
      rows[r].box = unite(rows[r].box, rows[s].box);
      rows[s].words.clear();
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
  join_rests_of_rows(out);
  return out;
}

} // namespace sohoa::forms
