#include "text_layer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace sohoa::pdf {
namespace {

// Glyph advance of every GlyphLessFont glyph (/DW 500): half an em.
constexpr double k_glyph_em = 0.5;
// Layout thresholds against poppler's TextOutputDev, as fractions of the font
// size: lines of a block at most 1.5 apart (we keep 1.3), a word gap below
// 0.1 is no space, words more than 0.7 apart may go to different blocks.
constexpr double k_max_line_pitch = 1.3;
constexpr double k_min_gap = 0.25;
constexpr double k_max_gap = 0.6;
constexpr double k_bridged_gap = 0.4;
constexpr double k_min_glyph_advance = 0.13;

// Locale-independent number for content streams.
std::string num(double v) {
  if (std::abs(v) < 0.0005) {
    return "0";
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 3);
  if (ec != std::errc{}) {
    return "0";
  }
  std::string s(buf, end);
  while (!s.empty() && s.back() == '0') {
    s.pop_back();
  }
  if (!s.empty() && s.back() == '.') {
    s.pop_back();
  }
  return s;
}

std::string hex_codes(const std::vector<unsigned short>& codes) {
  static const char* k_hex = "0123456789ABCDEF";
  std::string out = "<";
  for (const unsigned short c : codes) {
    out += k_hex[(c >> 12) & 15];
    out += k_hex[(c >> 8) & 15];
    out += k_hex[(c >> 4) & 15];
    out += k_hex[c & 15];
  }
  out += '>';
  return out;
}

char32_t next_code_point(const std::string& s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int extra = 0;
  char32_t cp = 0;
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  if ((b0 & 0xE0) == 0xC0) {
    extra = 1;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    extra = 2;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    extra = 3;
    cp = b0 & 0x07;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + static_cast<std::size_t>(extra) >= s.size()) {
    i = s.size();
    return 0xFFFD;
  }
  for (int k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      i += static_cast<std::size_t>(k);
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

} // namespace

std::vector<unsigned short> to_glyphless_codes(const std::string& utf8) {
  std::vector<unsigned short> out;
  std::size_t i = 0;
  while (i < utf8.size()) {
    char32_t cp = next_code_point(utf8, i);
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
      continue;
    }
    if (cp > 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      cp = 0xFFFD;
    }
    out.push_back(static_cast<unsigned short>(cp));
  }
  return out;
}

std::string text_layer_operators(const PageText& text, const TextPlacement& placement,
                                 const std::string& font_name) {
  if (text.lines.empty() || placement.image_width_px <= 0 || placement.image_height_px <= 0) {
    return {};
  }
  const double sx = placement.page_width_pt / placement.image_width_px;
  const double sy = placement.page_height_pt / placement.image_height_px;

  // Lines with their words (empty words dropped), box and baseline in points.
  struct Line {
    std::vector<const OcrWord*> words;
    Box box;
    double baseline = 0; // PDF y
    double height = 0;   // points
    int block = 0;
  };
  std::vector<Line> lines;
  for (const auto& ocr_line : text.lines) {
    Line l;
    for (const auto& w : ocr_line.words) {
      if (!to_glyphless_codes(w.text).empty() && !w.box.empty()) {
        l.words.push_back(&w);
        l.box = unite(l.box, w.box);
      }
    }
    if (l.words.empty()) {
      continue;
    }
    int baseline_px = ocr_line.baseline;
    if (baseline_px <= l.box.y || baseline_px > l.box.bottom()) {
      baseline_px = l.box.bottom();
    }
    l.baseline = placement.page_height_pt - baseline_px * sy;
    l.height = std::max(1.0, l.box.h * sy);
    l.block = ocr_line.block;
    lines.push_back(std::move(l));
  }

  // Font size per run of lines of one block: poppler joins lines into one
  // block only when their baselines are at most 1.5 font sizes apart, else
  // it sorts single lines of neighbouring columns into each other. So the
  // size follows the line pitch, never below the line height.
  std::vector<double> font_size(lines.size(), 1.0);
  std::size_t run_start = 0;
  while (run_start < lines.size()) {
    std::size_t run_end = run_start + 1;
    std::vector<double> heights{lines[run_start].height};
    while (run_end < lines.size() && lines[run_end].block == lines[run_start].block) {
      const double step = lines[run_end - 1].baseline - lines[run_end].baseline;
      const double h = std::max(lines[run_end].height, lines[run_end - 1].height);
      if (step <= 0 || step > 4.0 * h) {
        break;
      }
      heights.push_back(lines[run_end].height);
      ++run_end;
    }
    std::sort(heights.begin(), heights.end());
    double size = heights[heights.size() / 2];
    for (std::size_t i = run_start + 1; i < run_end; ++i) {
      size = std::max(size, (lines[i - 1].baseline - lines[i].baseline) / k_max_line_pitch);
    }
    for (std::size_t i = run_start; i < run_end; ++i) {
      font_size[i] = std::max(1.0, size);
    }
    run_start = run_end;
  }

  std::string out;
  for (std::size_t li = 0; li < lines.size(); ++li) {
    const Line& line = lines[li];
    const double fs = font_size[li];
    out += "BT\n3 Tr\n/" + font_name + " " + num(fs) + " Tf\n";
    double prev_end = -1e9;
    for (std::size_t k = 0; k < line.words.size(); ++k) {
      const OcrWord& w = *line.words[k];
      const auto codes = to_glyphless_codes(w.text);
      // Not so narrow that poppler drops a repeated glyph ("11") as a
      // fake-bold duplicate (closer than 0.1 em).
      const double floor_width = static_cast<double>(codes.size()) * k_min_glyph_advance * fs;
      const double box_end = (w.box.x + w.box.w) * sx;
      // Start on the box unless the previous word needed its room.
      const double x0 = std::max(w.box.x * sx, prev_end + k_min_gap * fs);
      double end = std::max(box_end, x0 + floor_width);
      double extend = 0; // extra width of the last glyph over a wide gap
      if (k + 1 < line.words.size()) {
        const double next_x = line.words[k + 1]->box.x * sx;
        if (next_x - end < k_min_gap * fs) {
          // Too tight for poppler to see a space: draw the word narrower
          // (down to half its box); the next word moves right if need be.
          const double least = std::max(floor_width, 0.5 * (box_end - x0));
          end = std::max(x0 + least, next_x - k_min_gap * fs);
        } else if (next_x - end > k_max_gap * fs) {
          // Too wide: poppler would cut the line into separate blocks
          // ("label ...... value"). The last glyph bridges the gap.
          extend = next_x - end - k_bridged_gap * fs;
        }
      }
      const double width = end - x0;
      prev_end = end + extend;
      const double natural = static_cast<double>(codes.size()) * k_glyph_em * fs;
      const double scale = width / natural; // Tz / 100
      out += num(100.0 * scale) + " Tz\n1 0 0 1 " + num(x0) + " " + num(line.baseline) + " Tm\n";
      if (extend > 0) {
        const std::vector<unsigned short> head(codes.begin(), codes.end() - 1);
        if (!head.empty()) {
          out += hex_codes(head) + " Tj\n";
        }
        // poppler leaves Tc out of a glyph's box, so the glyph is scaled.
        const double last = k_glyph_em * fs * scale + extend;
        out +=
            num(100.0 * last / (k_glyph_em * fs)) + " Tz\n" + hex_codes({codes.back()}) + " Tj\n";
      } else {
        out += hex_codes(codes) + " Tj\n";
      }
    }
    out += "ET\n";
  }
  return out;
}

std::string glyphless_to_unicode_cmap() {
  std::vector<std::string> ranges;
  char buf[64];
  for (unsigned hi = 0; hi < 0x100; ++hi) {
    if (hi >= 0xD8 && hi <= 0xDF) {
      continue;
    }
    const unsigned first = hi == 0 ? 1 : hi << 8;
    const unsigned last = (hi << 8) | 0xFF;
    std::snprintf(buf, sizeof buf, "<%04X> <%04X> <%04X>\n", first, last, first);
    ranges.emplace_back(buf);
  }
  std::string out = "/CIDInit /ProcSet findresource begin\n"
                    "12 dict begin\n"
                    "begincmap\n"
                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                    "/CMapName /Adobe-Identity-UCS def\n"
                    "/CMapType 2 def\n"
                    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  for (std::size_t i = 0; i < ranges.size(); i += 100) {
    const std::size_t n = std::min<std::size_t>(100, ranges.size() - i);
    out += std::to_string(n) + " beginbfrange\n";
    for (std::size_t k = 0; k < n; ++k) {
      out += ranges[i + k];
    }
    out += "endbfrange\n";
  }
  out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return out;
}

} // namespace sohoa::pdf
