// A card whose small print was read past any label match: its values are found by
// their shapes in the card's printed order (forms/card_value_shapes), and a card
// copied on A4 is typed by its title standing on a line of its own (classifier).
#include "catalog_fixture.hpp"
#include "forms/classifier.hpp"
#include "forms_fixtures.hpp"
#include "sohoa/forms/analyze.hpp"
#include <algorithm>
#include <doctest/doctest.h>

using namespace sohoa;
using namespace sohoa::forms;
using namespace sohoa::forms::test;

namespace {

// A 2021 card's front as a low-resolution photo reads it: the labels garbled, the
// values (printed larger) read, with noise off the photo's edge before some.
void garbled_card_front(PageBuilder& b, int x = 700) {
  b.text(300, "s 1c 038072369518", x);
  b.text(380, "| Hoan Euil darne", x);
  b.text(440, "bể \" HỒ CÔNG AN", x);
  b.text(520, "| Ngày anh Dke binh 0306 1972", x);
  b.text(590, "(,H®únh se Nam Qưx th Narzais Việt Nam", x);
  b.text(670, "Cu gan Paốcmlonen — Xã Vĩnh Lộc A, huyện Bình Chánh,", x);
  b.text(730, "| HN Ì- thành phố Hồ Chí Minh", x);
  b.text(810, "xAtemgtru Pixeotreudeme Số 216, đường Điện Biên Phủ,", x);
  b.text(870, "phường Điện Biên, thành phố Thanh Hóa, tỉnh Thanh Hóa", x);
}

std::vector<PageText> garbled_card() {
  PageBuilder b(2024, 1276);
  b.text(20, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 640);
  b.text(150, "CĂN CƯỚC CÔNG DÂN", 800);
  garbled_card_front(b);
  return {b.build()};
}

} // namespace

TEST_CASE("citizen id card read past its labels: values by their shapes, all reviewed") {
  const FormsResult r = analyze(catalog(), garbled_card());
  REQUIRE(r.doc_type == "citizen_id_card");
  CHECK(value(r, "id_number") == "038072369518");
  CHECK(value(r, "full_name") == "HỒ CÔNG AN");
  CHECK(value(r, "date_of_birth") == "1972-06-03");
  CHECK(value(r, "gender") == "Nam");
  CHECK(value(r, "nationality") == "Việt Nam");
  CHECK(value(r, "place_of_origin") == "Xã Vĩnh Lộc A, huyện Bình Chánh, thành phố Hồ Chí Minh");
  CHECK(value(r, "place_of_residence") ==
        "Số 216, đường Điện Biên Phủ, phường Điện Biên, thành phố Thanh Hóa, tỉnh Thanh Hóa");
  for (const char* id : {"full_name", "date_of_birth", "gender", "nationality", "place_of_origin",
                         "place_of_residence"}) {
    CAPTURE(id);
    REQUIRE(r.fields.count(id) == 1);
    CHECK(r.fields.at(id).needs_review);
    CHECK(r.fields.at(id).bbox.y >= 440);
  }
}

TEST_CASE("card values by shape keep the card's order: a missing row takes nothing after it") {
  std::vector<PageText> pages = garbled_card();
  // The sex and nationality row lost: the origin is still the first address after
  // the birth date, and no sex is invented from the words of other rows.
  auto& lines = pages[0].lines;
  lines.erase(
      std::remove_if(lines.begin(), lines.end(), [](const OcrLine& l) { return l.box.y == 590; }),
      lines.end());
  const FormsResult r = analyze(catalog(), pages);
  REQUIRE(r.doc_type == "citizen_id_card");
  CHECK(r.fields.count("gender") == 0);
  CHECK(value(r, "place_of_origin") == "Xã Vĩnh Lộc A, huyện Bình Chánh, thành phố Hồ Chí Minh");
}

TEST_CASE("a card copied on A4 is typed by its title on a line of its own") {
  PageBuilder copy; // A4
  copy.text(300, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 640);
  copy.text(420, "CĂN CƯỚC", 800);
  garbled_card_front(copy);
  const Classification c = classify(catalog(), {copy.build()});
  CHECK(c.doc_type == "citizen_id_card");
  CHECK(c.uncertain); // weak evidence: the document goes to review

  // The same words as a mention in running text type nothing.
  PageBuilder letter;
  letter.text(300, "GIẤY XÁC NHẬN", 900);
  letter.text(420, "Ông Hồ Công An, căn cước số 038072369518, cư trú tại Thanh Hóa.");
  CHECK(classify(catalog(), {letter.build()}).doc_type == "unknown");
  PageBuilder untitled;
  untitled.text(420, "Xuất trình căn cước khi đến nhận kết quả.");
  garbled_card_front(untitled);
  CHECK(classify(catalog(), {untitled.build()}).doc_type == "unknown");
}

TEST_CASE("lines of noise above a title do not push it out of the first lines") {
  PageBuilder copy; // A4: a shaded corner OCR read as marks, then the card
  for (int i = 0; i < 24; ++i) {
    copy.text(100 + 10 * i, i % 2 == 0 ? "+ ... Zở" : "tệ ~Y", 240, 0.2F);
  }
  copy.text(400, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 640);
  copy.text(460, "CĂN CƯỚC CÔNG DÂN", 800);
  garbled_card_front(copy);
  CHECK(classify(catalog(), {copy.build()}).doc_type == "citizen_id_card");

  // Read with confidence, the same lines are text: the title is too far down.
  PageBuilder page;
  for (int i = 0; i < 24; ++i) {
    page.text(100 + 10 * i, "Ông bà anh chị", 240, 0.9F);
  }
  page.text(400, "CĂN CƯỚC CÔNG DÂN", 800);
  CHECK(classify(catalog(), {page.build()}).doc_type == "unknown");
}

TEST_CASE("card values by shape that disagree with the card's number are not taken") {
  std::vector<PageText> pages = garbled_card();
  for (auto& line : pages[0].lines) {
    for (auto& w : line.words) {
      if (w.text == "1972") {
        w.text = "1982"; // the number's 5th and 6th digits say 72
      }
      if (w.text == "Nam" && line.box.y == 590 && w.box.x < 1300) {
        w.text = "Nữ"; // the number's 4th digit (0) says a man
      }
    }
  }
  const FormsResult r = analyze(catalog(), pages);
  REQUIRE(r.doc_type == "citizen_id_card");
  CHECK(r.fields.count("date_of_birth") == 0);
  CHECK(r.fields.count("gender") == 0);
  CHECK(value(r, "nationality") == "Việt Nam");
}
