#include "catalog_fixture.hpp"
#include "forms/card_print.hpp"
#include "forms/classifier.hpp"
#include "forms_fixtures.hpp"
#include <doctest/doctest.h>

using namespace sohoa::forms;
using namespace sohoa::forms::test;

TEST_CASE("each form type is recognised") {
  const std::vector<std::pair<std::string, std::vector<sohoa::PageText>>> cases = {
      {"birth_registration_form", birth_form()},    {"residence_form_ct01", ct01_form()},
      {"judicial_record_request", judicial_form()}, {"citizen_id_card", id_card()},
      {"administrative_decision", decision()},
  };
  for (const auto& [expected, pages] : cases) {
    CAPTURE(expected);
    const Classification c = classify(catalog(), pages);
    CHECK(c.doc_type == expected);
    CHECK(c.confidence >= 0.8);
    CHECK(c.confidence <= 1.0);
  }
}

TEST_CASE("letters, receipts and powers of attorney stay unknown") {
  for (const auto& pages : {letter(), receipt(), power_of_attorney()}) {
    const Classification c = classify(catalog(), pages);
    CHECK(c.doc_type == "unknown");
  }
  CHECK(classify(catalog(), {}).doc_type == "unknown");
}

TEST_CASE("titles are matched without tone marks and with OCR slips") {
  PageBuilder b;
  motto(b);
  b.text(330, "TO KHAI DANG KY KHAl SINH", 900); // marks lost, I read as l
  const auto base = birth_form();
  auto pages = std::vector<sohoa::PageText>{b.build()};
  for (std::size_t i = 3; i < base[0].lines.size(); ++i) {
    pages[0].lines.push_back(base[0].lines[i]);
  }
  CHECK(classify(catalog(), pages).doc_type == "birth_registration_form");
}

TEST_CASE("an ID card whose title is unreadable is still known by its labels and shape") {
  auto pages = id_card();
  pages[0].lines.erase(pages[0].lines.begin() + 2, pages[0].lines.begin() + 4);
  const Classification c = classify(catalog(), pages);
  CHECK(c.doc_type == "citizen_id_card");
  CHECK(c.confidence < 0.8); // less sure than with its title
}

TEST_CASE("a document quoting a decision is no decision") {
  PageBuilder b;
  motto(b);
  b.text(330, "THÔNG BÁO", 1100);
  b.text(450, "Căn cứ Quyết định số 15/QĐ-UBND ngày 05/01/2026 của UBND phường;");
  b.text(520, "QUYẾT ĐỊNH này thay thế các văn bản trước đây.");
  CHECK(classify(catalog(), {b.build()}).doc_type == "unknown");
}

TEST_CASE("substring similarity finds a phrase inside a longer line") {
  CHECK(best_substring_similarity("dangkykhaisinh", "tokhaidangkykhaisinh") ==
        doctest::Approx(1.0));
  CHECK(best_substring_similarity("dangkykhaisinh", "tokhaidangkykhalsinh") > 0.9);
  CHECK(best_substring_similarity("dangkykhaisinh", "bienbanhopdong") < 0.5);
}

namespace {

// An ID card photocopied onto an A4 sheet and read poorly: the expiry line first,
// values garbled, labels with slips.
std::vector<sohoa::PageText> poorly_read_card_on_a4() {
  PageBuilder b;
  b.text(300, "Có giá trị đến / Date of expiry: {1a mm đa", 300);
  b.text(360, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 640);
  b.text(420, "Độc lập - Tự de - Hạnh phúc", 740);
  b.text(480, "CĂN CƯỚC CÔNG DÂN", 800);
  b.text(560, "Số / No. «6.No", 700);
  b.text(620, "Họ và tên / Fuil name-", 700);
  b.text(680, "Ngày sinh / Date of birth Deeofberh", 700);
  b.text(740, "Cu 0nh ; Set Quốc tich / Naoonaisy", 700);
  b.text(800, "Nơi thường tru / Place of residence", 700);
  return {b.build()};
}

} // namespace

TEST_CASE("a card read poorly on an A4 copy is known by its title and printed labels") {
  const auto pages = poorly_read_card_on_a4();
  const auto scores = score_types(catalog(), pages);
  const auto card = std::find_if(scores.begin(), scores.end(), [](const TypeScore& s) {
    return s.doc_type == "citizen_id_card";
  });
  REQUIRE(card != scores.end());
  CHECK(card->fields < 0.3); // too few values for the title to count on its own
  CHECK(card->labels >= 0.5);
  CHECK(classify(catalog(), pages).doc_type == "citizen_id_card");
}

TEST_CASE("printed labels alone, without a title, do not make a type") {
  PageBuilder b;
  motto(b);
  b.text(330, "GIẤY XÁC NHẬN", 1000);
  b.text(450, "Họ và tên / Full name: Nguyễn Văn An");
  b.text(520, "Ngày sinh / Date of birth: 01/01/1990");
  b.text(590, "Quốc tịch / Nationality: Việt Nam");
  b.text(660, "Nơi thường trú / Place of residence: 12 Lê Lợi");
  CHECK(classify(catalog(), {b.build()}).doc_type == "unknown");
}

TEST_CASE("a type on weak evidence is uncertain, a clear one is not") {
  CHECK_FALSE(classify(catalog(), id_card()).uncertain);
  CHECK_FALSE(classify(catalog(), birth_form()).uncertain);
  CHECK_FALSE(classify(catalog(), letter()).uncertain); // unknown is reviewed anyway
  // A card-shaped page with the card's title and nothing else readable.
  PageBuilder b(2024, 1276);
  b.text(150, "CĂN CƯỚC CÔNG DÂN", 800);
  b.text(500, "xx ;; 1l| ..", 700);
  const Classification weak = classify(catalog(), {b.build()});
  CHECK(weak.doc_type == "citizen_id_card");
  CHECK(weak.uncertain);
}

TEST_CASE("a card-shaped page whose title a stamp covers is a card by its own labels") {
  // A 2021 chip card under a stamp: title and values mostly lost, labels half read.
  PageBuilder b(2164, 1345);
  b.text(100, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 800);
  b.text(150, "SOCIALIST REPUBLIC OF VIET NAM", 800);
  b.text(200, "Độc lập - Tự do - Hạnh phúc", 800);
  b.text(250, "s CÔNG DÂN", 900);
  b.text(420, "ền / Full name:", 560);
  b.text(520, "“sùi tính / Sex: Ñam ị", 560);
  b.text(570, "Quốc tịch ị Ñiễah Việt Nam", 560);
  b.text(620, "“hÀ quán /Place ‡ À Phường Bổ hy, thành phố Hạ Long,", 560);
  b.text(670, "Nug trú / Place of residence: /ấX96 đường Phạm Ngũ Lão,", 560);
  b.text(1250, "`œ giá trị đến / Date of expiry:", 60);
  const Classification c = classify(catalog(), {b.build()});
  CHECK(c.doc_type == "citizen_id_card");
  CHECK(c.uncertain); // a weaker path: the document is reviewed
}

TEST_CASE("a card-shaped page with only the motto and one card label stays unknown") {
  PageBuilder b(2164, 1345);
  b.text(100, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 800);
  b.text(200, "Độc lập - Tự do - Hạnh phúc", 800);
  b.text(420, "Họ và tên / Full name: Nguyễn Văn An", 560);
  b.text(520, "Giấy mời họp tổ dân phố", 560);
  CHECK(classify(catalog(), {b.build()}).doc_type == "unknown");
}

TEST_CASE("the 2024 card's short title counts as a line of its own, not in running text") {
  // A 2024 card front on an A4 copy, its "IDENTITY CARD" line lost.
  PageBuilder b;
  b.text(360, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 640);
  b.text(480, "CĂN CƯỚC", 800);
  b.text(560, "Số định danh cá nhân / Personal ldeotificstion musnber:", 700);
  b.text(620, "001186778379", 700);
  b.text(680, "Họ, chữ đệm và tên khai sinh / Puil namne:", 700);
  b.text(740, "ĐINH THỊ THU UYÊN", 700);
  b.text(800, "Ngày, tháng, năm sinh / Duee oÝ bảrth: 19/10/1986", 700);
  CHECK(classify(catalog(), {b.build()}).doc_type == "citizen_id_card");
  // The same words in a line of running text are a mention, no title.
  PageBuilder letter;
  motto(letter);
  letter.text(330, "GIẤY XÁC NHẬN", 1000);
  letter.text(400, "Người có căn cước số 001186778379 dưới đây:");
  letter.text(460, "Họ, chữ đệm và tên khai sinh: ĐINH THỊ THU UYÊN");
  letter.text(520, "Ngày, tháng, năm sinh: 19/10/1986");
  CHECK(classify(catalog(), {letter.build()}).doc_type == "unknown");
}

TEST_CASE("a card copied on A4 whose title is lost is a card by its English print") {
  // A 2021 chip card on an A4 sheet read with slips: no "CĂN CƯỚC" line, values
  // mostly lost, the English motto and labels half read.
  PageBuilder b;
  b.text(2400, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VlỆT NAM", 900);
  b.text(2430, "SOClALIST REPUBLIC OF VIET NAM", 900);
  b.text(2460, "Độc lập - Tự do - Hạnh phúc", 900);
  b.text(2560, "Họ và tên / Fuil name:", 1000);
  b.text(2620, "Ngày sinh / Date ol birth: 12/05/1984", 1000);
  b.text(2680, "Quê quán / Place of orlgin: Phường Mỹ Long", 1000);
  b.text(2800, "Có giá trị đến / Date of expiry: 12/05/2044", 700);
  const CardPrint print = read_card_print(b.build());
  CHECK(print.header == 1);
  CHECK(print.labels == 4);
  const Classification c = classify(catalog(), {b.build()});
  CHECK(c.doc_type == "citizen_id_card");
  CHECK(c.uncertain); // typed by a weaker path: the document is reviewed

  // The same labels without the card's English header are a form's, no card.
  PageBuilder form;
  form.text(330, "TỜ KHAI THÔNG TIN", 1000);
  form.text(450, "Họ và tên / Full name: Nguyễn Văn An");
  form.text(520, "Ngày sinh / Date of birth: 01/01/1990");
  form.text(590, "Quốc tịch / Nationality: Việt Nam");
  form.text(660, "Nơi thường trú / Place of residence: 12 Lê Lợi");
  CHECK(read_card_print(form.build()).header == 0);
  CHECK(classify(catalog(), {form.build()}).doc_type == "unknown");
}
