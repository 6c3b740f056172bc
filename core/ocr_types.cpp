#include "sohoa/core/ocr_types.hpp"
#include "sohoa/core/ocr_line_metrics.hpp"
#include <algorithm>

namespace sohoa {

int median_word_height(const OcrLine& line) {
  std::vector<int> heights;
  heights.reserve(line.words.size());
  for (const auto& w : line.words) {
    heights.push_back(w.box.h);
  }
  if (heights.empty()) {
    return std::max(1, line.box.h);
  }
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  return std::max(1, heights[heights.size() / 2]);
}

std::string PageText::plain_text() const {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) {
      const bool new_paragraph =
          lines[i].paragraph != lines[i - 1].paragraph || lines[i].block != lines[i - 1].block;
      out += new_paragraph ? "\n\n" : "\n";
    }
    for (std::size_t w = 0; w < lines[i].words.size(); ++w) {
      if (w > 0) {
        out += ' ';
      }
      out += lines[i].words[w].text;
    }
  }
  return out;
}

std::size_t PageText::word_count() const {
  std::size_t n = 0;
  for (const auto& line : lines) {
    n += line.words.size();
  }
  return n;
}

} // namespace sohoa
