// Tờ khai đăng ký khai sinh (Thông tư 04/2020/TT-BTP form).
#include "tools/gen/layout_common.hpp"
#include "tools/gen/layouts.hpp"
#include "tools/gen/vn_data.hpp"

namespace sohoa::gen {

namespace {

// The labels that differ between printings of the form (schema x-labels).
struct BirthLabels {
  std::string requester_name = "Họ, chữ đệm, tên người yêu cầu";
  std::string id_document = "Giấy tờ tùy thân";
  std::string relationship = "Quan hệ với người được khai sinh";
  std::string child_heading = "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:";
  std::string child_name = "Họ, chữ đệm, tên";
  std::string mother_name = "Họ, chữ đệm, tên người mẹ";
  std::string father_name = "Họ, chữ đệm, tên người cha";
};

BirthLabels birth_labels(LayoutVariant& layout) {
  BirthLabels l;
  if (layout.take("label_wording", 0.6)) {
    l.requester_name = "Họ, chữ đệm và tên người yêu cầu";
    l.id_document = "Giấy tờ tuỳ thân";
    l.relationship = "Quan hệ với người được đăng ký khai sinh";
    l.child_heading = "Đề nghị cơ quan có thẩm quyền đăng ký khai sinh cho người dưới đây:";
    l.child_name = "Họ, chữ đệm và tên";
    l.mother_name = "Họ, chữ đệm và tên người mẹ";
    l.father_name = "Họ, chữ đệm và tên người cha";
  }
  return l;
}

} // namespace

GenDocument make_birth_registration(Rng& rng, const DossierContext& ctx, LayoutVariant& layout) {
  GenDocument doc;
  doc.doc_type = "birth_registration_form";
  doc.slug = "to-khai-khai-sinh";
  auto& f = doc.fields;

  const Person& requester = ctx.applicant;
  const Date born_from{ctx.received.year - 1, ctx.received.month, 1};
  Person child = random_person(rng, rng.chance(0.5), born_from, ctx.received);
  Person other = random_person(rng, !requester.male, Date{1978, 1, 1}, Date{2004, 12, 31});
  child.family = requester.male ? requester.family : other.family;
  const Person& father = requester.male ? requester : other;
  const Person& mother = requester.male ? other : requester;
  const bool father_known = requester.male || rng.chance(0.9);

  const BirthLabels labels = birth_labels(layout);
  FormStyle style = random_form_style(rng);
  vary_form_style(style, layout);
  FormWriter w(ctx.dpi, style, layout.rng.fork(1));
  form_header(w, "TỜ KHAI ĐĂNG KÝ KHAI SINH", style.size_pt + 2);

  const std::string recipient =
      "Ủy ban nhân dân " + ctx.office.ward +
      (rng.chance(0.5) ? ", " + ctx.office.district + ", " + ctx.office.province : "");
  w.field("Kính gửi", recipient, false);
  f["recipient"] = recipient;
  w.field(labels.requester_name, requester.full_name());
  f["requester_full_name"] = requester.full_name();
  w.field("Nơi cư trú", requester.residence.full());
  f["requester_residence"] = requester.residence.full();
  const bool old_card = rng.chance(0.2);
  const std::string id = old_card ? requester.old_id_number : requester.id_number;
  std::string id_text = (old_card ? "Chứng minh nhân dân số " : "Căn cước công dân số ") + id;
  if (rng.chance(0.6)) {
    id_text += ", cấp ngày " + requester.id_issue.dmy();
  }
  w.field(labels.id_document, id_text);
  f["requester_id_number"] = id;
  const std::string relationship = requester.male ? "Cha" : "Mẹ";
  w.field(labels.relationship, relationship);
  f["requester_relationship"] = relationship;

  // A paragraph, so the longer wording wraps on a narrow page (one line is drawn as a text).
  w.paragraph(labels.child_heading, TextStyle{style.size_pt, true, false, k_black, false}, 0,
              false);
  w.field(labels.child_name, child.full_name());
  f["child_full_name"] = child.full_name();
  w.field("Ngày, tháng, năm sinh", child.birth.dmy());
  f["child_date_of_birth"] = child.birth.iso();
  const std::string ethnicity = father.ethnicity;
  w.inline_fields(
      {{"Giới tính", child.gender()}, {"Dân tộc", ethnicity}, {"Quốc tịch", "Việt Nam"}});
  f["child_gender"] = child.gender();
  f["child_ethnicity"] = ethnicity;
  f["child_nationality"] = "Việt Nam";
  const std::string birth_place =
      rng.pick(hospitals()) + ", " + capitalize_first(mother.residence.province);
  w.field("Nơi sinh", birth_place);
  f["child_place_of_birth"] = birth_place;
  const std::string hometown = father.hometown.short_form();
  w.field("Quê quán", hometown);
  f["child_hometown"] = hometown;

  if (rng.chance(0.3)) {
    w.new_page();
  }
  w.field(labels.mother_name, mother.full_name());
  f["mother_full_name"] = mother.full_name();
  w.inline_fields({{"Năm sinh", std::to_string(mother.birth.year)},
                   {"Dân tộc", mother.ethnicity},
                   {"Quốc tịch", "Việt Nam"}});
  f["mother_birth_year"] = std::to_string(mother.birth.year);
  w.field("Nơi cư trú", mother.residence.full());
  f["mother_residence"] = mother.residence.full();
  if (father_known) {
    w.field(labels.father_name, father.full_name());
    f["father_full_name"] = father.full_name();
    w.inline_fields({{"Năm sinh", std::to_string(father.birth.year)},
                     {"Dân tộc", father.ethnicity},
                     {"Quốc tịch", "Việt Nam"}});
    f["father_birth_year"] = std::to_string(father.birth.year);
    w.field("Nơi cư trú", father.residence.full());
    f["father_residence"] = father.residence.full();
  } else {
    w.field(labels.father_name, "");
    w.inline_fields({{"Năm sinh", ""}, {"Dân tộc", ""}, {"Quốc tịch", ""}});
    w.field("Nơi cư trú", "");
  }
  w.advance(0.3);
  w.paragraph("Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật, được "
              "sự thỏa thuận nhất trí của các bên liên quan theo quy định pháp luật.",
              style.label, 10, true);
  w.paragraph("Tôi chịu hoàn toàn trách nhiệm trước pháp luật về nội dung cam đoan của mình.",
              style.label, 10, true);
  w.advance(0.5);
  const std::string place =
      rng.chance(0.5) ? capitalize_first(ctx.office.ward) : place_name(ctx.office);
  const Date signed_date = ctx.received;
  signature_block(w, rng, "Làm tại: " + place + ", " + signed_date.long_vn(), "Người yêu cầu",
                  "(Ký, ghi rõ họ, chữ đệm, tên)", requester.full_name());
  f["signed_place"] = place;
  f["signed_date"] = signed_date.iso();
  doc.pages = w.finish();
  return doc;
}

} // namespace sohoa::gen
