// What OCR leaves after a name or a listed term, and a label taken for a name.
#include "catalog_fixture.hpp"
#include "forms/name_values.hpp"
#include "sohoa/forms/vocabulary_check.hpp"
#include <doctest/doctest.h>

using namespace sohoa::forms;

TEST_CASE("a name loses a stray last letter or digit, not a short syllable") {
  CHECK(without_stray_end("Đặng Tuấn Lộc b") == "Đặng Tuấn Lộc");
  CHECK(without_stray_end("Phạm Ngọc Bảo Anh 2") == "Phạm Ngọc Bảo Anh");
  CHECK(without_stray_end("Lê Thị A") == "Lê Thị A"); // a capital is a name's
  CHECK(without_stray_end("Lê b") == "Lê b");         // two words: nothing to spare
  CHECK(without_stray_end("Nguyễn Văn Y") == "Nguyễn Văn Y");
}

TEST_CASE("a name that is a printed label of some form is no name") {
  const auto& types = sohoa::forms::test::catalog().types();
  CHECK(is_printed_label(types, "Ngày sinh"));
  CHECK(is_printed_label(types, "Ngày, tháng, năm sinh"));
  CHECK_FALSE(is_printed_label(types, "Trần Thị Thu Anh"));
  CHECK_FALSE(is_printed_label(types, ""));
}

TEST_CASE("a listed term keeps no stray mark after it") {
  const auto& catalog = sohoa::forms::test::catalog();
  const FormType* jrr = catalog.find("judicial_record_request");
  REQUIRE(jrr != nullptr);
  const FieldSpec* nationality = jrr->field("nationality");
  REQUIRE(nationality != nullptr);
  for (const char* read : {"Việt Nam VI", "Việt Nam VỊ", "Việt Nam 2"}) {
    CAPTURE(read);
    const ListCheck c = check_against_list(*nationality, catalog, read);
    CHECK(c.value == "Việt Nam");
    CHECK(c.signal == ListSignal::hit);
    CHECK(c.corrected);
  }
  // A longer tail is no stray mark: the value stays as read, a miss.
  const ListCheck longer = check_against_list(*nationality, catalog, "Việt Nam Dân");
  CHECK(longer.value == "Việt Nam Dân");
}
