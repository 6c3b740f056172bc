// Tax codes are checked wherever a page prints one, field or no field.
#include "forms/tax_codes.hpp"
#include <doctest/doctest.h>

using namespace sohoa;
using namespace sohoa::forms;

namespace {

PageText page_of(const std::vector<std::vector<std::string>>& lines) {
  PageText page;
  int y = 100;
  for (const auto& words : lines) {
    OcrLine line;
    int x = 100;
    for (const auto& w : words) {
      line.words.push_back({w, Box{x, y, 80, 30}, 0.9F});
      x += 100;
    }
    page.lines.push_back(line);
    y += 50;
  }
  return page;
}

bool has_tax_issue(const FormsResult& r) {
  for (const auto& i : r.issues) {
    if (i.code == "invalid_tax_code" && i.field.empty()) {
      return true;
    }
  }
  return false;
}

} // namespace

TEST_CASE("tax codes after a Mã số thuế or MST label are found, digit groups joined") {
  const auto found = find_tax_codes({page_of({{"Công", "ty", "TNHH", "An", "Phát"},
                                              {"Mã", "số", "thuế:", "0100", "109", "106"},
                                              {"MST:", "0100109106-001", "Địa", "chỉ"}})});
  REQUIRE(found.size() == 2);
  CHECK(found[0].code == "0100109106");
  CHECK(found[1].code == "0100109106-001");
}

TEST_CASE("a printed tax code that breaks the check digit rule is an issue; a good one is not") {
  FormsResult good;
  check_printed_tax_codes({page_of({{"Mã", "số", "thuế:", "0100109106"}})}, good);
  CHECK_FALSE(has_tax_issue(good));
  FormsResult bad_digit;
  check_printed_tax_codes({page_of({{"Mã", "số", "thuế:", "0100109107"}})}, bad_digit);
  CHECK(has_tax_issue(bad_digit));
  FormsResult short_code;
  check_printed_tax_codes({page_of({{"MST", "010010910"}})}, short_code);
  CHECK(has_tax_issue(short_code));
  FormsResult no_label;
  check_printed_tax_codes({page_of({{"Số", "0100109107"}})}, no_label);
  CHECK(no_label.issues.empty());
}
