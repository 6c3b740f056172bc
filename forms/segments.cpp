#include "segments.hpp"
#include "text_fold.hpp"
#include <algorithm>

namespace sohoa::forms {

float Segment::confidence() const {
  if (words.empty()) {
    return 0;
  }
  float sum = 0;
  for (const OcrWord* w : words) {
    sum += w->confidence;
  }
  return sum / static_cast<float>(words.size());
}

namespace {

// The national motto ("CỘNG HÒA XÃ HỘI ...") heads a column of its own, even
// when OCR reads it on one line with the agency block, without a gap.
bool starts_motto(const std::vector<OcrWord>& words, std::size_t i) {
  return i + 1 < words.size() && fold(words[i].text) == "cong" &&
         fold(words[i + 1].text).rfind("hoa", 0) == 0;
}

} // namespace

std::vector<Segment> page_segments(const PageText& page, double gap_factor) {
  std::vector<Segment> out;
  for (std::size_t l = 0; l < page.lines.size(); ++l) {
    const auto& line = page.lines[l];
    if (line.words.empty()) {
      continue;
    }
    std::vector<int> heights;
    for (const auto& w : line.words) {
      heights.push_back(w.box.h);
    }
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    const double max_gap = gap_factor * std::max(1, heights[heights.size() / 2]);
    Segment current;
    current.line = static_cast<int>(l);
    auto flush = [&] {
      if (!current.words.empty()) {
        current.folded = fold(current.text);
        out.push_back(std::move(current));
      }
      current = Segment{};
      current.line = static_cast<int>(l);
    };
    for (std::size_t i = 0; i < line.words.size(); ++i) {
      const OcrWord& w = line.words[i];
      if (!current.words.empty() &&
          (w.box.x - current.box.right() > max_gap || starts_motto(line.words, i))) {
        flush();
      }
      if (!current.text.empty()) {
        current.text += ' ';
      }
      current.text += w.text;
      current.words.push_back(&w);
      current.box = unite(current.box, w.box);
    }
    flush();
  }
  return out;
}

int page_width(const PageText& page) {
  if (page.width > 0) {
    return page.width;
  }
  int right = 0;
  for (const auto& line : page.lines) {
    for (const auto& w : line.words) {
      right = std::max(right, w.box.right());
    }
  }
  return std::max(1, right);
}

int page_height(const PageText& page) {
  if (page.height > 0) {
    return page.height;
  }
  int bottom = 0;
  for (const auto& line : page.lines) {
    bottom = std::max(bottom, line.box.bottom());
    for (const auto& w : line.words) {
      bottom = std::max(bottom, w.box.bottom());
    }
  }
  return std::max(1, bottom);
}

} // namespace sohoa::forms
