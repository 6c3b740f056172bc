#pragma once
// Renders text with cairo the way a 300 dpi scan of a printed form looks, and
// remembers where each word's ink went, so OCR results can be checked against it.
#include "sohoa/core/geometry.hpp"
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <memory>
#include <opencv2/core.hpp>
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

struct CairoSurfaceDestroy {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

class PageRenderer {
public:
  PageRenderer(int width, int height, double dpi = 300)
      : m_width(width), m_height(height), m_dpi(dpi),
        m_surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height)),
        m_cr(cairo_create(m_surface.get())) {
    cairo_set_source_rgb(m_cr.get(), 1, 1, 1);
    cairo_paint(m_cr.get());
    cairo_set_source_rgb(m_cr.get(), 0, 0, 0);
    set_font(12, false);
  }

  void set_font(double points, bool bold) {
    cairo_select_font_face(m_cr.get(), "Liberation Serif", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(m_cr.get(), points * m_dpi / 72.0);
  }

  // Line height for the current font, in pixels.
  double line_pitch(double points = 12) const { return 1.5 * points * m_dpi / 72.0; }

  // Draws words separated by single spaces starting at (x, baseline).
  RenderedLine draw_line(double x, double baseline, const std::string& text) {
    RenderedLine line;
    line.baseline = static_cast<int>(baseline + 0.5);
    cairo_text_extents_t space;
    cairo_text_extents(m_cr.get(), " ", &space);
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find(' ', start);
      if (end == std::string::npos) {
        end = text.size();
      }
      const std::string word = text.substr(start, end - start);
      if (!word.empty()) {
        cairo_text_extents_t ext;
        cairo_text_extents(m_cr.get(), word.c_str(), &ext);
        cairo_move_to(m_cr.get(), x, baseline);
        cairo_show_text(m_cr.get(), word.c_str());
        const Box box{static_cast<int>(x + ext.x_bearing),
                      static_cast<int>(baseline + ext.y_bearing), static_cast<int>(ext.width + 1),
                      static_cast<int>(ext.height + 1)};
        line.words.push_back({word, box});
        line.box = unite(line.box, box);
        x += ext.x_advance + space.x_advance;
      }
      start = end + 1;
    }
    return line;
  }

  // 0 ink / 255 paper, thresholded like the cleanup stage's output.
  cv::Mat bitonal() {
    cairo_surface_flush(m_surface.get());
    const unsigned char* data = cairo_image_surface_get_data(m_surface.get());
    const int stride = cairo_image_surface_get_stride(m_surface.get());
    cv::Mat out(m_height, m_width, CV_8UC1);
    for (int y = 0; y < m_height; ++y) {
      const auto* row = reinterpret_cast<const std::uint32_t*>(data + std::ptrdiff_t(y) * stride);
      auto* dst = out.ptr<unsigned char>(y);
      for (int x = 0; x < m_width; ++x) {
        const unsigned green = (row[x] >> 8) & 0xff;
        dst[x] = green < 128 ? 0 : 255;
      }
    }
    return out;
  }

private:
  int m_width;
  int m_height;
  double m_dpi;
  std::unique_ptr<cairo_surface_t, CairoSurfaceDestroy> m_surface;
  std::unique_ptr<cairo_t, CairoDestroy> m_cr;
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
