#include "split_labels.hpp"
#include "sohoa/core/ocr_line_metrics.hpp"
#include <algorithm>

namespace sohoa::forms {
namespace {

// The row below continues the row above: close under it (a wrapped label leaves
// no blank row) and starting at or right of the head's start, give or take a
// glyph (a cell's text is left aligned).
bool wraps_onto(const OcrLine& upper, const OcrLine& lower, int head_x) {
  const int h = median_word_height(upper);
  const int gap = lower.box.y - upper.box.bottom();
  return !lower.words.empty() && lower.box.y >= upper.box.y && gap < h &&
         lower.words.front().box.x >= head_x - 2 * h;
}

OcrLine words_from(const OcrLine& line, int from) {
  OcrLine out = line;
  out.words.assign(line.words.begin() + from, line.words.end());
  out.box = {};
  for (const auto& w : out.words) {
    out.box = unite(out.box, w.box);
  }
  return out;
}

// Where a split label's head may start on the upper row: at its last label when
// that label is not closed by a colon (it may be the head of a longer one), else
// right after it; at the row's start when it holds no label.
int head_start(const std::vector<LabelHit>& hits) {
  if (hits.empty()) {
    return 0;
  }
  const LabelHit& last = hits.back();
  if (last.pattern->role != LabelRole::field) {
    return last.last_word + 1;
  }
  return last.colon ? last.last_word + 1 : last.first_word;
}

// Moves words [head, end) of rows[l] and every word of the rows between to the
// start of rows[last], their boxes recomputed.
void move_down(std::vector<OcrLine>& rows, std::size_t l, int head, std::size_t last) {
  std::vector<OcrWord> moved(rows[l].words.begin() + head, rows[l].words.end());
  rows[l].words.resize(static_cast<std::size_t>(head));
  for (std::size_t k = l + 1; k < last; ++k) {
    moved.insert(moved.end(), rows[k].words.begin(), rows[k].words.end());
    rows[k].words.clear();
  }
  rows[last].words.insert(rows[last].words.begin(), moved.begin(), moved.end());
  for (std::size_t k = l; k <= last; ++k) {
    rows[k].box = {};
    for (const auto& w : rows[k].words) {
      rows[k].box = unite(rows[k].box, w.box);
    }
  }
}

} // namespace

int join_split_labels(std::vector<OcrLine>& rows, const std::vector<LabelPattern>& patterns) {
  // A label wraps over at most three rows ("Nơi thường trú / Place" / "of" /
  // "residence:" in a narrow card column).
  constexpr std::size_t k_max_rows = 3;
  int joined = 0;
  for (std::size_t l = 0; l + 1 < rows.size(); ++l) {
    if (rows[l].words.empty()) {
      continue;
    }
    const std::vector<LabelHit> upper_hits = find_labels(rows[l], patterns, false);
    int head = head_start(upper_hits);
    while (head > 0 && is_numbering(rows[l].words[head - 1].text)) {
      --head; // "9." goes down with its label
    }
    const int n_head = static_cast<int>(rows[l].words.size()) - head;
    if (n_head <= 0) {
      continue;
    }
    OcrLine merged = words_from(rows[l], head);
    int lead = 0; // the label's numbering before it
    while (lead < n_head && is_numbering(merged.words[lead].text)) {
      ++lead;
    }
    const int head_x = rows[l].words[head].box.x;
    int before_last = n_head; // words of the merged rows above the last one
    for (std::size_t last = l + 1; last < rows.size() && last < l + k_max_rows; ++last) {
      const OcrLine& lower = rows[last];
      if (!wraps_onto(rows[last - 1], lower, head_x)) {
        break;
      }
      // A row starting with a label of its own keeps it: the rows above end in a
      // value or a label of their own.
      const std::vector<LabelHit> lower_hits = find_labels(lower, patterns, false);
      if (!lower_hits.empty() && lower_hits.front().first_word == 0) {
        break;
      }
      merged.words.insert(merged.words.end(), lower.words.begin(), lower.words.end());
      const std::vector<LabelHit> hits = find_labels(merged, patterns, false);
      const bool crossing = std::any_of(hits.begin(), hits.end(), [&](const LabelHit& h) {
        return h.first_word == lead && h.last_word >= before_last && h.colon &&
               h.pattern->role == LabelRole::field;
      });
      if (crossing) {
        move_down(rows, l, head, last);
        ++joined;
        break;
      }
      before_last = static_cast<int>(merged.words.size());
    }
  }
  return joined;
}

} // namespace sohoa::forms
