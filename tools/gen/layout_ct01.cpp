// Tờ khai thay đổi thông tin cư trú, mẫu CT01 (Thông tư 66/2023/TT-BCA).
#include "tools/gen/layout_common.hpp"
#include "tools/gen/layouts.hpp"
#include "tools/gen/marks.hpp"
#include "tools/gen/vn_data.hpp"

namespace sohoa::gen {

namespace {

void member_table(FormWriter& w, const std::vector<Person>& members,
                  const std::vector<std::string>& relations) {
  const FormStyle& s = w.style();
  const TextStyle head{s.size_pt - 2, true, false, k_black, false};
  const TextStyle cell{s.size_pt - 2, false, false, s.value.colour, false};
  const double widths[] = {10, 52, 28, 18, 35, 22};
  const char* headers[] = {"TT",        "Họ, chữ đệm và tên", "Ngày sinh",
                           "Giới tính", "Số định danh",       "Quan hệ"};
  const double total = s.right - s.left;
  const double scale = total / 165.0;
  const double row_h = s.line_mm * 1.1;
  w.ensure(row_h * (static_cast<double>(members.size()) + 2));
  double top = w.y() - s.line_mm * 0.75;
  const int rows = static_cast<int>(members.size()) + 1;
  double x = s.left;
  for (int c = 0; c < 6; ++c) {
    w.page().text(x + 1.2, top + row_h * 0.7, headers[c],
                  cell_style(w.page(), s, headers[c], head, widths[c] * scale - 2.4));
    x += widths[c] * scale;
  }
  for (int r = 0; r < static_cast<int>(members.size()); ++r) {
    const Person& m = members[static_cast<std::size_t>(r)];
    const std::string cells[] = {std::to_string(r + 1), m.full_name(),
                                 m.birth.dmy(),         m.gender(),
                                 m.id_number,           relations[static_cast<std::size_t>(r)]};
    x = s.left;
    for (int c = 0; c < 6; ++c) {
      w.page().text(x + 1.2, top + row_h * (r + 1.7), cells[c],
                    cell_style(w.page(), s, cells[c], cell, widths[c] * scale - 2.4));
      x += widths[c] * scale;
    }
  }
  // Grid.
  x = s.left;
  for (int c = 0; c <= 6; ++c) {
    w.page().line(x, top, x, top + row_h * rows, 0.2);
    if (c < 6) {
      x += widths[c] * scale;
    }
  }
  for (int r = 0; r <= rows; ++r) {
    w.page().line(s.left, top + row_h * r, s.right, top + row_h * r, 0.2);
  }
  w.set_y(top + row_h * rows + s.line_mm);
}

// The labels that differ between printings of the form (schema x-labels).
struct Ct01Labels {
  std::string full_name = "Họ, chữ đệm và tên";
  std::string phone = "Số điện thoại liên hệ";
  std::string email = "Email";
  std::string head_name = "Họ, chữ đệm và tên chủ hộ";
  std::string relationship = "Mối quan hệ với chủ hộ";
  std::string head_id = "Số định danh cá nhân của chủ hộ";
};

Ct01Labels ct01_labels(LayoutVariant& layout) {
  Ct01Labels l;
  if (layout.take("label_wording", 0.6)) {
    l.full_name = "Họ và tên";
    l.phone = "Số điện thoại";
    l.email = "E-mail";
    l.head_name = "Họ và tên chủ hộ";
    l.relationship = "Quan hệ với chủ hộ";
    l.head_id = "Số định danh cá nhân chủ hộ";
  }
  return l;
}

} // namespace

GenDocument make_residence_ct01(Rng& rng, const DossierContext& ctx, LayoutVariant& layout) {
  GenDocument doc;
  doc.doc_type = "residence_form_ct01";
  doc.slug = "to-khai-ct01";
  auto& f = doc.fields;
  const Person& p = ctx.applicant;

  FormStyle style = random_form_style(rng);
  style.numbered = rng.chance(0.8); // the printed form numbers its items
  const Ct01Labels labels = ct01_labels(layout);
  style.grid = layout.take("grid", 0.5);
  vary_form_style(style, layout);
  FormWriter w(ctx.dpi, style, layout.rng.fork(1));
  // "Mẫu CT01" and its legal basis, top right in small type.
  const TextStyle small_bold{style.size_pt - 2, true, false, k_black, false};
  const TextStyle small_italic{style.size_pt - 3, false, true, k_black, false};
  w.page().text_right(style.right, style.top, "Mẫu CT01", small_bold);
  w.page().text_right(style.right, style.top + 4.2, "Ban hành kèm theo Thông tư số 66/2023/TT-BCA",
                      small_italic);
  w.set_y(style.top + 12);
  form_header(w, "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ", style.size_pt + 2);

  const std::string recipient = "Công an " + ctx.office.ward + ", " + ctx.office.district;
  {
    // "Kính gửi" is not numbered on the form.
    const std::string printed = "Kính gửi:";
    w.page().text(style.left, w.y(), printed, style.label);
    w.flow(recipient, style.left + w.page().text_width(printed, style.label) + 2, style.left,
           style.value, style.right);
    w.advance();
  }
  f["recipient"] = recipient;

  w.field(labels.full_name, p.full_name());
  f["full_name"] = p.full_name();
  w.inline_fields({{"Ngày, tháng, năm sinh", p.birth.dmy()}, {"Giới tính", p.gender()}});
  f["date_of_birth"] = p.birth.iso();
  f["gender"] = p.gender();
  std::string id = p.id_number;
  if (ctx.allow_invalid && rng.chance(0.12)) {
    id = break_personal_id(rng, id);
    doc.invalid_fields.push_back("personal_id_number");
  }
  w.field("Số định danh cá nhân", id);
  f["personal_id_number"] = id;
  const std::string phone_printed = print_phone(rng, p.phone);
  const bool has_email = rng.chance(0.7);
  w.inline_fields({{labels.phone, phone_printed}, {labels.email, has_email ? p.email : ""}});
  f["phone"] = p.phone;
  if (has_email) {
    f["email"] = p.email;
  }
  const bool is_head = rng.chance(0.35);
  Person head =
      is_head ? p : random_person(rng, rng.chance(0.6), Date{1950, 1, 1}, Date{1990, 12, 31});
  const std::vector<std::string> relations_male = {"Con", "Chồng", "Cháu", "Em", "Con rể"};
  const std::vector<std::string> relations_female = {"Con", "Vợ", "Cháu", "Em", "Con dâu"};
  const std::string relation =
      is_head ? "Chủ hộ" : rng.pick(p.male ? relations_male : relations_female);
  w.field(labels.head_name, head.full_name());
  f["household_head_name"] = head.full_name();
  w.field(labels.relationship, relation);
  f["relationship_to_head"] = relation;
  w.field(labels.head_id, head.id_number);
  f["household_head_id_number"] = head.id_number;
  const std::string content =
      rng.pick(std::vector<std::string>{"Đăng ký thường trú tại ", "Đăng ký tạm trú tại ",
                                        "Điều chỉnh thông tin về cư trú tại ", "Tách hộ tại "}) +
      p.residence.full();
  w.field("Nội dung đề nghị", content);
  f["request_content"] = content;
  w.page().text(style.left, w.y(), w.label("Những thành viên trong hộ gia đình cùng thay đổi"),
                style.label);
  w.advance();
  std::vector<Person> members;
  std::vector<std::string> relations;
  const int n_members = rng.range(0, 2);
  for (int i = 0; i < n_members; ++i) {
    members.push_back(random_person(rng, rng.chance(0.5), Date{1960, 1, 1}, Date{2020, 12, 31}));
    relations.push_back(rng.pick(std::vector<std::string>{"Con", "Vợ", "Chồng", "Mẹ", "Cha"}));
  }
  member_table(w, members, relations);

  // Two signatures side by side: the household head's opinion and the declarant.
  w.ensure(style.line_mm * 6);
  const double y0 = w.y();
  const TextStyle italic{style.size_pt, false, true, k_black, false};
  const std::string date_line = "......, " + ctx.received.long_vn();
  w.page().text_right(style.right, y0, date_line, italic);
  const double left_cx = style.left + (style.right - style.left) * 0.22;
  const double right_cx = style.right - (style.right - style.left) * 0.22;
  const TextStyle bold{style.size_pt - 1, true, false, k_black, false};
  const TextStyle hint{style.size_pt - 2, false, true, k_black, false};
  w.page().text_centred(left_cx, y0 + style.line_mm, "Ý KIẾN CỦA CHỦ HỘ", bold);
  w.page().text_centred(left_cx, y0 + style.line_mm * 1.8, "(Ghi rõ nội dung, ký, ghi rõ họ tên)",
                        hint);
  w.page().text_centred(right_cx, y0 + style.line_mm, "NGƯỜI KÊ KHAI", bold);
  w.page().text_centred(right_cx, y0 + style.line_mm * 1.8, "(Ký, ghi rõ họ tên)", hint);
  const double sig_y = y0 + style.line_mm * 2.2;
  const TextStyle name_style{style.size_pt, true, false, style.value.colour, false};
  if (!is_head && rng.chance(0.8)) {
    // The head agrees in a handwritten line, signs and names himself.
    w.page().text_centred(left_cx, sig_y + style.line_mm * 0.6, "Đồng ý", style.value);
    draw_signature(w.page(), rng, left_cx - 16, sig_y + style.line_mm * 0.9, 32, 14);
    w.page().text_centred(left_cx, sig_y + style.line_mm * 3.4, head.full_name(), name_style);
  }
  draw_signature(w.page(), rng, right_cx - 16, sig_y + style.line_mm * 0.9, 32, 14);
  w.page().text_centred(right_cx, sig_y + style.line_mm * 3.4, p.full_name(), name_style);
  doc.pages = w.finish();
  return doc;
}

} // namespace sohoa::gen
