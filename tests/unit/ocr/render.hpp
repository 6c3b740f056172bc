#pragma once
// Renders text with cairo the way a 300 dpi scan of a printed form looks, and
// remembers where each word's ink went, so OCR results can be checked against it.
#include "sohoa/core/geometry.hpp"
#include "tools/gen/render.hpp"
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <memory>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

namespace sohoa::test {

struct RenderedWord {
  std::string text;
  Box box; // ink extents in page pixels
};

struct RenderedLine {
  std::vector<RenderedWord> words;
  Box box;
  int baseline = 0;
};

// A page drawn by the generator's canvas (tools/gen/render.hpp) in pixel units.
class PageRenderer {
public:
  PageRenderer(int width, int height, double dpi = 300)
      : m_dpi(dpi), m_canvas(gen::Canvas::of_pixels(width, height, static_cast<int>(dpi))) {
    set_font(12, false);
  }

  void set_font(double points, bool bold) {
    m_style.size_pt = points;
    m_style.bold = bold;
  }

  // Line height for the current font, in pixels.
  double line_pitch(double points = 12) const { return 1.5 * points * m_dpi / 72.0; }

  // Draws words separated by single spaces starting at (x, baseline).
  RenderedLine draw_line(double x, double baseline, const std::string& text) {
    RenderedLine line;
    line.baseline = static_cast<int>(baseline + 0.5);
    for (const gen::DrawnWord& word : m_canvas.words_px(x, baseline, text, m_style)) {
      const Box box{word.x, word.y, word.w, word.h};
      line.words.push_back({word.text, box});
      line.box = unite(line.box, box);
    }
    return line;
  }

  // 0 ink / 255 paper, thresholded like the cleanup stage's output.
  cv::Mat bitonal() {
    cv::Mat green;
    cv::extractChannel(m_canvas.to_bgr(), green, 1);
    return green >= 128;
  }

private:
  double m_dpi;
  gen::Canvas m_canvas;
  gen::TextStyle m_style;
};

// Releases cairo's and fontconfig's caches at exit so LeakSanitizer builds see
// no leak from the test's own rendering. One instance per test program.
struct CairoCacheRelease {
  CairoCacheRelease() = default;
  CairoCacheRelease(const CairoCacheRelease&) = delete;
  CairoCacheRelease& operator=(const CairoCacheRelease&) = delete;
  ~CairoCacheRelease() {
    cairo_debug_reset_static_data();
    FcFini();
  }
};

// Unicode code points of UTF-8 text (test inputs are valid UTF-8).
inline std::u32string code_points(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

// Runs of spaces and newlines become one space: layout is not a character error.
inline std::string collapse_whitespace(const std::string& s) {
  std::string out;
  for (const char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    if (space) {
      if (!out.empty() && out.back() != ' ') {
        out += ' ';
      }
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

// Character error rate: edit distance over code points / reference length.
inline double cer(const std::string& reference, const std::string& hypothesis) {
  const auto r = code_points(reference);
  const auto h = code_points(hypothesis);
  std::vector<std::size_t> prev(h.size() + 1);
  std::vector<std::size_t> cur(h.size() + 1);
  for (std::size_t j = 0; j <= h.size(); ++j) {
    prev[j] = j;
  }
  for (std::size_t i = 1; i <= r.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= h.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (r[i - 1] == h[j - 1] ? 0 : 1);
      cur[j] = std::min({sub, prev[j] + 1, cur[j - 1] + 1});
    }
    std::swap(prev, cur);
  }
  return r.empty() ? (h.empty() ? 0.0 : 1.0) : double(prev[h.size()]) / double(r.size());
}

inline double iou(const Box& a, const Box& b) {
  const int x0 = std::max(a.x, b.x);
  const int y0 = std::max(a.y, b.y);
  const int x1 = std::min(a.right(), b.right());
  const int y1 = std::min(a.bottom(), b.bottom());
  if (x1 <= x0 || y1 <= y0) {
    return 0;
  }
  const double inter = double(x1 - x0) * (y1 - y0);
  return inter / (double(a.w) * a.h + double(b.w) * b.h - inter);
}

} // namespace sohoa::test
