#include "tools/gen/form_writer.hpp"

#include <algorithm>
#include <sstream>

namespace sohoa::gen {

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  std::string w;
  while (in >> w) {
    words.push_back(w);
  }
  return words;
}

RenderedPage render_page(Canvas& canvas) {
  RenderedPage page;
  page.image = canvas.to_bgr();
  page.lines = canvas.lines();
  page.dpi = canvas.dpi();
  return page;
}

FormStyle random_form_style(Rng& rng) {
  FormStyle s;
  s.size_pt = rng.pick(std::vector<double>{12, 12.5, 13, 13, 14});
  s.line_mm = s.size_pt * 25.4 / 72.0 * rng.uniform(1.55, 1.8);
  s.left = rng.uniform(20, 30);
  s.right = 210 - rng.uniform(15, 20);
  s.top = rng.uniform(14, 22);
  s.bottom = 297 - rng.uniform(15, 20);
  s.numbered = rng.chance(0.4);
  s.leaders = rng.chance(0.85);
  s.label = TextStyle{s.size_pt, false, false, k_black, false};
  s.value = s.label;
  if (rng.chance(0.35)) {
    s.value.colour = k_ink_blue;
    s.value.italic = rng.chance(0.7);
  } else if (rng.chance(0.2)) {
    s.value.bold = true;
  }
  return s;
}

FormWriter::FormWriter(int dpi, FormStyle style, Rng variation)
    : m_dpi(dpi), m_style(std::move(style)), m_variation(std::move(variation)), m_y(m_style.top) {
  new_page();
}

void FormWriter::new_page() {
  m_pages.push_back(std::make_unique<Canvas>(k_a4_width_mm, k_a4_height_mm, m_dpi));
  m_pages.back()->set_font_family(m_style.font);
  m_y = m_style.top + m_style.line_mm;
}

void FormWriter::ensure(double mm) {
  if (m_y + mm > m_style.bottom) {
    new_page();
  }
}

void FormWriter::motto(double cx, double size_pt) {
  TextStyle upper{size_pt - 0.5, true, false, k_black, false};
  TextStyle lower{size_pt, true, false, k_black, true};
  page().text_centred(cx, m_y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", upper);
  m_y += size_pt * 25.4 / 72 * 1.45;
  page().text_centred(cx, m_y, "Độc lập - Tự do - Hạnh phúc", lower);
  m_y += size_pt * 25.4 / 72 * 1.45;
}

void FormWriter::centred(const std::string& text, const TextStyle& style, double cx) {
  if (cx < 0) {
    cx = (m_style.left + m_style.right) / 2;
  }
  page().text_centred(cx, m_y, text, style);
  m_y += std::max(m_style.line_mm, style.size_pt * 25.4 / 72 * 1.5);
}

namespace {

// Up to 49: a form has fewer items.
std::string roman(int n) {
  static const std::pair<int, const char*> k_values[] = {{40, "XL"}, {10, "X"}, {9, "IX"},
                                                         {5, "V"},   {4, "IV"}, {1, "I"}};
  std::string out;
  for (const auto& [value, digits] : k_values) {
    for (; n >= value; n -= value) {
      out += digits;
    }
  }
  return out;
}

// Vietnamese legal drafting letters its points a, b, c, d, đ, e, g, ... (no f, j, w, z).
std::string vietnamese_letter(int n) {
  static const char* const k_letters[] = {"a", "b", "c", "d", "đ", "e", "g", "h",
                                          "i", "k", "l", "m", "n", "o", "p", "q",
                                          "r", "s", "t", "u", "v", "x", "y"};
  return n >= 1 && n <= 23 ? k_letters[n - 1] : "";
}

} // namespace

std::string FormWriter::number_marker(bool numbered) {
  if (!m_style.numbered || !numbered) {
    return "";
  }
  const int n = ++m_number;
  switch (m_style.numbering) {
  case Numbering::arabic_paren:
    return std::to_string(n) + ") ";
  case Numbering::letter_paren:
    if (!vietnamese_letter(n).empty()) {
      return vietnamese_letter(n) + ") ";
    }
    break;
  case Numbering::roman_dot:
    return roman(n) + ". ";
  case Numbering::arabic_dot:
    break;
  }
  return std::to_string(n) + ". ";
}

std::string FormWriter::label(const std::string& text, bool numbered) {
  return number_marker(numbered) + text + ":";
}

void FormWriter::leader(double x0, double x1) {
  switch (m_style.leader_kind) {
  case LeaderKind::dots:
    page().leader(x0, x1, m_y);
    break;
  case LeaderKind::underscores:
    page().glyph_leader(x0, x1, m_y, "_", m_style.label);
    break;
  case LeaderKind::ellipses:
    page().glyph_leader(x0, x1, m_y, "…", m_style.label);
    break;
  }
}

void FormWriter::value_over_leader(const std::string& value, double leader_x, double value_x,
                                   double wrap_x) {
  // The leaders are printed first, the value written over them; the leader of a
  // continuation line starts at the wrap margin.
  leader(leader_x, m_style.right);
  flow(value, value_x, wrap_x, m_style.value, m_style.right, true);
}

double FormWriter::flow(const std::string& text, double x, double wrap_x, const TextStyle& style,
                        double right, bool leader_on_wrap) {
  const double space = page().text_width(" ", style);
  std::string run;
  double run_x = x;
  double cur = x;
  for (const auto& word : split_words(text)) {
    const double w = page().text_width(word, style);
    if (cur + w > right && cur > wrap_x + 0.1 && !run.empty()) {
      page().text(run_x, m_y, run, style);
      advance();
      ensure(m_style.line_mm);
      if (leader_on_wrap) {
        leader(wrap_x, m_style.right);
      }
      run.clear();
      run_x = wrap_x;
      cur = wrap_x;
    }
    if (!run.empty()) {
      run += ' ';
      cur += space;
    }
    run += word;
    cur += w;
  }
  if (!run.empty()) {
    page().text(run_x, m_y, run, style);
  }
  return cur;
}

void FormWriter::field(const std::string& label_text, const std::string& value, bool numbered) {
  if (m_style.grid) {
    grid_row(label_text, value, numbered);
    return;
  }
  ensure(m_style.line_mm);
  const std::string printed = label(label_text, numbered);
  if (m_style.value_below_share > 0 && m_variation.chance(m_style.value_below_share)) {
    value_below(printed, value);
    return;
  }
  page().text(m_style.left, m_y, printed, m_style.label);
  const double label_end = m_style.left + page().text_width(printed, m_style.label);
  const double value_x = label_end + 2.0;
  if (m_style.fill_over_leaders) {
    value_over_leader(value, label_end + 1, value_x, m_style.left);
    advance();
    return;
  }
  double end = value_x;
  if (!value.empty()) {
    end = flow(value, value_x, m_style.left, m_style.value, m_style.right);
  }
  if (m_style.leaders && end + 4 < m_style.right) {
    leader(value.empty() ? label_end + 1 : end + 1.5, m_style.right);
  }
  advance();
}

void FormWriter::value_below(const std::string& printed_label, const std::string& value) {
  ensure(m_style.line_mm * 2); // never a label alone at the foot of a page
  page().text(m_style.left, m_y, printed_label, m_style.label);
  advance();
  const double indent = m_style.left + 8;
  if (m_style.fill_over_leaders) {
    value_over_leader(value, indent, indent, indent);
    advance();
    return;
  }
  double end = indent;
  if (!value.empty()) {
    end = flow(value, indent, indent, m_style.value, m_style.right);
  }
  if (m_style.leaders && end + 4 < m_style.right) {
    leader(value.empty() ? indent : end + 1.5, m_style.right);
  }
  advance();
}

void FormWriter::grid_row(const std::string& label_text, const std::string& value, bool numbered) {
  const double pad = 1.5;
  const double split = m_style.left + (m_style.right - m_style.left) * 0.4;
  // Table cells carry no colon: the ruling separates label and value.
  const std::string printed = number_marker(numbered) + label_text;
  const double label_width = split - m_style.left - 2 * pad;
  const double value_width = m_style.right - split - 2 * pad;
  const auto label_lines = wrap_lines(page(), printed, m_style.label, label_width, label_width);
  const auto value_lines = wrap_lines(page(), value, m_style.value, value_width, value_width);
  const std::size_t rows = std::max<std::size_t>({1, label_lines.size(), value_lines.size()});
  const double height = m_style.line_mm * static_cast<double>(rows);
  ensure(height);
  for (std::size_t i = 0; i < rows; ++i) {
    const double baseline = m_y + m_style.line_mm * static_cast<double>(i);
    if (i < label_lines.size()) {
      page().text(m_style.left + pad, baseline, label_lines[i], m_style.label);
    }
    if (i < value_lines.size()) {
      page().text(split + pad, baseline, value_lines[i], m_style.value);
    }
  }
  // Rows follow each other edge to edge: this row's top is the last one's bottom.
  const double top = m_y - m_style.line_mm * 0.72;
  page().rect(m_style.left, top, m_style.right - m_style.left, height, 0.2);
  page().line(split, top, split, top + height, 0.2);
  m_y += height;
}

void FormWriter::inline_fields(const std::vector<std::pair<std::string, std::string>>& pairs) {
  if (m_style.grid) {
    for (const auto& [label_text, value] : pairs) {
      grid_row(label_text, value, true);
    }
    return;
  }
  ensure(m_style.line_mm);
  const double col = (m_style.right - m_style.left) / static_cast<double>(pairs.size());
  double x = m_style.left;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const double col_start = std::max(x, m_style.left + col * static_cast<double>(i));
    const std::string printed = label(pairs[i].first);
    page().text(col_start, m_y, printed, m_style.label);
    const double value_x = col_start + page().text_width(printed, m_style.label) + 2.0;
    double end = value_x;
    const double next =
        i + 1 < pairs.size() ? m_style.left + col * static_cast<double>(i + 1) : m_style.right;
    if (m_style.fill_over_leaders && value_x + 4 < next - 2) {
      leader(value_x - 1, next - 2);
    }
    if (!pairs[i].second.empty()) {
      page().text(value_x, m_y, pairs[i].second, m_style.value);
      end = value_x + page().text_width(pairs[i].second, m_style.value);
    }
    if (!m_style.fill_over_leaders && m_style.leaders && end + 4 < next - 2) {
      leader(end + 1.5, next - 2);
    }
    x = end + 4;
  }
  advance();
}

void FormWriter::paragraph(const std::string& text, const TextStyle& style, double first_indent,
                           bool justify, double left, double right) {
  if (left < 0) {
    left = m_style.left;
  }
  if (right < 0) {
    right = m_style.right;
  }
  const auto words = split_words(text);
  const double space = page().text_width(" ", style);
  std::size_t i = 0;
  bool first = true;
  while (i < words.size()) {
    ensure(m_style.line_mm);
    const double x0 = left + (first ? first_indent : 0);
    std::vector<std::pair<std::string, double>> line;
    double used = 0;
    while (i < words.size()) {
      const double w = page().text_width(words[i], style);
      const double need = used + (line.empty() ? 0 : space) + w;
      if (!line.empty() && x0 + need > right) {
        break;
      }
      used = need;
      line.emplace_back(words[i], w);
      ++i;
    }
    const bool last = i >= words.size();
    double gap = space;
    if (justify && !last && line.size() > 1) {
      gap = space + (right - x0 - used) / static_cast<double>(line.size() - 1);
    }
    if (!justify || last) {
      std::string joined;
      for (const auto& [w, width] : line) {
        joined += (joined.empty() ? "" : " ") + w;
      }
      page().text(x0, m_y, joined, style);
    } else {
      double x = x0;
      for (const auto& [w, width] : line) {
        page().text(x, m_y, w, style);
        x += width + gap;
      }
    }
    advance(style.size_pt / m_style.size_pt);
    first = false;
  }
}

std::vector<RenderedPage> FormWriter::finish() {
  std::vector<RenderedPage> out;
  for (auto& p : m_pages) {
    out.push_back(render_page(*p));
  }
  m_pages.clear();
  return out;
}

} // namespace sohoa::gen

namespace sohoa::gen {
std::vector<std::string> wrap_lines(Canvas& canvas, const std::string& text, const TextStyle& style,
                                    double first_width, double width) {
  std::vector<std::string> lines;
  std::string cur;
  for (const auto& word : split_words(text)) {
    const std::string candidate = cur.empty() ? word : cur + " " + word;
    const double limit = lines.empty() ? first_width : width;
    if (!cur.empty() && canvas.text_width(candidate, style) > limit) {
      lines.push_back(cur);
      cur = word;
    } else {
      cur = candidate;
    }
  }
  if (!cur.empty()) {
    lines.push_back(cur);
  }
  return lines;
}
} // namespace sohoa::gen
