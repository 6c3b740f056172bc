#include "tools/gen/render.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include <opencv2/imgproc.hpp>

namespace sohoa::gen {

namespace {
constexpr double k_mm_per_pt = 25.4 / 72.0;
}

std::mutex& text_mutex() {
  static std::mutex mutex;
  return mutex;
}

Canvas::Canvas(double width_mm, double height_mm, int dpi, Rgb paper)
    : m_width_mm(width_mm), m_height_mm(height_mm), m_dpi(dpi) {
  const int w = static_cast<int>(std::lround(width_mm / 25.4 * dpi));
  const int h = static_cast<int>(std::lround(height_mm / 25.4 * dpi));
  m_surface.reset(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
  if (cairo_surface_status(m_surface.get()) != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error("cairo: cannot create a " + std::to_string(w) + "x" +
                             std::to_string(h) + " surface");
  }
  m_cr.reset(cairo_create(m_surface.get()));
  cairo_set_source_rgb(m_cr.get(), paper.r, paper.g, paper.b);
  cairo_paint(m_cr.get());
  const double scale = dpi / 25.4;
  cairo_scale(m_cr.get(), scale, scale);
}

Canvas Canvas::of_pixels(int width_px, int height_px, int dpi, Rgb paper) {
  return Canvas(width_px * 25.4 / dpi, height_px * 25.4 / dpi, dpi, paper);
}

class Canvas::PixelScope {
public:
  PixelScope(Canvas& canvas, const TextStyle& style)
      : m_text_lock(text_mutex()), m_cr(canvas.m_cr.get()) {
    cairo_save(m_cr);
    cairo_identity_matrix(m_cr);
    canvas.select(style);
    cairo_set_font_size(m_cr, style.size_pt * canvas.m_dpi / 72.0);
    cairo_set_source_rgb(m_cr, style.colour.r, style.colour.g, style.colour.b);
  }
  ~PixelScope() { cairo_restore(m_cr); }
  PixelScope(const PixelScope&) = delete;
  PixelScope& operator=(const PixelScope&) = delete;

private:
  std::lock_guard<std::mutex> m_text_lock;
  cairo_t* m_cr;
};

double Canvas::text_width_px(const std::string& text, const TextStyle& style) {
  PixelScope pixels(*this, style);
  cairo_text_extents_t ext;
  cairo_text_extents(m_cr.get(), text.c_str(), &ext);
  return ext.x_advance;
}

void Canvas::text_px(double x, double baseline, const std::string& text, const TextStyle& style) {
  PixelScope pixels(*this, style);
  cairo_move_to(m_cr.get(), x, baseline);
  cairo_show_text(m_cr.get(), text.c_str());
}

std::vector<DrawnWord> Canvas::words_px(double x, double baseline, const std::string& text,
                                        const TextStyle& style) {
  PixelScope pixels(*this, style);
  cairo_text_extents_t space;
  cairo_text_extents(m_cr.get(), " ", &space);
  std::vector<DrawnWord> out;
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
      out.push_back({word, static_cast<int>(x + ext.x_bearing),
                     static_cast<int>(baseline + ext.y_bearing), static_cast<int>(ext.width + 1),
                     static_cast<int>(ext.height + 1)});
      x += ext.x_advance + space.x_advance;
    }
    start = end + 1;
  }
  return out;
}

void Canvas::dots_px(const std::vector<cv::Point2d>& centres, double radius, Rgb colour) {
  cairo_save(m_cr.get());
  cairo_identity_matrix(m_cr.get());
  cairo_set_source_rgb(m_cr.get(), colour.r, colour.g, colour.b);
  for (const auto& c : centres) {
    cairo_new_sub_path(m_cr.get());
    cairo_arc(m_cr.get(), c.x, c.y, radius, 0, 2 * M_PI);
  }
  cairo_fill(m_cr.get());
  cairo_restore(m_cr.get());
}

void Canvas::select(const TextStyle& style) {
  cairo_select_font_face(m_cr.get(),
                         style.family.empty() ? m_font_family.c_str() : style.family.c_str(),
                         style.italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                         style.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(m_cr.get(), style.size_pt * k_mm_per_pt);
}

double Canvas::text_width(const std::string& text, const TextStyle& style) {
  const std::lock_guard lock(text_mutex());
  select(style);
  cairo_text_extents_t ext;
  cairo_text_extents(m_cr.get(), text.c_str(), &ext);
  return ext.x_advance;
}

void Canvas::text(double x, double y, const std::string& text, const TextStyle& style,
                  bool record) {
  const std::lock_guard lock(text_mutex());
  select(style);
  cairo_set_source_rgb(m_cr.get(), style.colour.r, style.colour.g, style.colour.b);
  cairo_move_to(m_cr.get(), x, y);
  cairo_show_text(m_cr.get(), text.c_str());
  if (style.underline) {
    cairo_text_extents_t ext;
    cairo_text_extents(m_cr.get(), text.c_str(), &ext);
    const double thickness = style.size_pt * k_mm_per_pt * 0.06;
    line(x, y + thickness * 3, x + ext.x_advance, y + thickness * 3, thickness, style.colour);
  }
  if (record && !text.empty()) {
    m_segments.push_back({m_block, x, y, style.size_pt * k_mm_per_pt, text});
  }
}

void Canvas::text_centred(double cx, double y, const std::string& text, const TextStyle& style) {
  this->text(cx - text_width(text, style) / 2, y, text, style);
}

void Canvas::text_right(double right, double y, const std::string& text, const TextStyle& style) {
  this->text(right - text_width(text, style), y, text, style);
}

void Canvas::leader(double x0, double x1, double y) {
  const double pitch = 1.05;
  const double radius = 0.13;
  cairo_set_source_rgb(m_cr.get(), 0.1, 0.1, 0.1);
  for (double x = x0 + pitch / 2; x < x1 - radius; x += pitch) {
    cairo_new_sub_path(m_cr.get());
    cairo_arc(m_cr.get(), x, y - radius, radius, 0, 2 * M_PI);
  }
  cairo_fill(m_cr.get());
}

void Canvas::glyph_leader(double x0, double x1, double y, const std::string& glyph,
                          const TextStyle& style) {
  const double width = text_width(glyph, style);
  std::string run;
  for (double x = x0 + width; x <= x1; x += width) {
    run += glyph;
  }
  text(x0, y, run, style, false);
}

void Canvas::line(double x0, double y0, double x1, double y1, double width_mm, Rgb colour) {
  cairo_set_source_rgb(m_cr.get(), colour.r, colour.g, colour.b);
  cairo_set_line_width(m_cr.get(), width_mm);
  cairo_move_to(m_cr.get(), x0, y0);
  cairo_line_to(m_cr.get(), x1, y1);
  cairo_stroke(m_cr.get());
}

void Canvas::rect(double x, double y, double w, double h, double width_mm, Rgb colour) {
  cairo_set_source_rgb(m_cr.get(), colour.r, colour.g, colour.b);
  cairo_set_line_width(m_cr.get(), width_mm);
  cairo_rectangle(m_cr.get(), x, y, w, h);
  cairo_stroke(m_cr.get());
}

void Canvas::fill_rect(double x, double y, double w, double h, Rgb colour) {
  cairo_set_source_rgb(m_cr.get(), colour.r, colour.g, colour.b);
  cairo_rectangle(m_cr.get(), x, y, w, h);
  cairo_fill(m_cr.get());
}

std::vector<std::string> Canvas::lines() const {
  std::vector<Segment> segs = m_segments;
  std::stable_sort(segs.begin(), segs.end(), [](const Segment& a, const Segment& b) {
    if (a.block != b.block) {
      return a.block < b.block;
    }
    return a.baseline < b.baseline;
  });
  // Group segments whose baselines are within a fraction of the text height.
  std::vector<std::vector<Segment>> rows;
  for (const auto& s : segs) {
    if (!rows.empty() && rows.back().front().block == s.block &&
        std::abs(rows.back().front().baseline - s.baseline) <
            0.4 * std::min(rows.back().front().height, s.height)) {
      rows.back().push_back(s);
    } else {
      rows.push_back({s});
    }
  }
  std::vector<std::string> out;
  for (auto& row : rows) {
    std::stable_sort(row.begin(), row.end(),
                     [](const Segment& a, const Segment& b) { return a.x < b.x; });
    std::string line;
    for (const auto& s : row) {
      if (!line.empty()) {
        line += ' ';
      }
      line += s.text;
    }
    out.push_back(line);
  }
  return out;
}

void Canvas::paste(const Canvas& other, double x, double y) {
  cairo_save(m_cr.get());
  const double scale = 25.4 / other.m_dpi; // other's pixels -> mm
  cairo_translate(m_cr.get(), x, y);
  cairo_scale(m_cr.get(), scale, scale);
  cairo_set_source_surface(m_cr.get(), other.m_surface.get(), 0, 0);
  cairo_paint(m_cr.get());
  cairo_restore(m_cr.get());
  for (const auto& s : other.m_segments) {
    m_segments.push_back({m_block * 100 + s.block, s.x + x, s.baseline + y, s.height, s.text});
  }
}

cv::Mat Canvas::to_bgr() const {
  cairo_surface_flush(m_surface.get());
  const int w = cairo_image_surface_get_width(m_surface.get());
  const int h = cairo_image_surface_get_height(m_surface.get());
  const int stride = cairo_image_surface_get_stride(m_surface.get());
  cv::Mat bgra(h, w, CV_8UC4, cairo_image_surface_get_data(m_surface.get()),
               static_cast<size_t>(stride));
  cv::Mat bgr;
  cv::cvtColor(bgra, bgr, cv::COLOR_BGRA2BGR);
  return bgr;
}

} // namespace sohoa::gen
