#include "catalog_fixture.hpp"
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
