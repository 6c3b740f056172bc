#pragma once
// Line-by-line writer for A4 forms: labels with dotted leaders and values, fields
// sharing a line, wrapped values and paragraphs, page breaks.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tools/gen/document.hpp"
#include "tools/gen/render.hpp"
#include "tools/gen/rng.hpp"

namespace sohoa::gen {

inline constexpr double k_a4_width_mm = 210.0;
inline constexpr double k_a4_height_mm = 297.0;

// How numbered labels are marked: "1.", "1)", "a)", "I.".
enum class Numbering { arabic_dot, arabic_paren, letter_paren, roman_dot };
// What fills the line after a label: dots, typed underscores or typed ellipses.
enum class LeaderKind { dots, underscores, ellipses };

struct FormStyle {
  double size_pt = 13;
  double line_mm = 7.5; // baseline to baseline
  double left = 25;
  double right = 190; // right margin x
  double top = 18;
  double bottom = 280;
  bool numbered = false; // "1. Họ và tên:" instead of "Họ và tên:"
  bool leaders = true;   // dotted leaders after labels
  TextStyle label;
  TextStyle value;
  std::string font = k_font_family;
  Numbering numbering = Numbering::arabic_dot;
  LeaderKind leader_kind = LeaderKind::dots;
  double value_below_share = 0; // share of fields printed with the value under the label
  bool grid = false;            // fields as table rows: label cell, value cell, ruled
  bool fit_table_cells = false; // shrink table text that overflows its cell (wide fonts)
  // A printed form filled in: the leader runs from the label to the margin and the
  // value is written over it (holdout: blue italic in a second font).
  bool fill_over_leaders = false;
};

// A style drawn at random: size 12-14 pt, margins, blue handwriting-like values.
FormStyle random_form_style(Rng& rng);

class FormWriter {
public:
  // `variation` draws the per-field choices of a holdout style (value under its label).
  FormWriter(int dpi, FormStyle style, Rng variation = Rng(0));

  Canvas& page() { return *m_pages.back(); }
  const FormStyle& style() const { return m_style; }
  double y() const { return m_y; }
  void set_y(double y) { m_y = y; }
  void advance(double lines = 1.0) { m_y += lines * m_style.line_mm; }
  // Starts a new page when less than mm is left on this one.
  void ensure(double mm);
  void new_page();

  // "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" / "Độc lập - Tự do - Hạnh phúc" (underlined).
  void motto(double cx, double size_pt);
  void centred(const std::string& text, const TextStyle& style, double cx = -1);
  // The label as printed: numbered or not, with its colon.
  std::string label(const std::string& text, bool numbered = true);
  // "Label: value", the value wrapped over further lines when long. An empty
  // value leaves the dotted line empty. Some holdout styles put the value on the
  // line under the label, or the pair in a ruled table row.
  void field(const std::string& label_text, const std::string& value, bool numbered = true);
  // Several "Label: value" pairs on one line, in equal columns (table rows in a grid style).
  void inline_fields(const std::vector<std::pair<std::string, std::string>>& pairs);
  void paragraph(const std::string& text, const TextStyle& style, double first_indent, bool justify,
                 double left = -1, double right = -1);
  // Words of text laid out from x on the current line, continuing at `wrap_x` on the
  // next lines (each with its leader from `wrap_x` when `leader_on_wrap`); returns
  // the x where the text ended.
  double flow(const std::string& text, double x, double wrap_x, const TextStyle& style,
              double right, bool leader_on_wrap = false);

  std::vector<RenderedPage> finish();

private:
  // "3. ", "c) ", "III. " or "" for an unnumbered label.
  std::string number_marker(bool numbered);
  void leader(double x0, double x1);
  // A value over a leader printed to the right margin, on each line it wraps to.
  void value_over_leader(const std::string& value, double leader_x, double value_x, double wrap_x);
  void value_below(const std::string& printed_label, const std::string& value);
  // One ruled table row: the label cell left, the value cell right, both wrapped.
  void grid_row(const std::string& label_text, const std::string& value, bool numbered);

  int m_dpi;
  FormStyle m_style;
  Rng m_variation;
  double m_y;
  int m_number = 0;
  std::vector<std::unique_ptr<Canvas>> m_pages;
};

std::vector<std::string> split_words(const std::string& text);
RenderedPage render_page(Canvas& canvas);

} // namespace sohoa::gen

namespace sohoa::gen {
// Greedy word wrap: the first line may be narrower than the others.
std::vector<std::string> wrap_lines(Canvas& canvas, const std::string& text, const TextStyle& style,
                                    double first_width, double width);
} // namespace sohoa::gen
