// Căn cước công dân, front side: on an A4 scan or cropped to the card.
#include <cmath>

#include "tools/gen/layout_common.hpp"
#include "tools/gen/layouts.hpp"
#include "tools/gen/marks.hpp"

namespace sohoa::gen {

namespace {

constexpr double k_card_w = 85.6;
constexpr double k_card_h = 54.0;

void card_background(Canvas &c, Rng &rng, double x0, double y0) {
  cairo_t *cr = c.cr();
  cairo_save(cr);
  const double r = 3.2;
  cairo_new_sub_path(cr);
  cairo_arc(cr, x0 + k_card_w - r, y0 + r, r, -M_PI / 2, 0);
  cairo_arc(cr, x0 + k_card_w - r, y0 + k_card_h - r, r, 0, M_PI / 2);
  cairo_arc(cr, x0 + r, y0 + k_card_h - r, r, M_PI / 2, M_PI);
  cairo_arc(cr, x0 + r, y0 + r, r, M_PI, 3 * M_PI / 2);
  cairo_close_path(cr);
  cairo_pattern_t *grad = cairo_pattern_create_linear(x0, y0, x0 + k_card_w, y0 + k_card_h);
  const double tint = rng.uniform(0.0, 0.04);
  cairo_pattern_add_color_stop_rgb(grad, 0, 0.93 - tint, 0.95, 0.97);
  cairo_pattern_add_color_stop_rgb(grad, 0.5, 0.97, 0.95 - tint, 0.90);
  cairo_pattern_add_color_stop_rgb(grad, 1, 0.90, 0.94, 0.93 - tint);
  cairo_set_source(cr, grad);
  cairo_fill_preserve(cr);
  cairo_pattern_destroy(grad);
  cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
  cairo_set_line_width(cr, 0.25);
  cairo_stroke(cr);
  // Faint guilloche waves behind the text.
  cairo_set_source_rgba(cr, 0.6, 0.75, 0.8, 0.35);
  cairo_set_line_width(cr, 0.12);
  for (int i = 0; i < 6; ++i) {
    const double base = y0 + 24 + i * 5;
    cairo_move_to(cr, x0 + 22, base);
    for (double x = 22; x < k_card_w - 2; x += 1) {
      cairo_line_to(cr, x0 + x, base + std::sin(x / 4.0 + i) * 1.2);
    }
    cairo_stroke(cr);
  }
  cairo_restore(cr);
}

std::string expiry_for(const Person &p) {
  for (int age : {25, 40, 60}) {
    if (p.birth.year + age > p.id_issue.year + 2) {
      Date e{p.birth.year + age, p.birth.month, p.birth.day};
      e.day = std::min(e.day, days_in_month(e.year, e.month));
      return e.iso();
    }
  }
  return "";
}

// Draws the card with its top-left corner at (x0, y0) of the canvas.
void draw_card(Canvas &c, Rng &rng, double x0, double y0, const Person &p, const std::string &id,
               const std::string &expiry_iso, const std::string &expiry_dmy) {
  card_background(c, rng, x0, y0);
  draw_emblem(c, x0 + 9, y0 + 9.5, 6.2);
  const TextStyle head_vn{5.6, true, false, k_black, false};
  const TextStyle head_en{4.8, false, false, k_black, false};
  const TextStyle title{8.5, true, false, Rgb{0.8, 0.1, 0.1}, false};
  const TextStyle label{5.2, false, false, k_black, false};
  const TextStyle value{6.8, false, false, k_black, false};
  const TextStyle value_bold{7.2, true, false, k_black, false};
  const double cx = x0 + 50;
  c.set_block(0);
  c.text_centred(cx, y0 + 4.5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", head_vn);
  c.text_centred(cx, y0 + 7.0, "SOCIALIST REPUBLIC OF VIET NAM", head_en);
  c.text_centred(cx, y0 + 9.6, "Độc lập - Tự do - Hạnh phúc", head_vn);
  c.text_centred(cx, y0 + 12.0, "Independence - Freedom - Happiness", head_en);
  c.text_centred(cx, y0 + 16.2, "CĂN CƯỚC CÔNG DÂN", title);
  c.text_centred(cx, y0 + 19.0, "Citizen Identity Card",
                 TextStyle{5.4, false, false, k_black, false});
  draw_photo(c, rng, x0 + 3, y0 + 21.5, 19, 24);
  c.set_block(1);
  const double lx = x0 + 24.5;
  const double right = x0 + k_card_w - 2.5;
  double y = y0 + 25.0;
  c.text(lx, y, "Số / No.:", label);
  c.text(lx + c.text_width("Số / No.:", label) + 2, y, id,
         TextStyle{9, true, false, k_black, false});
  y += 3.4;
  c.text(lx, y, "Họ và tên / Full name:", label);
  y += 3.2;
  c.text(lx, y, upper_vn(p.full_name()), value_bold);
  y += 3.3;
  const std::string dob_label = "Ngày sinh / Date of birth:";
  c.text(lx, y, dob_label, label);
  c.text(lx + c.text_width(dob_label, label) + 1.5, y, p.birth.dmy(), value);
  y += 3.3;
  const std::string sex_label = "Giới tính / Sex:";
  c.text(lx, y, sex_label, label);
  c.text(lx + c.text_width(sex_label, label) + 1.5, y, p.gender(), value);
  const std::string nat_label = "Quốc tịch / Nationality:";
  const double nx = lx + 24;
  c.text(nx, y, nat_label, label);
  c.text(nx + c.text_width(nat_label, label) + 1.5, y, "Việt Nam", value);
  y += 3.3;
  c.text(lx, y, "Quê quán / Place of origin:", label);
  y += 3.1;
  for (const auto &line :
       wrap_lines(c, capitalize_first(p.hometown.short_form()), value, right - lx, right - lx)) {
    c.text(lx, y, line, value);
    y += 3.1;
  }
  const std::string res_label = "Nơi thường trú / Place of residence:";
  c.text(lx, y, res_label, label);
  const double first_x = lx + c.text_width(res_label, label) + 1.5;
  const auto res_lines =
      wrap_lines(c, capitalize_first(p.residence.full()), value, right - first_x, right - lx);
  for (std::size_t i = 0; i < res_lines.size(); ++i) {
    c.text(i == 0 ? first_x : lx, y, res_lines[i], value);
    y += 3.1;
  }
  c.set_block(2);
  const TextStyle small{4.4, false, false, k_black, false};
  if (!expiry_iso.empty()) {
    c.text(x0 + 2.5, y0 + 48.8, "Có giá trị đến:", small);
    c.text(x0 + 2.5 + c.text_width("Có giá trị đến:", small) + 1, y0 + 48.8, expiry_dmy,
           TextStyle{5.2, false, false, k_black, false});
    c.text(x0 + 2.5, y0 + 51.0, "Date of expiry", small);
  } else {
    c.text(x0 + 2.5, y0 + 48.8, "Có giá trị đến: Không thời hạn", small);
    c.text(x0 + 2.5, y0 + 51.0, "Date of expiry: Unlimited", small);
  }
  c.set_block(0);
}

} // namespace

GenDocument make_citizen_id_card(Rng &rng, const DossierContext &ctx, const Person &holder) {
  GenDocument doc;
  doc.doc_type = "citizen_id_card";
  doc.slug = "cccd";
  auto &f = doc.fields;
  std::string id = holder.id_number;
  if (ctx.allow_invalid && rng.chance(0.1)) {
    id = break_personal_id(rng, id);
    doc.invalid_fields.push_back("id_number");
  }
  const std::string expiry = expiry_for(holder);
  std::string expiry_dmy;
  if (!expiry.empty()) {
    expiry_dmy = expiry.substr(8, 2) + "/" + expiry.substr(5, 2) + "/" + expiry.substr(0, 4);
  }
  f["id_number"] = id;
  f["full_name"] = upper_vn(holder.full_name());
  f["date_of_birth"] = holder.birth.iso();
  f["gender"] = holder.gender();
  f["nationality"] = "Việt Nam";
  f["place_of_origin"] = capitalize_first(holder.hometown.short_form());
  f["place_of_residence"] = capitalize_first(holder.residence.full());
  if (!expiry.empty()) {
    f["expiry_date"] = expiry;
  }
  if (rng.chance(0.4)) {
    // Cropped scan of the card alone, at twice the resolution (capped at 600 dpi).
    const int dpi = std::min(600, ctx.dpi * 2);
    const double margin = rng.uniform(1.5, 4.0);
    Canvas c(k_card_w + 2 * margin, k_card_h + 2 * margin, dpi, Rgb{0.97, 0.97, 0.97});
    draw_card(c, rng, margin, margin, holder, id, expiry, expiry_dmy);
    doc.pages.push_back(render_page(c));
  } else {
    Canvas page(k_a4_width_mm, k_a4_height_mm, ctx.dpi);
    Canvas card(k_card_w, k_card_h, ctx.dpi, Rgb{1, 1, 1});
    draw_card(card, rng, 0, 0, holder, id, expiry, expiry_dmy);
    page.paste(card, rng.uniform(15, 60), rng.uniform(15, 50));
    doc.pages.push_back(render_page(page));
  }
  return doc;
}

} // namespace sohoa::gen
