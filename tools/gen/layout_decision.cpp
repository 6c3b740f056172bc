// Quyết định laid out per Nghị định 30/2020/NĐ-CP, Phụ lục I.
#include "tools/gen/layout_common.hpp"
#include "tools/gen/layouts.hpp"
#include "tools/gen/marks.hpp"
#include "tools/gen/vn_data.hpp"

namespace sohoa::gen {

namespace {

struct Agency {
  std::vector<std::string> lines; // printed top left, from bold_from on in bold
  std::size_t bold_from = 1;      // the issuer's lines; those above name its parent
  std::string symbol;             // QĐ-UBND
  std::string head_title;         // CHỦ TỊCH
  std::string deputy_title;       // PHÓ CHỦ TỊCH
  std::string collective;         // TM. ỦY BAN NHÂN DÂN
  std::string issuer_phrase;      // "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ"
  std::string place;              // "Bến Nghé"
};

// The agency block over three lines: the parent agency above the issuer, or the
// parent's full name over two. Joined by spaces it still reads as one name.
std::vector<std::string> three_line_agency(int kind, const Address& o) {
  if (kind == 0) {
    return {"UBND " + upper_vn(o.district), "ỦY BAN NHÂN DÂN", upper_vn(o.ward)};
  }
  if (kind == 1) {
    return {"UBND " + upper_vn(o.province), "ỦY BAN NHÂN DÂN", upper_vn(o.district)};
  }
  return {"ỦY BAN NHÂN DÂN", upper_vn(o.province), "SỞ TƯ PHÁP"};
}

Agency random_agency(Rng& rng, const DossierContext& ctx, LayoutVariant& layout) {
  Agency a;
  const int kind = rng.range(0, 2);
  const Address& o = ctx.office;
  if (kind == 0) {
    a.lines = {"ỦY BAN NHÂN DÂN", upper_vn(o.ward)};
    a.symbol = "QĐ-UBND";
    a.head_title = "CHỦ TỊCH";
    a.deputy_title = "PHÓ CHỦ TỊCH";
    a.collective = "TM. ỦY BAN NHÂN DÂN";
    a.issuer_phrase = "CHỦ TỊCH ỦY BAN NHÂN DÂN " + upper_vn(o.ward);
    a.place = place_name(o);
  } else if (kind == 1) {
    a.lines = {"ỦY BAN NHÂN DÂN", upper_vn(o.district)};
    a.symbol = "QĐ-UBND";
    a.head_title = "CHỦ TỊCH";
    a.deputy_title = "PHÓ CHỦ TỊCH";
    a.collective = "TM. ỦY BAN NHÂN DÂN";
    a.issuer_phrase = "CHỦ TỊCH ỦY BAN NHÂN DÂN " + upper_vn(o.district);
    a.place = capitalize_first(o.district);
  } else {
    a.lines = {"UBND " + upper_vn(o.province), "SỞ TƯ PHÁP"};
    a.symbol = "QĐ-STP";
    a.head_title = "GIÁM ĐỐC";
    a.deputy_title = "PHÓ GIÁM ĐỐC";
    a.collective = "";
    a.issuer_phrase = "GIÁM ĐỐC SỞ TƯ PHÁP " + upper_vn(o.province);
    // The place is the province's name: "Hồ Chí Minh" reads "Thành phố Hồ Chí Minh".
    a.place = o.province.rfind("tỉnh ", 0) == 0 ? o.province.substr(std::string("tỉnh ").size())
                                                : capitalize_first(o.province);
  }
  a.bold_from = a.lines.size() - 1;
  if (layout.take("agency_3_lines", 0.5)) {
    a.lines = three_line_agency(kind, o);
    a.bold_from = kind == 2 ? 2 : 1;
  }
  return a;
}

// The "Về việc" summary in lines of at most `width` mm; a holdout decision sets it
// over two lines of about equal length, as drafters often do with long summaries.
std::vector<std::string> summary_lines(Canvas& page, const std::string& summary,
                                       const TextStyle& style, double width, bool two_lines) {
  auto lines = wrap_lines(page, summary, style, width, width);
  if (!two_lines || lines.size() > 2) {
    return lines;
  }
  for (double half = page.text_width(summary, style) / 2; half < width; half += 2) {
    lines = wrap_lines(page, summary, style, half, half);
    if (lines.size() <= 2) {
      break;
    }
  }
  return lines;
}

struct Subject {
  std::string summary;
  std::vector<std::string> articles;
};

Subject random_subject(Rng& rng, const Person& p, const Address& office) {
  Subject s;
  const int kind = rng.range(0, 3);
  if (kind == 0) {
    s.summary = "Về việc công nhận kết quả đăng ký thường trú cho ông (bà) " + p.full_name();
    s.articles = {"Công nhận ông (bà) " + p.full_name() + ", sinh ngày " + p.birth.dmy() +
                      ", số định danh cá nhân " + p.id_number + " được đăng ký thường trú tại " +
                      p.residence.full() + ".",
                  "Quyết định này có hiệu lực kể từ ngày ký."};
  } else if (kind == 1) {
    s.summary = "Về việc cấp giấy phép xây dựng nhà ở riêng lẻ";
    s.articles = {"Cấp giấy phép xây dựng cho ông (bà) " + p.full_name() +
                      " được xây dựng nhà ở riêng lẻ tại " + p.residence.full() +
                      ", diện tích xây dựng " + std::to_string(rng.range(40, 180)) +
                      " mét vuông, gồm " + std::to_string(rng.range(1, 5)) + " tầng.",
                  "Chủ đầu tư có trách nhiệm thực hiện đúng nội dung giấy phép, bảo đảm an "
                  "toàn và vệ sinh môi trường trong quá trình thi công.",
                  "Quyết định này có hiệu lực kể từ ngày ký."};
  } else if (kind == 2) {
    s.summary = "Về việc hỗ trợ kinh phí cho hộ gia đình có hoàn cảnh khó khăn";
    s.articles = {"Hỗ trợ kinh phí cho hộ ông (bà) " + p.full_name() + ", cư trú tại " +
                      office.ward + ", số tiền " + std::to_string(rng.range(2, 20)) +
                      ".000.000 đồng.",
                  "Nguồn kinh phí được chi từ ngân sách địa phương năm " +
                      std::to_string(reference_today().year) + ".",
                  "Quyết định này có hiệu lực kể từ ngày ký."};
  } else {
    s.summary = "Về việc thành lập Tổ công tác số hóa hồ sơ, kết quả giải quyết thủ tục hành chính";
    s.articles = {"Thành lập Tổ công tác số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tại "
                  "Bộ phận Một cửa, do ông (bà) " +
                      p.full_name() + " làm Tổ trưởng.",
                  "Tổ công tác có nhiệm vụ số hóa, lưu trữ và khai thác hồ sơ điện tử theo quy "
                  "định tại Nghị định số 45/2020/NĐ-CP và Thông tư số 01/2023/TT-VPCP.",
                  "Quyết định này có hiệu lực kể từ ngày ký."};
  }
  return s;
}

} // namespace

GenDocument make_admin_decision(Rng& rng, const DossierContext& ctx, LayoutVariant& layout) {
  GenDocument doc;
  doc.doc_type = "administrative_decision";
  doc.slug = "quyet-dinh";
  auto& f = doc.fields;
  const Agency agency = random_agency(rng, ctx, layout);
  const Person signer = random_person(rng, rng.chance(0.6), Date{1965, 1, 1}, Date{1985, 12, 31});
  const Subject subject = random_subject(rng, ctx.applicant, ctx.office);

  FormStyle style = random_form_style(rng);
  style.left = rng.uniform(25, 30); // NĐ 30: left margin 30-35 mm, right 15-20 mm
  style.value = style.label;
  FormWriter w(ctx.dpi, style);
  Canvas& page = w.page();
  const double size = style.size_pt;
  const double lh = size * 25.4 / 72 * 1.35;
  const double left_cx = style.left + 33;
  const double right_cx = style.right - 48;
  double y = style.top + lh;

  // Agency block, top left. The header's columns are read one after the other,
  // left then right, as a reader (and PDF/UA reading order) takes them.
  page.set_block(0);
  const TextStyle agency_parent{size - 0.5, false, false, k_black, false};
  const TextStyle agency_bold{size - 0.5, true, false, k_black, false};
  std::string agency_joined;
  for (std::size_t i = 0; i < agency.lines.size(); ++i) {
    const bool last = i + 1 == agency.lines.size();
    page.text_centred(left_cx, y, agency.lines[i],
                      i >= agency.bold_from ? agency_bold : agency_parent);
    agency_joined += (agency_joined.empty() ? "" : " ") + agency.lines[i];
    if (last) {
      const double half = page.text_width(agency.lines[i], agency_bold) * 0.2;
      page.line(left_cx - half, y + 2.3, left_cx + half, y + 2.3, 0.25);
    }
    y += lh;
  }
  int number = rng.range(1, 450);
  const std::string number_text =
      (number < 10 ? "0" : "") + std::to_string(number) + "/" + agency.symbol;
  y += lh * 0.3;
  page.text_centred(left_cx, y, "Số: " + number_text,
                    TextStyle{size, false, false, k_black, false});
  const double left_end = y;

  // Motto and place/date, top right.
  page.set_block(1);
  y = style.top + lh;
  page.text_centred(right_cx, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    TextStyle{size - 0.5, true, false, k_black, false});
  y += lh;
  page.text_centred(right_cx, y, "Độc lập - Tự do - Hạnh phúc",
                    TextStyle{size, true, false, k_black, true});
  y += lh * 1.3;
  const Date issued = random_date(rng, Date{ctx.received.year - 1, 1, 1}, ctx.received);
  const std::string date_line = agency.place + ", " + issued.long_vn();
  page.text_centred(right_cx, std::max(y, left_end), date_line,
                    TextStyle{size, false, true, k_black, false});
  f["issuing_agency"] = agency_joined;
  f["document_number"] = number_text;
  f["issued_place"] = agency.place;
  f["issued_date"] = issued.iso();

  // Type name, summary, issuer.
  page.set_block(2);
  w.set_y(std::max(y, left_end) + lh * 2.2);
  w.centred("QUYẾT ĐỊNH", TextStyle{size + 1, true, false, k_black, false});
  w.set_y(w.y() - style.line_mm * 0.3);
  const TextStyle summary_style{size, true, false, k_black, false};
  const bool two_line_summary = layout.take("summary_2_lines", 0.5);
  double summary_baseline = w.y();
  for (const auto& line :
       summary_lines(page, subject.summary, summary_style, 125, two_line_summary)) {
    summary_baseline = w.y();
    w.centred(line, summary_style);
    w.set_y(w.y() - style.line_mm * 0.25);
  }
  f["document_kind"] = "QUYẾT ĐỊNH";
  f["summary"] = subject.summary;
  // The short rule under the summary (NĐ 30/2020: a third to a half of its width).
  const double mid = (style.left + style.right) / 2;
  page.line(mid - 15, summary_baseline + 2.8, mid + 15, summary_baseline + 2.8, 0.25);
  w.advance(0.6);
  for (const auto& line : wrap_lines(page, agency.issuer_phrase, summary_style, 150, 150)) {
    w.centred(line, summary_style);
    w.set_y(w.y() - style.line_mm * 0.2);
  }
  w.advance(0.3);
  const TextStyle body{size, false, false, k_black, false};
  const TextStyle body_italic{size, false, true, k_black, false};
  w.paragraph("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa "
              "đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền "
              "địa phương ngày 22 tháng 11 năm 2019;",
              body_italic, 10, true);
  w.paragraph("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công "
              "tác văn thư;",
              body_italic, 10, true);
  w.paragraph("Theo đề nghị của " +
                  rng.pick(std::vector<std::string>{"Công chức Tư pháp - Hộ tịch",
                                                    "Trưởng phòng Quản lý đô thị",
                                                    "Công chức Văn phòng - Thống kê"}) +
                  ".",
              body_italic, 10, true);
  w.advance(0.2);
  w.centred("QUYẾT ĐỊNH:", TextStyle{size, true, false, k_black, false});
  for (std::size_t i = 0; i < subject.articles.size(); ++i) {
    w.paragraph("Điều " + std::to_string(i + 1) + ". " + subject.articles[i], body, 10, true);
  }
  w.paragraph("Điều " + std::to_string(subject.articles.size() + 1) +
                  ". Văn phòng, các cơ quan, đơn vị có liên quan và ông (bà) " +
                  ctx.applicant.full_name() + " chịu trách nhiệm thi hành Quyết định này./.",
              body, 10, true);

  // Recipients bottom left, signer bottom right.
  w.ensure(style.line_mm * 8);
  Canvas& last = w.page();
  const double sig_top = w.y() + style.line_mm * 0.4;
  last.text(style.left, sig_top, "Nơi nhận:", TextStyle{size - 1, true, true, k_black, false});
  const TextStyle small{size - 2, false, false, k_black, false};
  double ry = sig_top + style.line_mm * 0.7;
  for (const std::string& r :
       {std::string("- Như Điều ") + std::to_string(subject.articles.size() + 1) + ";",
        std::string("- Lưu: VT.")}) {
    last.text(style.left, ry, r, small);
    ry += style.line_mm * 0.65;
  }
  std::vector<std::string> title_lines;
  int title_kind = rng.range(0, 2);
  const bool seal_over_name = layout.take("seal_over_name", 0.5);
  // A two-line title (KT. / TM.); drawn last, so it is certain when nothing else applied.
  if (layout.take("signer_2_lines", layout.used.empty() ? 1.0 : 0.7)) {
    title_kind = agency.collective.empty() ? 0 : layout.rng.range(0, 1);
  }
  if (title_kind == 0) {
    title_lines = {"KT. " + agency.head_title, agency.deputy_title};
  } else if (title_kind == 1 && !agency.collective.empty()) {
    title_lines = {agency.collective, agency.head_title};
  } else {
    title_lines = {agency.head_title};
  }
  const double sig_cx = style.right - 38;
  double ty = sig_top;
  std::string title_joined;
  for (const auto& t : title_lines) {
    last.text_centred(sig_cx, ty, t, TextStyle{size, true, false, k_black, false});
    title_joined += (title_joined.empty() ? "" : " ") + t;
    ty += style.line_mm * 0.75;
  }
  draw_signature(last, rng, sig_cx - 17, ty + 1, 34, 15);
  const std::string ring = agency.lines.back() + " * " + upper_vn(ctx.office.province);
  const double seal_radius = 16;
  const double seal_dx = rng.uniform(-3, 3);
  const double seal_dy = rng.uniform(-1.5, 1.5);
  const double name_y = ty + std::max(style.line_mm * 3.6, 34.0);
  const TextStyle name_style{size, true, false, k_black, false};
  if (seal_over_name) {
    // Stamped after printing: the ring crosses the left part of the name.
    last.text_centred(sig_cx, name_y, signer.full_name(), name_style);
    const double name_left = sig_cx - last.text_width(signer.full_name(), name_style) / 2;
    draw_seal(last, rng, name_left - seal_radius * 0.3 + seal_dx,
              name_y - seal_radius * 0.6 + seal_dy, seal_radius, ring, "");
  } else {
    // Over the left third of the signature, below the title.
    const double seal_x = sig_cx - 17 + seal_dx;
    draw_seal(last, rng, seal_x, ty + 13 + seal_dy, seal_radius, ring, "");
    last.text_centred(sig_cx, name_y, signer.full_name(), name_style);
  }
  f["signer_title"] = title_joined;
  f["signer_name"] = signer.full_name();
  doc.pages = w.finish();
  return doc;
}

} // namespace sohoa::gen
