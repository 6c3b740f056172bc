#include "sohoa/forms/identifiers.hpp"
#include <doctest/doctest.h>

using namespace sohoa::forms;

namespace {

bool has(const std::vector<Finding>& findings, const std::string& code) {
  for (const auto& f : findings) {
    if (f.code == code) {
      return true;
    }
  }
  return false;
}

} // namespace

TEST_CASE("a consistent personal id passes") {
  // Hà Nội (001), male born 2003.
  CHECK(check_personal_id("001203012345", {"Nam", "2003-05-01", std::nullopt}).empty());
  // Hồ Chí Minh (079), female born 1990.
  CHECK(check_personal_id("079190001234", {"Nữ", "1990-07-12", std::nullopt}).empty());
  // Only the birth year known.
  CHECK(check_personal_id("079190001234", {std::nullopt, std::nullopt, "1990"}).empty());
}

TEST_CASE("personal id length and province") {
  CHECK(has(check_personal_id("00120301234", {}), "invalid_length"));
  CHECK(has(check_personal_id("0012030123456", {}), "invalid_length"));
  CHECK(has(check_personal_id("00120301234A", {}), "invalid_length"));
  CHECK(has(check_personal_id("000203012345", {}), "invalid_province"));
  CHECK(has(check_personal_id("097203012345", {}), "invalid_province"));
  // With the data file's list, 003 is no province although it is in 001-096.
  CHECK(has(check_personal_id("003203012345", {}, {1, 2, 4, 79}), "invalid_province"));
  CHECK_FALSE(has(check_personal_id("079203012345", {}, {1, 2, 4, 79}), "invalid_province"));
}

TEST_CASE("personal id century, gender and birth year must agree with the document") {
  CHECK(has(check_personal_id("001203012345", {"Nữ", std::nullopt, std::nullopt}),
            "id_gender_mismatch"));
  CHECK(has(check_personal_id("001303012345", {"Nam", std::nullopt, std::nullopt}),
            "id_gender_mismatch"));
  // Digit 4 = 2: born 2000-2099, the form says 1903.
  CHECK(has(check_personal_id("001203012345", {"Nam", "1903-01-01", std::nullopt}),
            "id_birth_year_mismatch"));
  CHECK(has(check_personal_id("001203012345", {"Nam", "2004-01-01", std::nullopt}),
            "id_birth_year_mismatch"));
  CHECK(has(check_personal_id("001090012345", {std::nullopt, std::nullopt, "1991"}),
            "id_birth_year_mismatch"));
}

TEST_CASE("CMND is 9 digits") {
  CHECK(check_cmnd("012345678").empty());
  CHECK(has(check_cmnd("01234567"), "invalid_length"));
  CHECK(has(check_cmnd("01234567X"), "invalid_length"));
}

TEST_CASE("id document accepts CCCD, CMND and passport") {
  CHECK(check_id_document("012345678", {}).empty());
  CHECK(check_id_document("C1234567", {}).empty());
  CHECK(check_id_document("079190001234", {"Nữ", std::nullopt, std::nullopt}).empty());
  CHECK(has(check_id_document("079190001234", {"Nam", std::nullopt, std::nullopt}),
            "id_gender_mismatch"));
  CHECK(has(check_id_document("12345", {}), "invalid_length"));
}

TEST_CASE("dossier and unit codes") {
  CHECK(check_dossier_code("000.00.16.H29-261122-0001").empty());
  CHECK(check_dossier_code("000.00.00.H30-250714-0001").empty());
  CHECK(has(check_dossier_code("000.00.16.H29-261122-001"), "invalid_format"));
  CHECK(has(check_dossier_code("000.00.16.h29-261122-0001"), "invalid_format"));
  CHECK(has(check_dossier_code("000.00.16.H29-261332-0001"), "invalid_date"));
  CHECK(check_unit_code("000.00.00.H30", true).empty());
  CHECK(check_unit_code("G22.35.A1").empty());
  CHECK(has(check_unit_code("G22.35.A1", true), "invalid_format"));
  CHECK(has(check_unit_code("000.00.00.Z30", true), "invalid_format"));
  CHECK(has(check_unit_code("000..00"), "invalid_format"));
}

TEST_CASE("tax code check digit warns") {
  CHECK(check_tax_code("0100109106").empty());
  CHECK(check_tax_code("0100109106-001").empty());
  CHECK(has(check_tax_code("0100109107"), "invalid_checksum"));
  CHECK(has(check_tax_code("010010910"), "invalid_format"));
}

TEST_CASE("dates are real, births not in the future, expiry after birth") {
  CHECK(is_real_date("2024-02-29"));
  CHECK_FALSE(is_real_date("2023-02-29"));
  CHECK_FALSE(is_real_date("2020-13-01"));
  CHECK_FALSE(is_real_date("05/01/2020"));
  CHECK(has(check_date("2020-02-31"), "invalid_date"));
  CHECK(check_birth_date("2020-01-05", "2026-11-22").empty());
  CHECK(has(check_birth_date("2027-01-05", "2026-11-22"), "date_in_future"));
  CHECK(check_expiry("2045-01-05", "2020-01-05").empty());
  CHECK(has(check_expiry("2019-01-05", "2020-01-05"), "expiry_before_birth"));
  CHECK(check_year("1990", "2026-11-22").empty());
  CHECK(has(check_year("1890", "2026-11-22"), "invalid_year"));
  CHECK(has(check_year("2030", "2026-11-22"), "invalid_year"));
  CHECK(today_iso().size() == 10);
}

TEST_CASE("phones and emails") {
  CHECK(check_phone("0903123456").empty());
  CHECK(check_phone("84903123456").empty());
  CHECK(has(check_phone("903123456"), "invalid_phone"));
  CHECK(check_email("an.nguyen@gmail.com").empty());
  CHECK(has(check_email("an.nguyen@gmail"), "invalid_email"));
}
