#include "catalog_fixture.hpp"
#include "forms/card_expiry.hpp"
#include "sohoa/forms/analyze.hpp"
#include "sohoa/forms/field_checks.hpp"
#include "forms_fixtures.hpp"
#include <algorithm>
#include <doctest/doctest.h>

using namespace sohoa;
using namespace sohoa::forms;
using namespace sohoa::forms::test;

namespace {

bool has_issue(const FormsResult& r, const std::string& field, const std::string& code) {
  for (const auto& i : r.issues) {
    if (i.field == field && i.code == code) {
      return true;
    }
  }
  return false;
}

void check_geometry(const FormsResult& r) {
  for (const auto& [id, f] : r.fields) {
    CAPTURE(id);
    CHECK(f.page == 1);
    CHECK_FALSE(f.bbox.empty());
    CHECK(f.confidence > 0.5F);
    CHECK(f.confidence <= 1.0F);
  }
}

} // namespace

TEST_CASE("birth registration form: sections, multi-field lines, two-line values") {
  const FormsResult r = analyze(catalog(), birth_form());
  REQUIRE(r.doc_type == "birth_registration_form");
  CHECK(value(r, "recipient") == "Ủy ban nhân dân phường Bến Nghé");
  CHECK(value(r, "requester_full_name") == "Nguyễn Văn Bình");
  CHECK(value(r, "requester_residence") ==
        "12 Lê Lợi, phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh");
  CHECK(value(r, "requester_id_number") == "079085001234");
  CHECK(value(r, "requester_relationship") == "Cha");
  CHECK(value(r, "child_full_name") == "Nguyễn Minh Anh");
  CHECK(value(r, "child_date_of_birth") == "2025-01-05");
  CHECK(value(r, "child_gender") == "Nữ");
  CHECK(value(r, "child_ethnicity") == "Kinh");
  CHECK(value(r, "child_nationality") == "Việt Nam");
  CHECK(value(r, "child_place_of_birth") == "Bệnh viện Từ Dũ, Thành phố Hồ Chí Minh");
  CHECK(value(r, "child_hometown") == "Nam Định");
  CHECK(value(r, "mother_full_name") == "Trần Thị Hoa");
  CHECK(value(r, "mother_birth_year") == "1990");
  CHECK(value(r, "mother_residence") == "12 Lê Lợi, phường Bến Nghé, Quận 1");
  CHECK(value(r, "father_full_name") == "Nguyễn Văn Bình");
  CHECK(value(r, "father_birth_year") == "1985");
  CHECK(value(r, "father_residence") == "45 Hai Bà Trưng, phường Bến Nghé");
  CHECK(value(r, "signed_place") == "Bến Nghé");
  CHECK(value(r, "signed_date") == "2025-01-06");
  CHECK(r.fields.size() == 20);
  CHECK(r.issues.empty());
  check_geometry(r);
  // The bbox is the value's words, right of the label.
  const auto& name = r.fields.at("child_full_name");
  CHECK(name.bbox.x == after(240, "Họ, chữ đệm, tên:"));
  CHECK(name.bbox.y == 930);
  CHECK_FALSE(name.needs_review);
}

TEST_CASE("residence form CT01: numbered labels, id in boxes, two fields a line") {
  const FormsResult r = analyze(catalog(), ct01_form());
  REQUIRE(r.doc_type == "residence_form_ct01");
  CHECK(value(r, "recipient") == "Công an phường Bến Nghé");
  CHECK(value(r, "full_name") == "Lê Thị Mai");
  CHECK(value(r, "date_of_birth") == "1990-07-12");
  CHECK(value(r, "gender") == "Nữ");
  CHECK(value(r, "personal_id_number") == "079190001234");
  CHECK(value(r, "phone") == "0903123456");
  CHECK(value(r, "email") == "mai.le@example.vn");
  CHECK(value(r, "household_head_name") == "Lê Văn Hùng");
  CHECK(value(r, "relationship_to_head") == "Con");
  CHECK(value(r, "household_head_id_number") == "079060004321");
  CHECK(value(r, "request_content") ==
        "Đăng ký thường trú vào hộ gia đình ông Lê Văn Hùng tại số 12 đường Lê Lợi, phường "
        "Bến Nghé");
  CHECK(r.fields.size() == 11);
  CHECK(r.issues.empty());
  check_geometry(r);
}

TEST_CASE("judicial record request: anchored labels on the id line, names holding labels") {
  const FormsResult r = analyze(catalog(), judicial_form());
  REQUIRE(r.doc_type == "judicial_record_request");
  CHECK(value(r, "full_name") == "Phạm Quốc Tịch");
  CHECK(value(r, "gender") == "Nam");
  CHECK(value(r, "date_of_birth") == "1988-04-03");
  CHECK(value(r, "place_of_birth") == "Hà Nội");
  CHECK(value(r, "nationality") == "Việt Nam");
  CHECK(value(r, "ethnicity") == "Kinh");
  CHECK(value(r, "permanent_residence") ==
        "8 Tràng Tiền, phường Tràng Tiền, quận Hoàn Kiếm, Hà Nội");
  CHECK(value(r, "temporary_residence") == "20 Nguyễn Huệ, phường Bến Nghé, Quận 1");
  CHECK(value(r, "id_document_number") == "001088012345");
  CHECK(value(r, "id_issue_date") == "2021-10-10");
  CHECK(value(r, "id_issue_place") == "Cục Cảnh sát QLHC về TTXH");
  CHECK(value(r, "father_full_name") == "Phạm Văn Long");
  CHECK(value(r, "mother_full_name") == "Đỗ Thị Lan");
  CHECK(value(r, "spouse_full_name") == "Vũ Thị Hạnh");
  CHECK(value(r, "phone_or_email") == "0912345678");
  CHECK(value(r, "purpose") == "Bổ sung hồ sơ xin việc");
  CHECK(value(r, "copies_requested") == "2");
  CHECK(r.fields.size() == 17);
  CHECK(r.issues.empty());
  check_geometry(r);
}

TEST_CASE("citizen id card: bilingual labels, values below, residence on two lines") {
  const FormsResult r = analyze(catalog(), id_card());
  REQUIRE(r.doc_type == "citizen_id_card");
  CHECK(value(r, "id_number") == "079190001234");
  CHECK(value(r, "full_name") == "LÊ THỊ MAI");
  CHECK(value(r, "date_of_birth") == "1990-07-12");
  CHECK(value(r, "gender") == "Nữ");
  CHECK(value(r, "nationality") == "Việt Nam");
  CHECK(value(r, "place_of_origin") == "Hải Hậu, Nam Định");
  CHECK(value(r, "place_of_residence") == "12 Lê Lợi, Bến Nghé, Quận 1, TP. Hồ Chí Minh");
  CHECK(value(r, "expiry_date") == "2030-07-12");
  CHECK(r.issues.empty());
  check_geometry(r);
  CHECK(r.fields.at("full_name").bbox.y == 440); // the line below its label
}

TEST_CASE("citizen id card: the number is found by its shape when its label is misread") {
  std::vector<PageText> pages = id_card();
  OcrLine& number_line = pages[0].lines[4];
  REQUIRE(number_line.words.size() == 4);
  number_line.words[0].text = "sốzNno:"; // "Số / No.:" as the small print was read
  number_line.words.erase(number_line.words.begin() + 1, number_line.words.begin() + 3);
  const FormsResult r = analyze(catalog(), pages);
  REQUIRE(r.doc_type == "citizen_id_card");
  REQUIRE(r.fields.count("id_number") == 1);
  const FieldValue& id = r.fields.at("id_number");
  CHECK(id.value == "079190001234");
  CHECK(id.confidence < 0.93f); // found without its label: trusted less
  CHECK(id.bbox.y == 300);
  // Dates are not taken for it: they have eight digits.
  CHECK(value(r, "date_of_birth") == "1990-07-12");
}

TEST_CASE("citizen id card: the expiry date is found by its shape beside a misread label") {
  std::vector<PageText> pages = id_card();
  OcrLine& expiry = pages[0].lines.back();
  REQUIRE(expiry.words.size() == 5);
  const std::vector<std::string> read = {"Củ", "gH", "trị", "Dutp", "12/07/2030"};
  for (std::size_t i = 0; i < read.size(); ++i) {
    expiry.words[i].text = read[i];
  }
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "expiry_date") == "2030-07-12");
  CHECK(value(r, "date_of_birth") == "1990-07-12"); // its own date is not taken twice
}

TEST_CASE("citizen id card: two different long numbers and no label give no id number") {
  std::vector<PageText> pages = id_card();
  OcrLine& number_line = pages[0].lines[4];
  number_line.words.erase(number_line.words.begin(), number_line.words.begin() + 3);
  PageBuilder extra(2024, 1276);
  extra.text(1200, "079190009999", 1400);
  pages[0].lines.push_back(extra.build().lines.front());
  const FormsResult r = analyze(catalog(), pages);
  REQUIRE(r.doc_type == "citizen_id_card");
  CHECK(r.fields.count("id_number") == 0);
}

TEST_CASE("administrative decision: NĐ 30/2020 regions") {
  const FormsResult r = analyze(catalog(), decision());
  REQUIRE(r.doc_type == "administrative_decision");
  CHECK(value(r, "issuing_agency") == "ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ");
  CHECK(value(r, "document_number") == "15/QĐ-UBND");
  CHECK(value(r, "issued_place") == "Bến Nghé");
  CHECK(value(r, "issued_date") == "2026-01-05");
  CHECK(value(r, "document_kind") == "QUYẾT ĐỊNH");
  CHECK(value(r, "summary") ==
        "Về việc cấp giấy phép kinh doanh hộ cá thể cho ông Nguyễn Văn Bình");
  CHECK(value(r, "signer_title") == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH");
  CHECK(value(r, "signer_name") == "Trần Văn Cường");
  CHECK(r.issues.empty());
  check_geometry(r);
}

TEST_CASE("a value of a label in mid-row wraps back to the row's start") {
  std::vector<PageText> pages = judicial_form();
  auto& lines = pages[0].lines;
  OcrLine& id_line = lines[10];
  REQUIRE(id_line.words.front().text == "9.");
  // "... Tại: Cục" ends the row at the right margin; "Cảnh sát QLHC về TTXH"
  // continues at the left margin on the next row.
  while (id_line.words.back().text != "Cục") {
    id_line.words.pop_back();
  }
  PageBuilder wrap;
  wrap.text(965, "Cảnh sát QLHC về TTXH", 240);
  lines.insert(lines.begin() + 11, wrap.build().lines.front());
  for (auto& l : lines) {
    if (l.box.y > 965) {
      for (auto& w : l.words) {
        w.box.y += 40;
      }
      l.box.y += 40;
    }
  }
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "id_issue_place") == "Cục Cảnh sát QLHC về TTXH");
  CHECK(value(r, "father_full_name") == "Phạm Văn Long");
}

TEST_CASE("the rest of a row read as a line of its own, listed last, joins its row") {
  std::vector<PageText> pages = birth_form();
  auto& lines = pages[0].lines;
  const auto row = std::find_if(lines.begin(), lines.end(), [](const OcrLine& l) {
    return !l.words.empty() && l.words.back().text == "Hoa" && l.words.front().text == "Họ,";
  });
  REQUIRE(row != lines.end());
  // Tesseract ended the line at a wider space and read "Hoa" after every other row.
  OcrLine rest;
  rest.words.push_back(row->words.back());
  rest.words.back().box.x += k_space;
  rest.box = rest.words.back().box;
  row->words.pop_back();
  row->box = {};
  for (const auto& w : row->words) {
    row->box = unite(row->box, w.box);
  }
  lines.push_back(rest);
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "mother_full_name") == "Trần Thị Hoa");
  CHECK(value(r, "mother_birth_year") == "1990");

  // A row starting far right of another's end is another column's: not joined.
  lines.back().words.back().box.x += 10 * k_line_h;
  lines.back().box = lines.back().words.back().box;
  CHECK(value(analyze(catalog(), pages), "mother_full_name") == "Trần Thị");
}

TEST_CASE("a next field's number read with a comma does not end the value before it") {
  std::vector<PageText> pages = judicial_form();
  OcrLine& name_line = pages[0].lines[3];
  REQUIRE(name_line.words.size() == 11);
  REQUIRE(name_line.words[7].text == "2.");
  name_line.words[7].text = "2,"; // as OCR reads the small print now and then
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "full_name") == "Phạm Quốc Tịch");
  CHECK(value(r, "gender") == "Nam");
}

TEST_CASE("administrative decision: an agency line read on one line with the motto, no gap") {
  // The agency runs up to the motto: OCR reads one line without a gap, and may
  // glue the last agency word to the motto's first.
  for (const std::string glue : {" ", ""}) {
    CAPTURE(glue);
    PageBuilder b;
    b.text(150, "UBND THÀNH PHỐ HỒ CHÍ MINH" + glue + "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 150);
    b.line(210, {{250, "SỞ TƯ PHÁP"}, {1350, "Độc lập - Tự do - Hạnh phúc"}});
    b.line(350,
           {{200, "Số: 15/QĐ-STP"}, {1300, "Thành phố Hồ Chí Minh, ngày 05 tháng 01 năm 2026"}});
    b.text(550, "QUYẾT ĐỊNH", 1050);
    b.text(620, "Về việc thành lập Tổ công tác số hóa", 700);
    b.text(760, "GIÁM ĐỐC SỞ TƯ PHÁP", 800);
    b.text(850, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", 300);
    b.line(1600, {{240, "Nơi nhận:"}, {1550, "GIÁM ĐỐC"}});
    b.text(1900, "Lê Văn Tám", 1550);
    const FormsResult r = analyze(catalog(), {b.build()});
    REQUIRE(r.doc_type == "administrative_decision");
    CHECK(value(r, "issuing_agency") == "UBND THÀNH PHỐ HỒ CHÍ MINH SỞ TƯ PHÁP");
    CHECK(value(r, "document_number") == "15/QĐ-STP");
    CHECK(value(r, "signer_name") == "Lê Văn Tám");
  }
}

TEST_CASE("administrative decision: the signature is read on the last page with text") {
  std::vector<PageText> pages = decision();
  PageText blank;
  blank.width = pages[0].width;
  blank.height = pages[0].height;
  pages.push_back(blank); // the empty back side scanned after it
  const FormsResult r = analyze(catalog(), pages);
  REQUIRE(r.doc_type == "administrative_decision");
  CHECK(value(r, "signer_title") == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH");
  CHECK(value(r, "signer_name") == "Trần Văn Cường");
  CHECK(r.fields.at("signer_name").page == 1);
}

TEST_CASE("unknown documents have no fields") {
  const FormsResult r = analyze(catalog(), letter());
  CHECK(r.doc_type == "unknown");
  CHECK(r.fields.empty());
}

TEST_CASE("the dossier's doc_type overrides classification") {
  const FormsResult r = analyze(catalog(), id_card(), std::string("citizen_id_card"));
  CHECK(r.doc_type == "citizen_id_card");
  CHECK(r.doc_type_confidence == doctest::Approx(1.0));
  const FormsResult forced = analyze(catalog(), letter(), std::string("unknown"));
  CHECK(forced.doc_type == "unknown");
  const FormsResult typo = analyze(catalog(), id_card(), std::string("citizen_card"));
  CHECK(typo.doc_type == "citizen_id_card");
  CHECK(has_issue(typo, "", "unknown_doc_type"));
}

TEST_CASE("identifier slips are kept, flagged and sent to review") {
  auto pages = id_card();
  // The id says male (digit 4 = 0) born 1991; the card says Nữ, 1990.
  pages[0].lines[4].words.back().text = "079091001234";
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "id_number") == "079091001234");
  CHECK(has_issue(r, "id_number", "id_gender_mismatch"));
  CHECK(has_issue(r, "id_number", "id_birth_year_mismatch"));
  CHECK(r.fields.at("id_number").needs_review);
  CHECK_FALSE(r.fields.at("full_name").needs_review);
}

TEST_CASE("OCR letter slips in an id are fixed before checking") {
  auto pages = id_card();
  pages[0].lines[4].words.back().text = "O79l9OOOl234";
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "id_number") == "079190001234");
  CHECK(r.issues.empty());
}

TEST_CASE("impossible and future dates are flagged") {
  auto pages = id_card();
  pages[0].lines[7].words.back().text = "31/02/1990";
  pages[0].lines.back().words.back().text = "12/07/1980";
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "date_of_birth") == "1990-02-31");
  CHECK(has_issue(r, "date_of_birth", "invalid_date"));
  CHECK(r.fields.at("date_of_birth").needs_review);

  auto future = birth_form();
  future[0].lines[11].words[4].text = "05/01/2099";
  const FormsResult f = analyze(catalog(), future);
  CHECK(value(f, "child_date_of_birth") == "2099-01-05");
  CHECK(has_issue(f, "child_date_of_birth", "date_in_future"));
}

TEST_CASE("an expiry before birth is flagged") {
  auto pages = id_card();
  pages[0].lines.back().words.back().text = "12/07/1980";
  const FormsResult r = analyze(catalog(), pages);
  CHECK(has_issue(r, "expiry_date", "expiry_before_birth"));
}

TEST_CASE("low OCR confidence sends a field to review") {
  auto pages = ct01_form();
  for (auto& w : pages[0].lines[5].words) { // "1. Họ, chữ đệm và tên: Lê Thị Mai"
    w.confidence = 0.4F;
  }
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "full_name") == "Lê Thị Mai");
  CHECK(r.fields.at("full_name").confidence < 0.5F);
  CHECK(r.fields.at("full_name").needs_review);
  CHECK_FALSE(r.fields.at("gender").needs_review);
}

TEST_CASE("labels read without tone marks or with a slip still match") {
  PageBuilder b;
  motto(b);
  b.text(330, "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ", 800);
  b.text(450, "1. Ho, chu dem va ten: Lê Thị Mai");
  b.line(520, {{240, "2. Ngay, thang, nam sjnh: 12/07/1990"}, {1400, "3. Gioi tinh: Nu"}});
  b.text(590, "4. Số định danh cá nhàn: 079190001234");
  b.text(660, "7. Họ, chữ đệm và tên chủ hộ: Lê Văn Hùng");
  b.text(730, "10. Nội dung đề nghị: Đăng ký thường trú");
  const FormsResult r = analyze(catalog(), {b.build()});
  REQUIRE(r.doc_type == "residence_form_ct01");
  CHECK(value(r, "full_name") == "Lê Thị Mai");
  CHECK(value(r, "date_of_birth") == "1990-07-12");
  CHECK(value(r, "gender") == "Nữ");
  CHECK(value(r, "personal_id_number") == "079190001234");
}

TEST_CASE("a form left blank gives no fields for the blank lines") {
  auto pages = birth_form();
  auto& father = pages[0].lines[18].words;
  REQUIRE(father.size() == 9);
  father.resize(6); // "Họ, chữ đệm, tên người cha:" and only leaders after
  father.push_back({"..........", Box{father.back().box.right() + 20, 1490, 200, 50}, 0.9F});
  const FormsResult r = analyze(catalog(), pages);
  CHECK(r.fields.count("father_full_name") == 0);
  CHECK(value(r, "father_birth_year") == "1985");
}

TEST_CASE("real OCR habits: leader noise, blank lines, wraps back to the margin") {
  PageBuilder b;
  motto(b);
  b.text(330, "TỜ KHAI YÊU CẦU CẤP PHIẾU LÝ LỊCH TƯ PHÁP", 650);
  b.line(450,
         {{240, "1. Họ và tên: Bùi Thành Huy................"}, {1268, "2. Giới tính: Nam......"}});
  b.text(520, "3. Ngày, tháng, năm sinh: 09/02/2006...............................");
  b.line(590, {{240, "4. Nơi sinh: Tỉnh Nam Định..............................22"}, {2013, "222"}});
  b.text(660, "7. Nơi thường trú: thôn Hạ, xã Hải Đường, huyện Hải Hậu, tỉnh Nam Định, khu phố "
              "số 12,");
  b.text(720, "Việt Nam", 240);
  b.text(790, "10. Họ và tên cha: Bùi Văn Đức Trung..........................");
  b.text(860, "11. Họ và tên mẹ: Nguyễn Thanh Anh.......................");
  b.text(930, "12. Họ và tên vợ/chồng:...........................................");
  b.text(1000, "13. Số điện thoại/email: huybui1906(@yahoo.com............");
  b.text(1070, "16. Mục đích yêu cầu cấp Phiếu lý lịch tư pháp: Thành lập doanh nghiệp.........");
  const FormsResult r = analyze(catalog(), {b.build()});
  REQUIRE(r.doc_type == "judicial_record_request");
  CHECK(value(r, "full_name") == "Bùi Thành Huy");
  CHECK(value(r, "gender") == "Nam");
  CHECK(value(r, "date_of_birth") == "2006-02-09");
  CHECK(value(r, "place_of_birth") == "Tỉnh Nam Định");
  // The row above ran to the right margin, so the next row at the margin continues it.
  CHECK(value(r, "permanent_residence") ==
        "thôn Hạ, xã Hải Đường, huyện Hải Hậu, tỉnh Nam Định, khu phố số 12, Việt Nam");
  CHECK(r.fields.count("spouse_full_name") == 0);
  CHECK(value(r, "phone_or_email") == "huybui1906@yahoo.com");
  CHECK(value(r, "purpose") == "Thành lập doanh nghiệp");
}

TEST_CASE("citizen id card: a misread English half of a label is no value") {
  auto pages = id_card();
  OcrLine& origin_label = pages[0].lines[9];
  REQUIRE(origin_label.words.front().text == "Quê");
  // "Quê quán / Place of origin:" as small print is read on a 300 dpi copy.
  const std::vector<std::string> read = {"(Quê", "quán", "¿", "Place", "0", "œigin:"};
  REQUIRE(origin_label.words.size() == 6);
  for (std::size_t i = 0; i < read.size(); ++i) {
    origin_label.words[i].text = read[i];
  }
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "place_of_origin") == "Hải Hậu, Nam Định");
}

TEST_CASE("small print left of a card's address does not cut or join the address") {
  auto pages = id_card();
  OcrLine& continuation = pages[0].lines[12];
  REQUIRE(continuation.words.front().text == "Quận");
  // The expiry print of the left column, read on the same row and level with it.
  std::vector<OcrWord> left = {{"th", Box{60, 870, 40, 50}, 0.3F},
                               {"expuy:", Box{110, 870, 120, 50}, 0.4F},
                               {"Unlưnred", Box{240, 870, 170, 50}, 0.4F}};
  continuation.words.insert(continuation.words.begin(), left.begin(), left.end());
  continuation.box = unite(continuation.box, Box{60, 870, 350, 50});
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "place_of_residence") == "12 Lê Lợi, Bến Nghé, Quận 1, TP. Hồ Chí Minh");
}

TEST_CASE("2024 card: a number under a misread English label half is found below it") {
  PageBuilder b(2024, 1276);
  b.text(20, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 640);
  b.text(150, "CĂN CƯỚC", 800);
  b.text(210, "IDENTITY CARD", 800);
  b.text(300, "Số định danh cá nhân ý Pcrsomal ilcnhficaton numhecr", 700);
  b.text(360, "079190001234", 700);
  b.text(440, "Họ, chữ đệm và tên khai sinh / Full name:", 700);
  b.text(500, "LÊ THỊ MAI", 700);
  b.text(580, "Ngày, tháng, năm sinh / Date of birth: 12/07/1990", 700);
  b.line(650, {{700, "Giới tính / Sex: Nữ"}, {1250, "Quốc tịch / Nationality: Việt Nam"}});
  b.text(730, "Nơi cư trú / Place of residence: 12 Lê Lợi, Bến Nghé", 700);
  const FormsResult r = analyze(catalog(), {b.build()});
  REQUIRE(r.doc_type == "citizen_id_card");
  CHECK(value(r, "id_number") == "079190001234");
  CHECK(r.fields.at("id_number").bbox.y == 360);
  CHECK(value(r, "full_name") == "LÊ THỊ MAI");
  CHECK(value(r, "date_of_birth") == "1990-07-12");
}

TEST_CASE("name fields get their surname back from the bundled list") {
  std::vector<PageText> pages = id_card();
  for (auto& line : pages[0].lines) {
    for (auto& w : line.words) {
      if (w.text == "LÊ") {
        w.text = "LỄ"; // a tone mark slipped in the small print
      }
    }
  }
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "full_name") == "LÊ THỊ MAI");
}

TEST_CASE("a name's given syllable misread by its marks is restored from the bundled name list") {
  std::vector<PageText> pages = id_card();
  for (auto& line : pages[0].lines) {
    for (auto& w : line.words) {
      if (w.text == "MAI") {
        w.text = "MẠI"; // no name of the list holds it; "mai" is common
      }
    }
  }
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "full_name") == "LÊ THỊ MAI");
}

TEST_CASE("an unsure but word-like value is kept") {
  std::vector<PageText> pages = ct01_form();
  for (auto& line : pages[0].lines) {
    for (auto& w : line.words) {
      if (w.text == "mai.le@example.vn") {
        w.text = "mai.le(@example.vn";
        w.confidence = 0.25F;
      }
    }
  }
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "email") == "mai.le@example.vn");
  CHECK(r.fields.at("email").needs_review);
}

TEST_CASE("a blank field's leaders read as unsure letters give no value") {
  PageBuilder b;
  motto(b);
  b.text(330, "TỜ KHAI ĐĂNG KÝ KHAI SINH", 800);
  b.text(420, "Họ, chữ đệm, tên người yêu cầu: Trần Văn Nam");
  b.text(490, "Họ, chữ đệm, tên người cha:");
  b.line(560, {{240, "Nơi cư trú:"}, {600, "2n H222 22a"}}, 0.25F);
  b.text(630, "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật,", 330);
  const FormsResult r = analyze(catalog(), {b.build()}, std::string("birth_registration_form"));
  CHECK(r.fields.count("requester_residence") == 0);
  CHECK(r.fields.count("father_residence") == 0);
  CHECK(r.fields.count("mother_residence") == 0);
}

TEST_CASE("a word with a tall box stays in its row") {
  auto pages = id_card();
  OcrLine& residence = pages[0].lines[11];
  REQUIRE(residence.words.size() == 12);
  REQUIRE(residence.words[8].text == "Lê");
  Box& tall = residence.words[8].box; // a smudge under "Lê" makes its box three times as tall
  tall.h *= 3;
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "place_of_residence") == "12 Lê Lợi, Bến Nghé, Quận 1, TP. Hồ Chí Minh");
}

TEST_CASE("a card row merged with the small print beside it is split by height") {
  auto pages = id_card();
  auto& lines = pages[0].lines;
  // "Hải Hậu, Nam Định" becomes "Hải Hậu, Nam" + "Định" on a row that OCR merged
  // with the expiry line of the left column, which sits a little higher.
  REQUIRE(lines[10].words.back().text == "Định");
  lines[10].words.pop_back();
  lines.pop_back(); // the expiry line moves into the merged row
  OcrLine merged;
  for (const auto& [x, text] : std::vector<std::pair<int, std::string>>{{60, "Có"},
                                                                        {110, "giá"},
                                                                        {180, "trị"},
                                                                        {240, "đến:"},
                                                                        {330, "Không"},
                                                                        {460, "thời"},
                                                                        {560, "hạn"}}) {
    merged.words.push_back({text, Box{x, 760, 60, 20}, 0.9F});
  }
  merged.words.push_back({"Định", Box{700, 770, 90, 40}, 0.9F});
  for (const auto& w : merged.words) {
    merged.box = unite(merged.box, w.box);
  }
  lines.insert(lines.begin() + 11, merged);
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "place_of_origin") == "Hải Hậu, Nam Định");
  CHECK(r.fields.count("expiry_date") == 0); // "Không thời hạn": no expiry
  CHECK(value(r, "place_of_residence") == "12 Lê Lợi, Bến Nghé, Quận 1, TP. Hồ Chí Minh");
}

TEST_CASE("OCR reads a toned ô as ø and a bold 0 as a parenthesis") {
  auto pages = id_card();
  pages[0].lines[4].words = {{"sø/No:", Box{700, 300, 130, 50}, 0.8F},
                             {"(79190001234", Box{860, 300, 300, 50}, 0.8F}};
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "id_number") == "079190001234");
}

TEST_CASE("a place name one edit from a short label does not end a value") {
  auto pages = birth_form();
  // "... Quận 1" becomes "... tỉnh Nam Định......": "Nam Định" is close to "Năm sinh".
  auto& words = pages[0].lines[17].words;
  REQUIRE(words.back().text == "1");
  words.back().text = "tỉnh";
  const int x = words.back().box.right() + k_space;
  words.push_back({"Nam", Box{x, 1420, 66, 50}, 0.9F});
  words.push_back({"Định...........", Box{x + 80, 1420, 400, 50}, 0.9F});
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "mother_residence") == "12 Lê Lợi, phường Bến Nghé, Quận tỉnh Nam Định");
  CHECK(value(r, "father_birth_year") == "1985");
}

TEST_CASE("long values and values read under 0.75 confidence go to review") {
  // The residence joins two lines into 9 words: long values are the ones OCR gets
  // wrong most, whatever its confidence says.
  const FormsResult r = analyze(catalog(), id_card());
  const std::string residence = value(r, "place_of_residence");
  CHECK(std::count(residence.begin(), residence.end(), ' ') + 1 >= 7);
  CHECK(r.fields.at("place_of_residence").needs_review);
  CHECK_FALSE(r.fields.at("place_of_origin").needs_review);
  CHECK_FALSE(r.fields.at("full_name").needs_review);

  auto unsure = id_card();
  for (auto& word : unsure[0].lines[6].words) { // "LÊ THỊ MAI"
    word.confidence = 0.7F;
  }
  const FormsResult u = analyze(catalog(), unsure);
  CHECK(value(u, "full_name") == "LÊ THỊ MAI");
  CHECK(u.fields.at("full_name").needs_review);
}

TEST_CASE("citizen id card: labels misread past the walk's budget are found by the card's order") {
  PageBuilder b(2024, 1276);
  b.text(20, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 640);
  b.text(150, "CĂN CƯỚC", 800);
  b.text(210, "IDENTITY CARD", 800);
  b.text(300, "Số định danh cá nhân / Personal identification number:", 700);
  b.text(360, "079190001234", 700);
  // The small print of every label as a degraded copy reads it.
  b.text(440, "ể » Họ, chữ đệm và In khai cảnh / Puli naang:", 640);
  b.text(500, "LÊ THỊ MAI", 700);
  b.text(580, "- Ngày. tháng, năm sinh ¿ [le sí hước 12/07/1990", 680);
  b.line(650, {{700, "Giới dnh /Seœ_ Nữ"}, {1250, "Quốc tịch /Nadonay: Việt Nam"}});
  b.text(730, "(hủ quán ¿ Páce at nga, Phường Bến Nghé, Quận 1,", 700);
  b.text(790, "thành phố Hồ Chí Minh", 700);
  b.text(870, "Nai cư né / Bace øí mien: Số 12, đường Lê Lợi,", 700);
  b.text(930, "phường Hải Châu, thành phố Đà Nẵng", 700);
  b.text(1150, "Cả(Øi vi đin Dan ví ngày: 12/07/2030", 60);
  const DocumentAnalysis a = analyze_with_signals(catalog(), {b.build()});
  const FormsResult& r = a.result;
  REQUIRE(r.doc_type == "citizen_id_card");
  CHECK(value(r, "full_name") == "LÊ THỊ MAI");
  CHECK(value(r, "date_of_birth") == "1990-07-12");
  CHECK(value(r, "gender") == "Nữ");
  CHECK(value(r, "place_of_origin") == "Phường Bến Nghé, Quận 1, thành phố Hồ Chí Minh");
  CHECK(value(r, "place_of_residence") ==
        "Số 12, đường Lê Lợi, phường Hải Châu, thành phố Đà Nẵng");
  // Found by the order alone: the clerk checks them.
  for (const char* id : {"full_name", "gender", "place_of_origin", "place_of_residence"}) {
    CAPTURE(id);
    REQUIRE(r.fields.count(id) == 1);
    CHECK(r.fields.at(id).needs_review);
    CHECK(a.signals.at(id).found_by == FoundBy::region);
  }
  // The label walk's own finds keep their path.
  CHECK_FALSE(a.signals.at("id_number").found_by == FoundBy::region);
}

TEST_CASE("citizen id card: the order walk leaves the expiry's print out of the residence") {
  auto pages = id_card();
  // The residence label misread; the expiry, left of the field column, follows it.
  OcrLine& residence = pages[0].lines[11];
  REQUIRE(residence.words.front().text == "Nơi");
  const std::vector<std::string> read = {"Nai", "thuờg", "né", "/", "Bace", "øí", "mien:"};
  for (std::size_t i = 0; i < read.size(); ++i) {
    residence.words[i].text = read[i];
  }
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "place_of_residence") == "12 Lê Lợi, Bến Nghé, Quận 1, TP. Hồ Chí Minh");
  CHECK(r.fields.at("place_of_residence").needs_review);
  CHECK(value(r, "expiry_date") == "2030-07-12");
}

TEST_CASE("citizen id card: an expiry read a slip off is restored to a renewal birthday") {
  // Born 1990-07-12: renewals at 14, 25, 40 and 60 fall on 12 July 2004, 2015,
  // 2030 and 2050.
  CHECK(card_expiry_from_birth("7030-07-12", "1990-07-12") == "2030-07-12");
  CHECK(card_expiry_from_birth("De dí cay. 1207/2030 j", "1990-07-12") == "2030-07-12");
  CHECK(card_expiry_from_birth("2015-07-12", "1990-07-12") == "2015-07-12");
  CHECK(card_expiry_from_birth("2033-01-05", "1990-07-12") == std::nullopt);
  CHECK(card_expiry_from_birth("12/07", "1990-07-12") == std::nullopt);
  // 29 February: the birthday of a common year is the 28th.
  CHECK(card_expiry_from_birth("28/02/2017", "1992-02-29") == "2017-02-28");
  CHECK(card_expiry_from_birth("29/02/2032", "1992-02-29") == "2032-02-29");

  auto pages = id_card();
  OcrLine& expiry = pages[0].lines.back();
  REQUIRE(expiry.words.back().text == "12/07/2030");
  expiry.words.back().text = "12/07/7030";
  const FormsResult slipped = analyze(catalog(), pages);
  CHECK(value(slipped, "expiry_date") == "2030-07-12");
  CHECK(slipped.fields.at("expiry_date").needs_review);
  expiry.words.back().text = "03/01/2031";
  const FormsResult odd = analyze(catalog(), pages);
  CHECK(value(odd, "expiry_date") == "2031-01-03");
  CHECK(odd.fields.at("expiry_date").needs_review);
  expiry.words.back().text = "12/07/2030";
  CHECK_FALSE(analyze(catalog(), pages).fields.at("expiry_date").needs_review);
}

TEST_CASE("citizen id card: marks before a value, a second label on the row, a lost expiry label") {
  PageBuilder b(2024, 1276);
  b.text(20, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 640);
  b.text(150, "CĂN CƯỚC", 800);
  b.text(300, "Số định danh cá nhân / Personal identification number:", 700);
  b.text(360, "079190001234", 700);
  b.text(440, "Họ, chữ đệm và In khai cảnh / Puli naang:", 700);
  // Marks read off the photo's edge, left of the field column, before the name.
  b.text(500, "... C) LÊ THỊ MAI", 560);
  b.text(580, "Ngày, tháng, năm sinh / Date of birth: 12/07/1990", 700);
  b.text(650, "... ii tính /Sec Nữ hức lịch / Ngiomainy. Việt Nam", 640);
  b.text(730, "Quê quán / Place of origin: Hải Hậu, Nam Định", 700);
  b.text(1150, "\\__ Da đi bị đân( Den dĩ mgey 1207/2O30", 60);
  const FormsResult r = analyze(catalog(), {b.build()});
  REQUIRE(r.doc_type == "citizen_id_card");
  CHECK(value(r, "full_name") == "LÊ THỊ MAI");
  CHECK(value(r, "gender") == "Nữ");
  CHECK(value(r, "nationality") == "Việt Nam");
  CHECK(value(r, "expiry_date") == "2030-07-12");
  REQUIRE(r.fields.count("expiry_date") == 1);
  CHECK(r.fields.at("expiry_date").needs_review);
  CHECK(r.fields.at("expiry_date").bbox.y == 1150);
}
