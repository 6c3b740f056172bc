#pragma once
// Hand-built OCR output for the forms tests: words with plausible boxes, laid out
// the way Tesseract returns a 300 dpi scan of the printed form.
#include "sohoa/core/ocr_types.hpp"
#include <string>
#include <utility>
#include <vector>

namespace sohoa::forms::test {

constexpr int k_char_w = 22; // mean glyph advance at 12 pt, 300 dpi
constexpr int k_line_h = 50;
constexpr int k_space = 14;

class PageBuilder {
public:
  PageBuilder(int width = 2480, int height = 3508) {
    m_page.width = width;
    m_page.height = height;
  }

  // One OCR line at y: each chunk's words start at its x, one confidence for all.
  PageBuilder& line(int y, const std::vector<std::pair<int, std::string>>& chunks,
                    float confidence = 0.93F) {
    OcrLine line;
    for (const auto& [x0, text] : chunks) {
      int x = x0;
      std::size_t start = 0;
      while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) {
          end = text.size();
        }
        if (end > start) {
          const std::string word = text.substr(start, end - start);
          const int w = static_cast<int>(glyphs(word)) * k_char_w;
          line.words.push_back({word, Box{x, y, w, k_line_h}, confidence});
          line.box = unite(line.box, Box{x, y, w, k_line_h});
          x += w + k_space;
        }
        start = end + 1;
      }
    }
    line.baseline = y + k_line_h - 10;
    line.block = 0;
    line.paragraph = static_cast<int>(m_page.lines.size());
    m_page.lines.push_back(std::move(line));
    return *this;
  }

  // A line of one chunk at the left margin.
  PageBuilder& text(int y, const std::string& text, int x = 240, float confidence = 0.93F) {
    return line(y, {{x, text}}, confidence);
  }

  PageText build() const {
    PageText page = m_page;
    float sum = 0;
    std::size_t n = 0;
    for (const auto& l : page.lines) {
      for (const auto& w : l.words) {
        sum += w.confidence;
        ++n;
      }
    }
    page.confidence = n > 0 ? sum / static_cast<float>(n) : 0;
    return page;
  }

private:
  static std::size_t glyphs(const std::string& s) {
    std::size_t n = 0;
    for (const char c : s) {
      n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
  }

  PageText m_page;
};

} // namespace sohoa::forms::test

namespace sohoa::forms::test {

// x where the next word starts after text written from x.
inline int after(int x, const std::string& text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) {
      end = text.size();
    }
    std::size_t n = 0;
    for (std::size_t i = start; i < end; ++i) {
      n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 ? 1 : 0;
    }
    if (n > 0) {
      x += static_cast<int>(n) * k_char_w + k_space;
    }
    start = end + 1;
  }
  return x;
}

// The national motto, centred at the top of an A4 page.
inline void motto(PageBuilder& b) {
  b.text(150, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 820);
  b.text(210, "Độc lập - Tự do - Hạnh phúc", 900);
}

} // namespace sohoa::forms::test
