// Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (mẫu số 03/2013/TT-LLTP).
#include "tools/gen/layout_common.hpp"
#include "tools/gen/layouts.hpp"
#include "tools/gen/vn_data.hpp"

namespace sohoa::gen {

namespace {

void residence_table(FormWriter& w, Rng& rng, const Person& p) {
  const FormStyle& s = w.style();
  const TextStyle head{s.size_pt - 2, true, false, k_black, false};
  const TextStyle cell{s.size_pt - 2, false, false, s.value.colour, false};
  const double total = s.right - s.left;
  const double cols[] = {0, total * 0.27, total * 0.68, total};
  const char* headers[] = {"Từ tháng, năm đến tháng, năm", "Nơi cư trú",
                           "Nghề nghiệp, nơi làm việc"};
  const int rows = rng.range(1, 3);
  const double row_h = s.line_mm * 1.1;
  w.ensure(row_h * (rows + 2));
  const double top = w.y() - s.line_mm * 0.75;
  for (int c = 0; c < 3; ++c) {
    const double width = cols[c + 1] - cols[c] - 2.4;
    w.page().text(s.left + cols[c] + 1.2, top + row_h * 0.7, headers[c],
                  cell_style(w.page(), s, headers[c], head, width));
  }
  int year = p.birth.year + 14;
  for (int r = 0; r < rows; ++r) {
    const int until = r + 1 == rows ? 2026 : std::min(2025, year + rng.range(2, 8));
    const std::string period =
        two_digits(rng.range(1, 12)) + "/" + std::to_string(year) + " - " +
        (r + 1 == rows ? "nay" : two_digits(rng.range(1, 12)) + "/" + std::to_string(until));
    const Address a = random_address(rng);
    const std::string cells[] = {period, a.ward + ", " + a.district, rng.pick(occupations())};
    for (int c = 0; c < 3; ++c) {
      const double width = cols[c + 1] - cols[c] - 2.4;
      w.page().text(s.left + cols[c] + 1.2, top + row_h * (r + 1.7), cells[c],
                    cell_style(w.page(), s, cells[c], cell, width));
    }
    year = until;
  }
  for (int c = 0; c < 4; ++c) {
    w.page().line(s.left + cols[c], top, s.left + cols[c], top + row_h * (rows + 1), 0.2);
  }
  for (int r = 0; r <= rows + 1; ++r) {
    w.page().line(s.left, top + row_h * r, s.right, top + row_h * r, 0.2);
  }
  w.set_y(top + row_h * (rows + 1) + s.line_mm);
}

// The labels that differ between printings of the form (schema x-labels, and the
// "… số" id line of newer printings, whose number follows the label directly).
struct JudicialLabels {
  std::string full_name = "Họ và tên";
  std::string id_document = "Giấy CMND/Hộ chiếu/CCCD";
  std::string id_number = "Số:"; // empty: the number follows the document label
  std::string issue_date = "Cấp ngày:";
  std::string issue_place = "Tại:";
  std::string spouse = "Họ và tên vợ/chồng";
  std::string contact = "Số điện thoại/email";
};

JudicialLabels judicial_labels(LayoutVariant& layout) {
  JudicialLabels l;
  if (layout.take("label_wording", 0.6)) {
    l.full_name = "Họ, chữ đệm và tên";
    if (layout.rng.chance(0.5)) {
      l.id_document = "Giấy CMND/Hộ chiếu/CCCD số";
      l.id_number = "";
    } else {
      l.id_document = "Giấy CCCD/CMND/Hộ chiếu";
    }
    l.issue_date = "Ngày cấp:";
    l.issue_place = "Nơi cấp:";
    l.spouse = "Họ và tên vợ, chồng";
    l.contact = "Số điện thoại/Email";
  }
  return l;
}

} // namespace

GenDocument make_judicial_request(Rng& rng, const DossierContext& ctx, LayoutVariant& layout) {
  GenDocument doc;
  doc.doc_type = "judicial_record_request";
  doc.slug = "to-khai-ly-lich-tu-phap";
  auto& f = doc.fields;
  const Person& p = ctx.applicant;

  FormStyle style = random_form_style(rng);
  style.numbered = rng.chance(0.85);
  const JudicialLabels labels = judicial_labels(layout);
  vary_form_style(style, layout);
  FormWriter w(ctx.dpi, style, layout.rng.fork(1));
  const TextStyle small_bold{style.size_pt - 2, true, false, k_black, false};
  w.page().text_right(style.right, style.top, "Mẫu số 03/2013/TT-LLTP", small_bold);
  w.set_y(style.top + 8);
  form_header(w, "TỜ KHAI YÊU CẦU CẤP PHIẾU LÝ LỊCH TƯ PHÁP", style.size_pt + 1);
  w.centred("(Dùng cho cá nhân có yêu cầu cấp Phiếu lý lịch tư pháp)",
            TextStyle{style.size_pt - 1, false, true, k_black, false});
  const std::string recipient =
      rng.chance(0.5) ? "Sở Tư pháp " + p.residence.province : "Trung tâm Lý lịch tư pháp quốc gia";
  {
    const std::string printed = "Kính gửi:";
    w.page().text(style.left + 30, w.y(), printed, style.label);
    w.page().text(style.left + 32 + w.page().text_width(printed, style.label), w.y(), recipient,
                  style.value);
    w.advance(1.2);
  }

  w.inline_fields({{labels.full_name, p.full_name()}, {"Giới tính", p.gender()}});
  f["full_name"] = p.full_name();
  f["gender"] = p.gender();
  w.field("Ngày, tháng, năm sinh", p.birth.dmy());
  f["date_of_birth"] = p.birth.iso();
  const std::string birth_place = capitalize_first(province_by_code(p.birth_province_code).kind) +
                                  " " + province_by_code(p.birth_province_code).name;
  w.field("Nơi sinh", birth_place);
  f["place_of_birth"] = birth_place;
  w.inline_fields({{"Quốc tịch", "Việt Nam"}, {"Dân tộc", p.ethnicity}});
  f["nationality"] = "Việt Nam";
  f["ethnicity"] = p.ethnicity;
  w.field("Nơi thường trú", p.residence.full());
  f["permanent_residence"] = p.residence.full();
  if (rng.chance(0.4)) {
    const Address temp = random_address(rng);
    w.field("Nơi tạm trú", temp.full());
    f["temporary_residence"] = temp.full();
  } else {
    w.field("Nơi tạm trú", "");
  }
  const bool old_card = rng.chance(0.25);
  std::string id = old_card ? p.old_id_number : p.id_number;
  if (!old_card && ctx.allow_invalid && rng.chance(0.12)) {
    id = break_personal_id(rng, id);
    doc.invalid_fields.push_back("id_document_number");
  }
  const std::string issue_place =
      old_card ? "Công an " + p.residence.province : "Cục Cảnh sát QLHC về TTXH";
  {
    // "Giấy CMND/Hộ chiếu/CCCD: Số: … Cấp ngày: … Tại: …" on one line, wrapping the place.
    w.ensure(style.line_mm);
    const std::string printed = w.label(labels.id_document);
    double x = style.left;
    w.page().text(x, w.y(), printed, style.label);
    x += w.page().text_width(printed, style.label) + 2;
    const auto put = [&](const std::string& lab, const std::string& val) {
      if (!lab.empty()) {
        w.page().text(x, w.y(), lab, style.label);
        x += w.page().text_width(lab, style.label) + 1.5;
      }
      x = w.flow(val, x, style.left, style.value, style.right) + 3;
    };
    put(labels.id_number, id);
    put(labels.issue_date, p.id_issue.dmy());
    put(labels.issue_place, issue_place);
    w.advance();
  }
  f["id_document_number"] = id;
  f["id_issue_date"] = p.id_issue.iso();
  f["id_issue_place"] = issue_place;
  const Person father = random_person(rng, true, Date{1940, 1, 1}, Date{p.birth.year - 20, 1, 1});
  const Person mother = random_person(rng, false, Date{1945, 1, 1}, Date{p.birth.year - 18, 1, 1});
  std::string father_name = p.family + " " + father.middle + " " + father.given;
  w.field("Họ và tên cha", father_name);
  f["father_full_name"] = father_name;
  w.field("Họ và tên mẹ", mother.full_name());
  f["mother_full_name"] = mother.full_name();
  if (rng.chance(0.55)) {
    const Person spouse = random_person(rng, !p.male, Date{1960, 1, 1}, Date{2004, 1, 1});
    w.field(labels.spouse, spouse.full_name());
    f["spouse_full_name"] = spouse.full_name();
  } else {
    w.field(labels.spouse, "");
  }
  if (rng.chance(0.6)) {
    const std::string printed = print_phone(rng, p.phone);
    w.field(labels.contact, printed);
    f["phone_or_email"] = p.phone;
  } else {
    w.field(labels.contact, p.email);
    f["phone_or_email"] = p.email;
  }
  if (rng.chance(0.25)) {
    w.new_page(); // the printed form runs over two sheets
  }
  w.page().text(style.left, w.y(), w.label("Quá trình cư trú của bản thân (tính từ đủ 14 tuổi)"),
                style.label);
  w.advance();
  residence_table(w, rng, p);
  w.field("Tình trạng án tích", "Không có án tích");
  const std::string purpose = rng.pick(purposes_judicial());
  w.field("Mục đích yêu cầu cấp Phiếu lý lịch tư pháp", purpose);
  f["purpose"] = purpose;
  const int copies = rng.range(1, 3);
  w.field("Số lượng Phiếu lý lịch tư pháp yêu cầu cấp", std::to_string(copies) + " bản");
  f["copies_requested"] = std::to_string(copies);
  w.paragraph("Tôi xin cam đoan những lời khai trên là đúng sự thật và chịu trách nhiệm về lời "
              "khai của mình.",
              style.label, 10, true);
  w.advance(0.4);
  signature_block(w, rng, place_name(ctx.office) + ", " + ctx.received.long_vn(), "Người khai",
                  "(Ký và ghi rõ họ tên)", p.full_name());
  doc.pages = w.finish();
  return doc;
}

} // namespace sohoa::gen
