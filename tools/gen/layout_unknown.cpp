// Documents of no known type: a letter (đơn), a receipt (biên nhận), a power of
// attorney (giấy ủy quyền). They share labels with the known forms on purpose.
#include "tools/gen/layout_common.hpp"
#include "tools/gen/layouts.hpp"
#include "tools/gen/vn_data.hpp"

namespace sohoa::gen {

namespace {

void letter(FormWriter& w, Rng& rng, const DossierContext& ctx, GenDocument& doc) {
  const Person& p = ctx.applicant;
  const std::string topic = rng.pick(std::vector<std::string>{"XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
                                                              "CẤP LẠI BẢN SAO GIẤY KHAI SINH",
                                                              "NGHỈ PHÉP", "XÁC NHẬN NƠI CƯ TRÚ"});
  doc.slug = "don-xin";
  form_header(w, "ĐƠN XIN " + topic, w.style().size_pt + 2);
  w.field("Kính gửi", "Ủy ban nhân dân " + ctx.office.ward, false);
  w.field("Tôi tên là", p.full_name());
  w.field("Ngày sinh", p.birth.dmy());
  w.field("Nơi cư trú", p.residence.full());
  w.field("Số điện thoại", print_phone(rng, p.phone));
  w.paragraph("Nay tôi làm đơn này kính đề nghị Ủy ban nhân dân " + ctx.office.ward +
                  " xem xét, giải quyết theo đề nghị của tôi để bổ sung hồ sơ. Lý do: phục vụ công "
                  "việc cá nhân "
                  "và hoàn thiện giấy tờ theo yêu cầu của cơ quan có thẩm quyền.",
              w.style().label, 10, true);
  w.paragraph("Tôi xin cam đoan những thông tin trên là đúng sự thật. Kính mong được xem xét, "
              "giải quyết. Tôi xin chân thành cảm ơn!",
              w.style().label, 10, true);
  w.advance(0.5);
  signature_block(w, rng, place_name(ctx.office) + ", " + ctx.received.long_vn(), "Người làm đơn",
                  "(Ký, ghi rõ họ tên)", p.full_name());
}

void receipt(FormWriter& w, Rng& rng, const DossierContext& ctx, GenDocument& doc) {
  const Person& p = ctx.applicant;
  doc.slug = "bien-nhan";
  const FormStyle& s = w.style();
  // The header's columns are read one after the other: agency, then motto.
  w.page().set_block(0);
  w.page().text_centred(s.left + 35, w.y(), "ỦY BAN NHÂN DÂN",
                        TextStyle{s.size_pt - 1, false, false, k_black, false});
  w.page().text_centred(s.left + 35, w.y() + s.line_mm * 0.7, upper_vn(ctx.office.ward),
                        TextStyle{s.size_pt - 1, true, false, k_black, false});
  w.page().set_block(1);
  w.motto(s.right - 45, s.size_pt - 0.5);
  w.page().set_block(2);
  w.advance(1.2);
  w.centred("BIÊN NHẬN HỒ SƠ", TextStyle{s.size_pt + 2, true, false, k_black, false});
  w.field("Bộ phận Tiếp nhận và Trả kết quả", "Ủy ban nhân dân " + ctx.office.ward);
  w.field("Tiếp nhận hồ sơ của", p.full_name());
  w.field("Địa chỉ", p.residence.full());
  w.field("Số điện thoại", print_phone(rng, p.phone));
  w.field("Nội dung yêu cầu giải quyết",
          rng.pick(std::vector<std::string>{"Đăng ký khai sinh", "Đăng ký thường trú",
                                            "Cấp Phiếu lý lịch tư pháp số 1"}));
  w.page().text(s.left, w.y(),
                "Thành phần hồ sơ gồm:", TextStyle{s.size_pt, true, false, k_black, false});
  w.advance();
  const int n = rng.range(2, 4);
  static const std::vector<std::string> k_items = {
      "Tờ khai theo mẫu", "Bản sao Căn cước công dân", "Giấy chứng sinh",
      "Giấy xác nhận thông tin về cư trú", "Giấy chứng nhận kết hôn"};
  for (int i = 0; i < n; ++i) {
    w.page().text(s.left + 6, w.y(),
                  std::to_string(i + 1) + ". " + k_items[static_cast<std::size_t>(i)] + ": 01 bản",
                  s.label);
    w.advance();
  }
  w.field("Số lượng hồ sơ", "01 bộ");
  w.field("Ngày nhận", ctx.received.dmy());
  const Date ret{ctx.received.year, ctx.received.month,
                 std::min(ctx.received.day + rng.range(1, 7),
                          days_in_month(ctx.received.year, ctx.received.month))};
  w.field("Ngày hẹn trả kết quả", ret.dmy());
  w.advance(0.5);
  signature_block(
      w, rng, "", "Người tiếp nhận", "(Ký, ghi rõ họ tên)",
      random_person(rng, rng.chance(0.5), Date{1975, 1, 1}, Date{1998, 1, 1}).full_name());
}

void power_of_attorney(FormWriter& w, Rng& rng, const DossierContext& ctx, GenDocument& doc) {
  const Person& p = ctx.applicant;
  const Person agent = random_person(rng, rng.chance(0.5), Date{1960, 1, 1}, Date{2000, 1, 1});
  doc.slug = "giay-uy-quyen";
  const FormStyle& s = w.style();
  form_header(w, "GIẤY ỦY QUYỀN", s.size_pt + 3);
  const TextStyle bold{s.size_pt, true, false, k_black, false};
  w.page().text(s.left, w.y(), "BÊN ỦY QUYỀN (Bên A):", bold);
  w.advance();
  w.field("Họ và tên", p.full_name());
  w.field("Ngày sinh", p.birth.dmy());
  w.field("Số CCCD", p.id_number);
  w.field("Nơi cư trú", p.residence.full());
  w.page().text(s.left, w.y(), "BÊN ĐƯỢC ỦY QUYỀN (Bên B):", bold);
  w.advance();
  w.field("Họ và tên", agent.full_name());
  w.field("Ngày sinh", agent.birth.dmy());
  w.field("Số CCCD", agent.id_number);
  w.field("Nơi cư trú", agent.residence.full());
  w.page().text(s.left, w.y(), "NỘI DUNG ỦY QUYỀN:", bold);
  w.advance();
  w.paragraph("Bên B được thay mặt Bên A nộp hồ sơ, nhận kết quả giải quyết thủ tục hành chính "
              "tại Bộ phận Một cửa Ủy ban nhân dân " +
                  ctx.office.ward + " và ký các giấy tờ có liên quan.",
              s.label, 10, true);
  w.paragraph("Thời hạn ủy quyền: kể từ ngày ký đến khi hoàn thành công việc được ủy quyền.",
              s.label, 10, true);
  w.advance(0.5);
  w.ensure(s.line_mm * 7);
  const double y0 = w.y();
  w.page().text_right(s.right, y0, place_name(ctx.office) + ", " + ctx.received.long_vn(),
                      TextStyle{s.size_pt, false, true, k_black, false});
  const double lcx = s.left + (s.right - s.left) * 0.22;
  const double rcx = s.right - (s.right - s.left) * 0.22;
  w.page().text_centred(lcx, y0 + s.line_mm, "BÊN ỦY QUYỀN", bold);
  w.page().text_centred(lcx, y0 + s.line_mm * 4.5, p.full_name(), bold);
  w.page().text_centred(rcx, y0 + s.line_mm, "BÊN ĐƯỢC ỦY QUYỀN", bold);
  w.page().text_centred(rcx, y0 + s.line_mm * 4.5, agent.full_name(), bold);
}

} // namespace

GenDocument make_unknown_document(Rng& rng, const DossierContext& ctx, LayoutVariant& layout) {
  GenDocument doc;
  doc.doc_type = "unknown";
  FormStyle style = random_form_style(rng);
  vary_form_style(style, layout);
  FormWriter w(ctx.dpi, style, layout.rng.fork(1));
  const int kind = rng.range(0, 2);
  if (kind == 0) {
    letter(w, rng, ctx, doc);
  } else if (kind == 1) {
    receipt(w, rng, ctx, doc);
  } else {
    power_of_attorney(w, rng, ctx, doc);
  }
  doc.pages = w.finish();
  return doc;
}

} // namespace sohoa::gen
