// Layouts and readings the form rules were not written for: labels wrapped over
// two rows of a narrow cell, words read twice, stray marks right of a label.
#include "catalog_fixture.hpp"
#include "sohoa/forms/analyze.hpp"
#include "forms_fixtures.hpp"
#include <algorithm>
#include <doctest/doctest.h>

using namespace sohoa;
using namespace sohoa::forms;
using namespace sohoa::forms::test;

namespace {

// The CT01 form with its household rows printed in a narrow label column: the
// labels wrap, their values stand right of the label's last row.
std::vector<PageText> ct01_narrow_labels() {
  PageBuilder b;
  b.text(80, "Mẫu CT01", 2000);
  motto(b);
  b.text(330, "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ", 800);
  b.text(450, "Kính gửi(1): Công an phường Bến Nghé");
  b.text(520, "1. Họ, chữ đệm và tên: Lê Thị Mai");
  b.text(590, "4. Số định danh cá nhân: 079190001234");
  b.text(660, "7. Họ, chữ đệm và tên");
  b.text(720, "chủ hộ: Lê Văn Hùng");
  b.text(790, "9. Số định danh cá nhân");
  b.text(850, "của chủ hộ: 079060004321");
  b.text(920, "8. Mối quan hệ với chủ hộ: Con");
  return {b.build()};
}

} // namespace

TEST_CASE("a label wrapped over two rows is found whole, its value right of its last row") {
  const FormsResult r = analyze(catalog(), ct01_narrow_labels());
  REQUIRE(r.doc_type == "residence_form_ct01");
  CHECK(value(r, "full_name") == "Lê Thị Mai");
  CHECK(value(r, "personal_id_number") == "079190001234");
  CHECK(value(r, "household_head_name") == "Lê Văn Hùng");
  CHECK(value(r, "household_head_id_number") == "079060004321");
  CHECK(value(r, "relationship_to_head") == "Con");
  // The value's box is on the label's last row.
  CHECK(r.fields.at("household_head_id_number").bbox.y == 850);
}

TEST_CASE("a value wrapped onto the next row is not taken for a wrapped label") {
  PageBuilder b;
  motto(b);
  b.text(330, "TỜ KHAI YÊU CẦU CẤP PHIẾU LÝ LỊCH TƯ PHÁP", 650);
  b.text(450, "1. Họ và tên: Phạm Quốc Tịch");
  b.text(520, "7. Nơi thường trú: 8 Tràng Tiền, phường Tràng Tiền, quận Hoàn");
  b.text(580, "Kiếm, Hà Nội", after(240, "7. Nơi thường trú:"));
  b.text(650, "10. Họ và tên cha: Phạm Văn Long");
  b.text(720, "11. Họ và tên");
  b.text(780, "mẹ: Đỗ Thị Lan");
  const FormsResult r = analyze(catalog(), {b.build()});
  REQUIRE(r.doc_type == "judicial_record_request");
  CHECK(value(r, "full_name") == "Phạm Quốc Tịch");
  CHECK(value(r, "permanent_residence") ==
        "8 Tràng Tiền, phường Tràng Tiền, quận Hoàn Kiếm, Hà Nội");
  CHECK(value(r, "father_full_name") == "Phạm Văn Long");
  CHECK(value(r, "mother_full_name") == "Đỗ Thị Lan");
}

TEST_CASE("a word read twice at one place is taken once, in its surer reading") {
  std::vector<PageText> pages = id_card();
  auto& lines = pages[0].lines;
  // The residence's last row re-read on its own: its last word comes back as a
  // line of its own at the same place, once misread and unsure, once surer.
  OcrLine& last_row = lines[12];
  REQUIRE(last_row.words.back().text == "Minh");
  REQUIRE(last_row.words.front().text == "Quận");
  OcrWord surer = last_row.words.front();
  last_row.words.front().text = "Quặn";
  last_row.words.front().confidence = 0.5F;
  surer.confidence = 0.99F;
  surer.box.x += 1;
  OcrWord ghost = last_row.words.back();
  ghost.text = "wiinh";
  ghost.confidence = 0.5F;
  ghost.box.y += 2;
  OcrLine ghost_line;
  ghost_line.words = {surer, ghost};
  ghost_line.box = unite(surer.box, ghost.box);
  lines.insert(lines.begin() + 13, ghost_line);
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "place_of_residence") == "12 Lê Lợi, Bến Nghé, Quận 1, TP. Hồ Chí Minh");
  CHECK(value(r, "expiry_date") == "2030-07-12");
}

TEST_CASE("stray marks right of a label are no value: the value is the row below") {
  std::vector<PageText> pages = id_card();
  auto& lines = pages[0].lines;
  OcrLine& name_label = lines[5];
  REQUIRE(name_label.words.back().text == "name:");
  OcrWord bar = name_label.words.back();
  bar.text = "|";
  bar.box.x = bar.box.right() + 20;
  bar.box.w = 6;
  name_label.words.push_back(bar);
  name_label.box = unite(name_label.box, bar.box);
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "full_name") == "LÊ THỊ MAI");
  // A leader right of a label still means the form was left blank there.
  name_label.words.back().text = "......";
  name_label.words.back().box.w = 200;
  const FormsResult blank = analyze(catalog(), pages);
  CHECK(value(blank, "full_name") == "<absent>");
}

TEST_CASE("an unsure mark far past a value's end is not part of it") {
  std::vector<PageText> pages = id_card();
  OcrLine& last_row = pages[0].lines[12];
  REQUIRE(last_row.words.back().text == "Minh");
  OcrWord smudge = last_row.words.back();
  smudge.text = "có";
  smudge.box.x = smudge.box.right() + 400;
  smudge.box.h = 2 * smudge.box.h;
  smudge.confidence = 0.0F;
  last_row.words.push_back(smudge);
  last_row.box = unite(last_row.box, smudge.box);
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "place_of_residence") == "12 Lê Lợi, Bến Nghé, Quận 1, TP. Hồ Chí Minh");
  // A sure word there is more of the value.
  pages[0].lines[12].words.back().confidence = 0.9F;
  pages[0].lines[12].words.back().box.h = smudge.box.h / 2;
  pages[0].lines[12].words.back().text = "Việt";
  const FormsResult sure = analyze(catalog(), pages);
  CHECK(value(sure, "place_of_residence") == "12 Lê Lợi, Bến Nghé, Quận 1, TP. Hồ Chí Minh Việt");
}

TEST_CASE("a card label wrapped over three rows of a narrow column is found whole") {
  std::vector<PageText> pages = id_card();
  auto& lines = pages[0].lines;
  // "Nơi thường trú / Place of residence:" printed as "Nơi thường trú / Place" /
  // "of" / "residence: 12 Lê Lợi, Bến Nghé," then the address's second row.
  PageBuilder b(2024, 1276);
  b.text(810, "Nơi thường trú / Place", 700);
  b.text(862, "of", 700);
  b.text(914, "residence: 12 Lê Lợi, Bến Nghé,", 700);
  b.text(976, "Quận 1, TP. Hồ Chí Minh", 700);
  const PageText rows = b.build();
  lines.erase(lines.begin() + 11, lines.begin() + 13);
  lines.insert(lines.begin() + 11, rows.lines.begin(), rows.lines.end());
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "place_of_residence") == "12 Lê Lợi, Bến Nghé, Quận 1, TP. Hồ Chí Minh");
  CHECK(value(r, "place_of_origin") == "Hải Hậu, Nam Định");
}

TEST_CASE("a bilingual label's misread English half is no value: the value is below") {
  std::vector<PageText> pages = id_card();
  auto& lines = pages[0].lines;
  PageBuilder b(2024, 1276);
  b.text(380, "Họ vatên ... PAII 8afE:", 700);
  b.text(670, "Quê quán PiạcE n[ DU.11:", 700);
  const PageText misread = b.build();
  REQUIRE(lines[5].words.front().text == "Họ");
  REQUIRE(lines[9].words.front().text == "Quê");
  lines[5] = misread.lines[0];
  lines[9] = misread.lines[1];
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "full_name") == "LÊ THỊ MAI");
  CHECK(value(r, "place_of_origin") == "Hải Hậu, Nam Định");
  CHECK(value(r, "date_of_birth") == "1990-07-12");
}

TEST_CASE("a signature read as capitals with next to no confidence is not the signer's title") {
  std::vector<PageText> pages = decision();
  PageBuilder scribble;
  scribble.text(1840, "CX,", 1560, 0.05F);
  pages[0].lines.push_back(scribble.build().lines.front());
  std::stable_sort(pages[0].lines.begin(), pages[0].lines.end(),
                   [](const OcrLine& a, const OcrLine& b) { return a.box.y < b.box.y; });
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "signer_title") == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH");
  CHECK(value(r, "signer_name") == "Trần Văn Cường");
}

TEST_CASE("a word read twice stays in the row read the surer, wherever the other one stands") {
  std::vector<PageText> pages = id_card();
  auto& lines = pages[0].lines;
  const OcrWord minh = lines[12].words.back();
  REQUIRE(minh.text == "Minh");
  // Tesseract's fragment of marks around the same word, put before the address
  // in its order.
  OcrLine fragment;
  OcrWord mark = minh;
  mark.text = "_";
  mark.confidence = 0.4F;
  mark.box.x -= 40;
  mark.box.w = 20;
  OcrWord unsure = minh;
  unsure.confidence = 0.49F;
  fragment.words = {mark, unsure};
  fragment.box = unite(mark.box, unsure.box);
  lines.insert(lines.begin() + 11, fragment);
  const FormsResult r = analyze(catalog(), pages);
  CHECK(value(r, "place_of_residence") == "12 Lê Lợi, Bến Nghé, Quận 1, TP. Hồ Chí Minh");
}

TEST_CASE("items numbered in Roman numerals, two on a row: the next item's number ends no value") {
  PageBuilder b;
  motto(b);
  b.text(330, "TỜ KHAI YÊU CẦU CẤP PHIẾU LÝ LỊCH TƯ PHÁP", 650);
  b.text(450, "I. Họ, chữ đệm và tên: Phạm Quốc Tịch II. Giới tính: Nam");
  b.text(520, "III. Ngày, tháng, năm sinh: 12/03/1985");
  b.text(590, "V. Quốc tịch: Việt Nam VI. Dân tộc: Kinh");
  b.text(660, "X. Họ và tên cha: Phạm Văn Long");
  const FormsResult r = analyze(catalog(), {b.build()});
  REQUIRE(r.doc_type == "judicial_record_request");
  CHECK(value(r, "full_name") == "Phạm Quốc Tịch");
  CHECK(value(r, "gender") == "Nam");
  CHECK(value(r, "nationality") == "Việt Nam");
  CHECK(value(r, "ethnicity") == "Kinh");
  CHECK(value(r, "father_full_name") == "Phạm Văn Long");
}
