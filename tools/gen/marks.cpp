#include "tools/gen/marks.hpp"

#include <cmath>

namespace sohoa::gen {

void draw_signature(Canvas& canvas, Rng& rng, double x, double y, double w, double h) {
  cairo_t* cr = canvas.cr();
  cairo_save(cr);
  cairo_set_source_rgb(cr, k_ink_blue.r, k_ink_blue.g, k_ink_blue.b);
  cairo_set_line_width(cr, rng.uniform(0.3, 0.5));
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  double px = x + rng.uniform(0, w * 0.15);
  double py = y + h * rng.uniform(0.4, 0.7);
  cairo_move_to(cr, px, py);
  const int strokes = rng.range(4, 7);
  for (int i = 0; i < strokes; ++i) {
    const double nx = px + w / strokes * rng.uniform(0.6, 1.3);
    const double ny = y + h * rng.uniform(0.2, 0.9);
    cairo_curve_to(cr, px + rng.uniform(-4, 6), y + rng.uniform(0, h), nx + rng.uniform(-6, 4),
                   y + rng.uniform(0, h), std::min(nx, x + w), ny);
    px = std::min(nx, x + w);
    py = ny;
  }
  cairo_stroke(cr);
  // The flourish under the name.
  cairo_move_to(cr, x + w * 0.1, y + h * 0.85);
  cairo_curve_to(cr, x + w * 0.4, y + h * rng.uniform(0.7, 1.0), x + w * 0.7, y + h * 0.6,
                 x + w * rng.uniform(0.8, 1.0), y + h * rng.uniform(0.5, 0.8));
  cairo_stroke(cr);
  cairo_restore(cr);
}

void draw_seal(Canvas& canvas, Rng& rng, double cx, double cy, double radius,
               const std::string& ring_text, const std::string& centre_text) {
  cairo_t* cr = canvas.cr();
  cairo_save(cr);
  // Drop the point text drawing leaves behind, or the ring starts with a line from it.
  cairo_new_path(cr);
  const double alpha = rng.uniform(0.65, 0.85);
  cairo_set_source_rgba(cr, k_seal_red.r, k_seal_red.g, k_seal_red.b, alpha);
  cairo_set_line_width(cr, radius * 0.05);
  cairo_arc(cr, cx, cy, radius, 0, 2 * M_PI);
  cairo_stroke(cr);
  cairo_set_line_width(cr, radius * 0.025);
  cairo_arc(cr, cx, cy, radius * 0.62, 0, 2 * M_PI);
  cairo_stroke(cr);
  // Star in the centre.
  const double r_out = radius * 0.22;
  const double r_in = r_out * 0.4;
  for (int i = 0; i < 10; ++i) {
    const double a = -M_PI / 2 + i * M_PI / 5;
    const double r = i % 2 == 0 ? r_out : r_in;
    const double px = cx + r * std::cos(a);
    const double py = cy - radius * 0.12 + r * std::sin(a);
    if (i == 0) {
      cairo_move_to(cr, px, py);
    } else {
      cairo_line_to(cr, px, py);
    }
  }
  cairo_close_path(cr);
  cairo_fill(cr);
  // Ring text: one glyph at a time around the circle, clockwise from the left.
  const std::lock_guard text_lock(text_mutex());
  cairo_select_font_face(cr, k_font_family, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size(cr, radius * 0.2);
  // Split UTF-8 into code points.
  std::vector<std::string> glyphs;
  for (std::size_t i = 0; i < ring_text.size();) {
    const unsigned char c = static_cast<unsigned char>(ring_text[i]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    glyphs.push_back(ring_text.substr(i, len));
    i += len;
  }
  const double text_r = radius * 0.78;
  const double sweep = 2 * M_PI * 0.92;
  const double start = -M_PI / 2 - sweep / 2 + M_PI; // begin at the bottom left
  for (std::size_t i = 0; i < glyphs.size(); ++i) {
    const double a =
        start + sweep * (static_cast<double>(i) + 0.5) / static_cast<double>(glyphs.size());
    cairo_save(cr);
    cairo_translate(cr, cx + text_r * std::cos(a), cy + text_r * std::sin(a));
    cairo_rotate(cr, a + M_PI / 2);
    cairo_text_extents_t ext;
    cairo_text_extents(cr, glyphs[i].c_str(), &ext);
    cairo_move_to(cr, -ext.x_advance / 2, radius * 0.07);
    cairo_show_text(cr, glyphs[i].c_str());
    cairo_restore(cr);
  }
  if (!centre_text.empty()) {
    cairo_set_font_size(cr, radius * 0.14);
    cairo_text_extents_t ext;
    cairo_text_extents(cr, centre_text.c_str(), &ext);
    cairo_move_to(cr, cx - ext.x_advance / 2, cy + radius * 0.35);
    cairo_show_text(cr, centre_text.c_str());
  }
  cairo_restore(cr);
}

void draw_photo(Canvas& canvas, Rng& rng, double x, double y, double w, double h) {
  const double shade = rng.uniform(0.55, 0.75);
  canvas.fill_rect(x, y, w, h, Rgb{0.85, 0.88, 0.95});
  cairo_t* cr = canvas.cr();
  cairo_save(cr);
  cairo_set_source_rgb(cr, shade * 0.9, shade * 0.8, shade * 0.75);
  cairo_arc(cr, x + w / 2, y + h * 0.38, w * 0.22, 0, 2 * M_PI);
  cairo_fill(cr);
  cairo_move_to(cr, x + w * 0.1, y + h);
  cairo_curve_to(cr, x + w * 0.15, y + h * 0.6, x + w * 0.85, y + h * 0.6, x + w * 0.9, y + h);
  cairo_close_path(cr);
  cairo_set_source_rgb(cr, 0.2, 0.22, 0.3);
  cairo_fill(cr);
  cairo_restore(cr);
  canvas.rect(x, y, w, h, 0.2, Rgb{0.4, 0.4, 0.4});
}

void draw_emblem(Canvas& canvas, double cx, double cy, double radius) {
  cairo_t* cr = canvas.cr();
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0.85, 0.65, 0.15);
  cairo_arc(cr, cx, cy, radius, 0, 2 * M_PI);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.8, 0.1, 0.1);
  cairo_arc(cr, cx, cy, radius * 0.78, 0, 2 * M_PI);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 1.0, 0.85, 0.1);
  const double r_out = radius * 0.55;
  for (int i = 0; i < 10; ++i) {
    const double a = -M_PI / 2 + i * M_PI / 5;
    const double r = i % 2 == 0 ? r_out : r_out * 0.4;
    if (i == 0) {
      cairo_move_to(cr, cx + r * std::cos(a), cy + r * std::sin(a));
    } else {
      cairo_line_to(cr, cx + r * std::cos(a), cy + r * std::sin(a));
    }
  }
  cairo_close_path(cr);
  cairo_fill(cr);
  cairo_restore(cr);
}

} // namespace sohoa::gen
