#pragma once
// A page canvas: cairo image surface in millimetre units that also records every
// text segment drawn, so the page's exact text lines can be written as truth.
#include <cairo.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace sohoa::gen {

struct Rgb {
  double r = 0;
  double g = 0;
  double b = 0;
};

inline constexpr Rgb k_black{0, 0, 0};
inline constexpr Rgb k_ink_blue{0.08, 0.16, 0.58};
inline constexpr Rgb k_seal_red{0.82, 0.08, 0.10};

struct TextStyle {
  double size_pt = 13;
  bool bold = false;
  bool italic = false;
  Rgb colour = k_black;
  bool underline = false;
  std::string family; // empty: the canvas's font family
};

struct CairoSurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using CairoSurfacePtr = std::unique_ptr<cairo_surface_t, CairoSurfaceDeleter>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;

inline constexpr const char* k_font_family = "Liberation Serif";

// Held while text is measured or drawn. Every cairo context of the process shares
// cairo's font-face and glyph caches, and cairo 1.16 (Debian 12) crashes now and
// then when two threads draw text at once; the generator's dossier threads draw
// shapes, effects and encodings side by side, their text one at a time.
std::mutex& text_mutex();

// A word drawn in pixel units and where its ink went, in page pixels.
struct DrawnWord {
  std::string text;
  int x = 0;
  int y = 0;
  int w = 0;
  int h = 0;
};

class Canvas {
public:
  Canvas(double width_mm, double height_mm, int dpi, Rgb paper = {1, 1, 1});
  // A canvas of exactly width_px x height_px pixels.
  static Canvas of_pixels(int width_px, int height_px, int dpi, Rgb paper = {1, 1, 1});

  double width_mm() const { return m_width_mm; }
  double height_mm() const { return m_height_mm; }
  int dpi() const { return m_dpi; }
  // The font family of the text drawn from now on (Liberation Serif unless set).
  void set_font_family(const std::string& family) { m_font_family = family; }

  double text_width(const std::string& text, const TextStyle& style);
  // Draws text with its baseline at y; records it for the truth unless record is false.
  void text(double x, double y, const std::string& text, const TextStyle& style,
            bool record = true);
  void text_centred(double cx, double y, const std::string& text, const TextStyle& style);
  void text_right(double right, double y, const std::string& text, const TextStyle& style);
  // Dotted leader between x0 and x1 on baseline y (never part of the text).
  void leader(double x0, double x1, double y);
  // A leader typed as a run of one glyph ("_" or "…"): drawn, never part of the text.
  void glyph_leader(double x0, double x1, double y, const std::string& glyph,
                    const TextStyle& style);
  void line(double x0, double y0, double x1, double y1, double width_mm, Rgb colour = k_black);
  void rect(double x, double y, double w, double h, double width_mm, Rgb colour = k_black);
  void fill_rect(double x, double y, double w, double h, Rgb colour);

  // Reading-order block for subsequent text: blocks are read one after another,
  // lines top to bottom inside a block. Columns side by side stay in one block:
  // OCR engines read aligned columns row by row, and so does the truth.
  void set_block(int block) { m_block = block; }
  int block() const { return m_block; }

  // The page's text lines in reading order.
  std::vector<std::string> lines() const;
  // Appends the segments of another canvas drawn onto this one at an offset
  // (used to place a card on a scanned page).
  void paste(const Canvas& other, double x, double y);
  cv::Mat to_bgr() const;
  cairo_t* cr() { return m_cr.get(); }

  // Pixel units, for tests that place text at exact pixels of a scan at dpi (the
  // font size stays in points). Nothing drawn this way is recorded as truth.
  double text_width_px(const std::string& text, const TextStyle& style);
  void text_px(double x, double baseline, const std::string& text, const TextStyle& style);
  // Draws words separated by single spaces from (x, baseline); returns each
  // word's ink extents.
  std::vector<DrawnWord> words_px(double x, double baseline, const std::string& text,
                                  const TextStyle& style);
  // Filled dots of the given radius centred at (x, y) pixels.
  void dots_px(const std::vector<cv::Point2d>& centres, double radius, Rgb colour = k_black);

private:
  struct Segment {
    int block;
    double x;
    double baseline;
    double height;
    std::string text;
  };
  void select(const TextStyle& style);
  // Identity transform and the font of style at its pixel size, until destroyed.
  class PixelScope;

  double m_width_mm;
  double m_height_mm;
  int m_dpi;
  int m_block = 0;
  std::string m_font_family = k_font_family;
  CairoSurfacePtr m_surface;
  CairoPtr m_cr;
  std::vector<Segment> m_segments;
};

} // namespace sohoa::gen
