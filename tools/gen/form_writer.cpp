#include "tools/gen/form_writer.hpp"

#include <sstream>

namespace sohoa::gen {

std::vector<std::string> split_words(const std::string &text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  std::string w;
  while (in >> w) {
    words.push_back(w);
  }
  return words;
}

RenderedPage render_page(Canvas &canvas) {
  RenderedPage page;
  page.image = canvas.to_bgr();
  page.lines = canvas.lines();
  page.dpi = canvas.dpi();
  return page;
}

FormStyle random_form_style(Rng &rng) {
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

FormWriter::FormWriter(int dpi, FormStyle style) : m_dpi(dpi), m_style(style), m_y(style.top) {
  new_page();
}

void FormWriter::new_page() {
  m_pages.push_back(std::make_unique<Canvas>(k_a4_width_mm, k_a4_height_mm, m_dpi));
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

void FormWriter::centred(const std::string &text, const TextStyle &style, double cx) {
  if (cx < 0) {
    cx = (m_style.left + m_style.right) / 2;
  }
  page().text_centred(cx, m_y, text, style);
  m_y += std::max(m_style.line_mm, style.size_pt * 25.4 / 72 * 1.5);
}

std::string FormWriter::label(const std::string &text, bool numbered) {
  if (m_style.numbered && numbered) {
    return std::to_string(++m_number) + ". " + text + ":";
  }
  return text + ":";
}

double FormWriter::flow(const std::string &text, double x, double wrap_x, const TextStyle &style,
                        double right) {
  const double space = page().text_width(" ", style);
  std::string run;
  double run_x = x;
  double cur = x;
  for (const auto &word : split_words(text)) {
    const double w = page().text_width(word, style);
    if (cur + w > right && cur > wrap_x + 0.1 && !run.empty()) {
      page().text(run_x, m_y, run, style);
      advance();
      ensure(m_style.line_mm);
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

void FormWriter::field(const std::string &label_text, const std::string &value, bool numbered) {
  ensure(m_style.line_mm);
  const std::string printed = label(label_text, numbered);
  page().text(m_style.left, m_y, printed, m_style.label);
  const double label_end = m_style.left + page().text_width(printed, m_style.label);
  const double value_x = label_end + 2.0;
  double end = value_x;
  if (!value.empty()) {
    end = flow(value, value_x, m_style.left, m_style.value, m_style.right);
  }
  if (m_style.leaders && end + 4 < m_style.right) {
    m_pages.back()->leader(value.empty() ? label_end + 1 : end + 1.5, m_style.right, m_y);
  }
  advance();
}

void FormWriter::inline_fields(const std::vector<std::pair<std::string, std::string>> &pairs) {
  ensure(m_style.line_mm);
  const double col = (m_style.right - m_style.left) / static_cast<double>(pairs.size());
  double x = m_style.left;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const double col_start = std::max(x, m_style.left + col * static_cast<double>(i));
    const std::string printed = label(pairs[i].first);
    page().text(col_start, m_y, printed, m_style.label);
    const double value_x = col_start + page().text_width(printed, m_style.label) + 2.0;
    double end = value_x;
    if (!pairs[i].second.empty()) {
      page().text(value_x, m_y, pairs[i].second, m_style.value);
      end = value_x + page().text_width(pairs[i].second, m_style.value);
    }
    const double next =
        i + 1 < pairs.size() ? m_style.left + col * static_cast<double>(i + 1) : m_style.right;
    if (m_style.leaders && end + 4 < next - 2) {
      page().leader(end + 1.5, next - 2, m_y);
    }
    x = end + 4;
  }
  advance();
}

void FormWriter::paragraph(const std::string &text, const TextStyle &style, double first_indent,
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
      for (const auto &[w, width] : line) {
        joined += (joined.empty() ? "" : " ") + w;
      }
      page().text(x0, m_y, joined, style);
    } else {
      double x = x0;
      for (const auto &[w, width] : line) {
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
  for (auto &p : m_pages) {
    out.push_back(render_page(*p));
  }
  m_pages.clear();
  return out;
}

} // namespace sohoa::gen

namespace sohoa::gen {
std::vector<std::string> wrap_lines(Canvas &canvas, const std::string &text, const TextStyle &style,
                                    double first_width, double width) {
  std::vector<std::string> lines;
  std::string cur;
  for (const auto &word : split_words(text)) {
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
