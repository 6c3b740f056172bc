// Căn cước công dân, front side: on an A4 scan or cropped to the card.
#include <cmath>
#include <limits>

#include <opencv2/imgproc.hpp>

#include "tools/gen/degrade.hpp"
#include "tools/gen/layout_common.hpp"
#include "tools/gen/layouts.hpp"
#include "tools/gen/marks.hpp"

namespace sohoa::gen {

namespace {

constexpr double k_card_w = 85.6;
constexpr double k_card_h = 54.0;

void card_background(Canvas& c, Rng& rng, double x0, double y0) {
  cairo_t* cr = c.cr();
  cairo_save(cr);
  const double r = 3.2;
  cairo_new_sub_path(cr);
  cairo_arc(cr, x0 + k_card_w - r, y0 + r, r, -M_PI / 2, 0);
  cairo_arc(cr, x0 + k_card_w - r, y0 + k_card_h - r, r, 0, M_PI / 2);
  cairo_arc(cr, x0 + r, y0 + k_card_h - r, r, M_PI / 2, M_PI);
  cairo_arc(cr, x0 + r, y0 + r, r, M_PI, 3 * M_PI / 2);
  cairo_close_path(cr);
  cairo_pattern_t* grad = cairo_pattern_create_linear(x0, y0, x0 + k_card_w, y0 + k_card_h);
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

std::string expiry_for(const Person& p) {
  for (int age : {25, 40, 60}) {
    if (p.birth.year + age > p.id_issue.year + 2) {
      Date e{p.birth.year + age, p.birth.month, p.birth.day};
      e.day = std::min(e.day, days_in_month(e.year, e.month));
      return e.iso();
    }
  }
  return "";
}

constexpr Rgb k_card_red{0.8, 0.1, 0.1};
constexpr double k_one_line_expiry_y = 52.2; // baseline, mm from the card's top

// What the front of one card model prints and where. The default is the 2016
// Căn cước công dân; the holdout faces are the 2021 chip card and the 2024 Căn cước.
struct CardFace {
  std::string variant; // its holdout variant name; empty for the standard face
  std::string title = "CĂN CƯỚC CÔNG DÂN";
  std::string subtitle = "Citizen Identity Card";
  std::string number_label = "Số / No.:";
  bool number_below_label = false; // a long label: the number on its own line
  Rgb number_colour = k_black;
  std::string name_label = "Họ và tên / Full name:";
  std::string birth_label = "Ngày sinh / Date of birth:";
  std::string sex_label = "Giới tính / Sex:";
  std::string nationality_label = "Quốc tịch / Nationality:";
  std::string origin_label = "Quê quán / Place of origin:";
  bool origin_after_label = false; // the place on the label's line, not under it
  std::string residence_label = "Nơi thường trú / Place of residence:";
  bool expiry_one_line = false; // "Có giá trị đến / Date of expiry: …" at the bottom left
  double text_top = 25.0;       // the first text baseline, mm from the card's top
  double text_bottom = std::numeric_limits<double>::max(); // the last one's lowest place
  double value_pt = 6.8;
};

// Chip card (2021): number and title in red, the expiry on one line.
CardFace chip_card_2021_face() {
  CardFace f;
  f.variant = "card_chip_2021";
  f.number_colour = k_card_red;
  f.origin_after_label = true;
  f.expiry_one_line = true;
  f.text_top = 24.0;
  f.text_bottom = k_one_line_expiry_y - 2.8;
  f.value_pt = 6.4;
  return f;
}

// Căn cước (2024, Luật Căn cước 2023): new title and bilingual labels.
CardFace identity_card_2024_face() {
  CardFace f = chip_card_2021_face();
  f.variant = "card_2024";
  f.title = "CĂN CƯỚC";
  f.subtitle = "IDENTITY CARD";
  f.number_label = "Số định danh cá nhân / Personal identification number:";
  f.number_below_label = true;
  f.name_label = "Họ, chữ đệm và tên khai sinh / Full name:";
  f.birth_label = "Ngày, tháng, năm sinh / Date of birth:";
  f.residence_label = "Nơi cư trú / Place of residence:";
  f.text_top = 22.3;
  return f;
}

CardFace card_face(LayoutVariant& layout) {
  if (!layout.holdout) {
    return CardFace{};
  }
  CardFace face = layout.rng.chance(0.5) ? identity_card_2024_face() : chip_card_2021_face();
  layout.used.push_back(face.variant);
  return face;
}

// One line of text placed on the card, drawn once the whole column fits.
struct PlacedText {
  double x;
  double y;
  std::string text;
  TextStyle style;
};

// The right-hand text column: number, name, birth, sex and nationality, origin and
// residence, with the line spacing scaled by `spacing`.
std::vector<PlacedText> text_column(Canvas& c, double x0, double y0, const CardFace& face,
                                    const Person& p, const std::string& id, double spacing) {
  const TextStyle label{5.2, false, false, k_black, false};
  const TextStyle value{face.value_pt, false, false, k_black, false};
  const TextStyle value_bold{face.value_pt + 0.4, true, false, k_black, false};
  const TextStyle number{9, true, false, face.number_colour, false};
  std::vector<PlacedText> out;
  const auto put = [&](double x, double y, const std::string& text, const TextStyle& style) {
    out.push_back({x, y, text, style});
  };
  const double lx = x0 + 24.5;
  const double right = x0 + k_card_w - 2.5;
  // "Label: value", the value after the label and wrapped under it from lx.
  const auto labelled_lines = [&](double y, const std::string& label_text,
                                  const std::string& value_text) {
    put(lx, y, label_text, label);
    const double first_x = lx + c.text_width(label_text, label) + 1.5;
    const auto lines = wrap_lines(c, value_text, value, right - first_x, right - lx);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      put(i == 0 ? first_x : lx, y, lines[i], value);
      y += 3.1 * spacing;
    }
    return y;
  };
  double y = y0 + face.text_top;
  put(lx, y, face.number_label, label);
  if (face.number_below_label) {
    y += 3.6 * spacing;
    put(lx, y, id, number);
  } else {
    put(lx + c.text_width(face.number_label, label) + 2, y, id, number);
  }
  y += 3.4 * spacing;
  put(lx, y, face.name_label, label);
  y += 3.2 * spacing;
  put(lx, y, upper_vn(p.full_name()), value_bold);
  y += 3.3 * spacing;
  put(lx, y, face.birth_label, label);
  put(lx + c.text_width(face.birth_label, label) + 1.5, y, p.birth.dmy(), value);
  y += 3.3 * spacing;
  put(lx, y, face.sex_label, label);
  put(lx + c.text_width(face.sex_label, label) + 1.5, y, p.gender(), value);
  const double nx = lx + 24;
  put(nx, y, face.nationality_label, label);
  put(nx + c.text_width(face.nationality_label, label) + 1.5, y, "Việt Nam", value);
  y += 3.3 * spacing;
  const std::string origin = capitalize_first(p.hometown.short_form());
  if (face.origin_after_label) {
    y = labelled_lines(y, face.origin_label, origin);
  } else {
    put(lx, y, face.origin_label, label);
    y += 3.1 * spacing;
    for (const auto& line : wrap_lines(c, origin, value, right - lx, right - lx)) {
      put(lx, y, line, value);
      y += 3.1 * spacing;
    }
  }
  labelled_lines(y, face.residence_label, capitalize_first(p.residence.full()));
  return out;
}

void draw_expiry(Canvas& c, double x0, double y0, const CardFace& face,
                 const std::string& expiry_dmy) {
  const TextStyle small{4.4, false, false, k_black, false};
  const TextStyle date{5.2, false, false, k_black, false};
  if (face.expiry_one_line) {
    const std::string label = "Có giá trị đến / Date of expiry:";
    c.text(x0 + 2.5, y0 + k_one_line_expiry_y, label, small);
    c.text(x0 + 2.5 + c.text_width(label, small) + 1, y0 + k_one_line_expiry_y,
           expiry_dmy.empty() ? "Không thời hạn" : expiry_dmy, date);
  } else if (!expiry_dmy.empty()) {
    c.text(x0 + 2.5, y0 + 48.8, "Có giá trị đến:", small);
    c.text(x0 + 2.5 + c.text_width("Có giá trị đến:", small) + 1, y0 + 48.8, expiry_dmy, date);
    c.text(x0 + 2.5, y0 + 51.0, "Date of expiry", small);
  } else {
    c.text(x0 + 2.5, y0 + 48.8, "Có giá trị đến: Không thời hạn", small);
    c.text(x0 + 2.5, y0 + 51.0, "Date of expiry: Unlimited", small);
  }
}

// Draws the card with its top-left corner at (x0, y0) of the canvas.
void draw_card(Canvas& c, Rng& rng, double x0, double y0, const CardFace& face, const Person& p,
               const std::string& id, const std::string& expiry_dmy) {
  card_background(c, rng, x0, y0);
  draw_emblem(c, x0 + 9, y0 + 9.5, 6.2);
  const TextStyle head_vn{5.6, true, false, k_black, false};
  const TextStyle head_en{4.8, false, false, k_black, false};
  const double cx = x0 + 50;
  c.set_block(0);
  c.text_centred(cx, y0 + 4.5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", head_vn);
  c.text_centred(cx, y0 + 7.0, "SOCIALIST REPUBLIC OF VIET NAM", head_en);
  c.text_centred(cx, y0 + 9.6, "Độc lập - Tự do - Hạnh phúc", head_vn);
  c.text_centred(cx, y0 + 12.0, "Independence - Freedom - Happiness", head_en);
  c.text_centred(cx, y0 + 16.2, face.title, TextStyle{8.5, true, false, k_card_red, false});
  c.text_centred(cx, y0 + 19.0, face.subtitle, TextStyle{5.4, false, false, k_black, false});
  draw_photo(c, rng, x0 + 3, y0 + 21.5, 19, 24);
  c.set_block(1);
  // Long addresses: tighten the lines until the column ends above the bottom line.
  double spacing = 1.0;
  auto column = text_column(c, x0, y0, face, p, id, spacing);
  while (column.back().y > y0 + face.text_bottom && spacing > 0.75) {
    spacing -= 0.05;
    column = text_column(c, x0, y0, face, p, id, spacing);
  }
  for (const auto& t : column) {
    c.text(t.x, t.y, t.text, t.style);
  }
  c.set_block(2);
  draw_expiry(c, x0, y0, face, expiry_dmy);
  c.set_block(0);
}

// A grey photocopy: colour gone, blacks lifted, whites dulled, toner noise.
void photocopy(RenderedPage& page, Rng& rng) {
  cv::Mat grey = to_grey(page.image);
  grey.convertTo(grey, -1, rng.uniform(0.62, 0.75), rng.uniform(35, 55));
  add_noise(grey, rng, rng.uniform(2.0, 4.0));
  cv::cvtColor(grey, page.image, cv::COLOR_GRAY2BGR);
  page.effects.push_back("photocopy");
}

} // namespace

GenDocument make_citizen_id_card(Rng& rng, const DossierContext& ctx, const Person& holder,
                                 LayoutVariant& layout) {
  GenDocument doc;
  doc.doc_type = "citizen_id_card";
  doc.slug = "cccd";
  auto& f = doc.fields;
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
  const CardFace face = card_face(layout);
  if (rng.chance(0.4)) {
    // Cropped scan of the card alone, at twice the resolution (capped at 600 dpi).
    const int dpi = std::min(600, ctx.dpi * 2);
    const double margin = rng.uniform(1.5, 4.0);
    Canvas c(k_card_w + 2 * margin, k_card_h + 2 * margin, dpi, Rgb{0.97, 0.97, 0.97});
    draw_card(c, rng, margin, margin, face, holder, id, expiry_dmy);
    doc.pages.push_back(render_page(c));
  } else {
    Canvas page(k_a4_width_mm, k_a4_height_mm, ctx.dpi);
    Canvas card(k_card_w, k_card_h, ctx.dpi, Rgb{1, 1, 1});
    draw_card(card, rng, 0, 0, face, holder, id, expiry_dmy);
    page.paste(card, rng.uniform(15, 60), rng.uniform(15, 50));
    doc.pages.push_back(render_page(page));
    if (layout.take("photocopy", 0.5)) {
      photocopy(doc.pages.back(), layout.rng);
    }
  }
  return doc;
}

} // namespace sohoa::gen
