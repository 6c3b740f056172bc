#include "tools/gen/layout_common.hpp"

#include <cctype>

#include "tools/gen/marks.hpp"

namespace sohoa::gen {

void form_header(FormWriter &w, const std::string &title, double title_pt) {
  const double cx = k_a4_width_mm / 2 + (w.style().left - (k_a4_width_mm - w.style().right)) / 2;
  w.motto(cx, w.style().size_pt);
  w.advance(0.8);
  w.centred(title, TextStyle{title_pt, true, false, k_black, false}, cx);
  w.advance(0.3);
}

void signature_block(FormWriter &w, Rng &rng, const std::string &place_date,
                     const std::string &role, const std::string &hint, const std::string &name) {
  const FormStyle &s = w.style();
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

std::string place_name(const Address &a) {
  const std::string &n = a.ward_name;
  if (!n.empty() && std::isdigit(static_cast<unsigned char>(n[0]))) {
    return capitalize_first(a.district);
  }
  return n;
}

std::string capitalize_first(const std::string &text) {
  static const std::pair<const char *, const char *> k_lower_upper[] = {
      {"quận", "Quận"},     {"huyện", "Huyện"}, {"thành phố", "Thành phố"}, {"tỉnh", "Tỉnh"},
      {"phường", "Phường"}, {"xã", "Xã"},       {"thị trấn", "Thị trấn"}};
  for (const auto &[lower, upper] : k_lower_upper) {
    const std::string l(lower);
    if (text.rfind(l, 0) == 0) {
      return std::string(upper) + text.substr(l.size());
    }
  }
  return text;
}

} // namespace sohoa::gen
