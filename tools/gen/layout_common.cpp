#include "tools/gen/layout_common.hpp"

#include <algorithm>
#include <cctype>

#include "tools/gen/marks.hpp"

namespace sohoa::gen {

bool LayoutVariant::take(const std::string& variant, double p) {
  if (!holdout || !rng.chance(p)) {
    return false;
  }
  used.push_back(variant);
  return true;
}

bool LayoutVariant::take_condition(const std::string& condition, double p) {
  const bool drawn = holdout && conditions_enabled && conditions.chance(p);
  const bool forced = std::find(forced_conditions.begin(), forced_conditions.end(), condition) !=
                      forced_conditions.end();
  if (!drawn && !forced) {
    return false;
  }
  conditions_used.push_back(condition);
  return true;
}

namespace {

// A printed form filled in by typewriter or printer in another font and colour,
// over its leaders: drawn on holdout forms, or forced (--force-conditions) on any.
void take_fill_over_leaders(FormStyle& s, LayoutVariant& layout) {
  if (s.grid || !layout.take_condition("fill_over_leaders", 0.5)) {
    return;
  }
  s.fill_over_leaders = true;
  s.leaders = true;
  s.value.colour = k_ink_blue;
  s.value.italic = layout.conditions.chance(0.7);
  s.value.bold = false;
  s.value.family = s.font == k_font_family ? "DejaVu Sans" : "DejaVu Serif";
}

} // namespace

void vary_form_style(FormStyle& s, LayoutVariant& layout) {
  if (!layout.holdout) {
    take_fill_over_leaders(s, layout); // only when forced: nothing is drawn
    return;
  }
  Rng& rng = layout.rng;
  s.fit_table_cells = true;
  if (layout.take("compact", 0.5)) {
    s.size_pt = rng.pick(std::vector<double>{11, 11.5, 12});
    s.line_mm = s.size_pt * 25.4 / 72.0 * rng.uniform(1.45, 1.7);
    s.left = rng.uniform(12, 18);
    s.right = k_a4_width_mm - rng.uniform(10, 14);
    s.top = rng.uniform(10, 14);
    s.bottom = k_a4_height_mm - rng.uniform(10, 14);
    s.label.size_pt = s.size_pt;
    s.value.size_pt = s.size_pt;
  }
  if (layout.take("numbering", 0.5)) {
    s.numbered = true;
    s.numbering = rng.pick(std::vector<Numbering>{Numbering::arabic_paren, Numbering::letter_paren,
                                                  Numbering::roman_dot});
  }
  // A table form has neither leaders nor values under labels: its cells place them.
  if (!s.grid && layout.take("leaders", 0.5)) {
    s.leaders = true;
    s.leader_kind = rng.chance(0.5) ? LeaderKind::underscores : LeaderKind::ellipses;
  }
  if (!s.grid && layout.take("value_below_label", 0.5)) {
    s.value_below_share = rng.uniform(0.25, 0.6);
  }
  // Last, and certain when nothing else applied: a holdout form never looks standard.
  if (layout.take("sans_font", layout.used.empty() ? 1.0 : 0.6)) {
    s.font = rng.chance(0.5) ? "DejaVu Sans" : "Liberation Sans";
  }
  take_fill_over_leaders(s, layout);
}

TextStyle cell_style(Canvas& canvas, const FormStyle& form, const std::string& text,
                     TextStyle style, double width) {
  while (form.fit_table_cells && style.size_pt > 6 && canvas.text_width(text, style) > width) {
    style.size_pt -= 0.5;
  }
  return style;
}

void form_header(FormWriter& w, const std::string& title, double title_pt) {
  const double cx = k_a4_width_mm / 2 + (w.style().left - (k_a4_width_mm - w.style().right)) / 2;
  w.motto(cx, w.style().size_pt);
  w.advance(0.8);
  w.centred(title, TextStyle{title_pt, true, false, k_black, false}, cx);
  w.advance(0.3);
}

void signature_block(FormWriter& w, Rng& rng, const std::string& place_date,
                     const std::string& role, const std::string& hint, const std::string& name) {
  const FormStyle& s = w.style();
  w.ensure(s.line_mm * 7);
  const double cx = s.right - (s.right - s.left) * 0.25;
  TextStyle italic{s.size_pt, false, true, k_black, false};
  TextStyle bold{s.size_pt, true, false, k_black, false};
  if (!place_date.empty()) {
    // The line may be wider than a quarter column: keep it inside the margin.
    const double width = w.page().text_width(place_date, italic);
    const double x = std::min(cx - width / 2, s.right - width);
    w.page().text(x, w.y(), place_date, italic);
    w.advance();
  }
  w.page().text_centred(cx, w.y(), role, bold);
  w.advance(0.8);
  if (!hint.empty()) {
    w.page().text_centred(cx, w.y(), hint, TextStyle{s.size_pt - 1, false, true, k_black, false});
  }
  draw_signature(w.page(), rng, cx - 18, w.y() + 2, 36, 16);
  w.advance(3.2);
  w.page().text_centred(cx, w.y(), name, TextStyle{s.size_pt, true, false, s.value.colour, false});
  w.advance();
}

std::string place_name(const Address& a) {
  const std::string& n = a.ward_name;
  if (!n.empty() && std::isdigit(static_cast<unsigned char>(n[0]))) {
    return capitalize_first(a.district);
  }
  return n;
}

std::string capitalize_first(const std::string& text) {
  static const std::pair<const char*, const char*> k_lower_upper[] = {
      {"quận", "Quận"},     {"huyện", "Huyện"}, {"thành phố", "Thành phố"}, {"tỉnh", "Tỉnh"},
      {"phường", "Phường"}, {"xã", "Xã"},       {"thị trấn", "Thị trấn"}};
  for (const auto& [lower, upper] : k_lower_upper) {
    const std::string l(lower);
    if (text.rfind(l, 0) == 0) {
      return std::string(upper) + text.substr(l.size());
    }
  }
  return text;
}

} // namespace sohoa::gen
