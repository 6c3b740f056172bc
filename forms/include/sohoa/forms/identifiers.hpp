#pragma once
// Identifier and date rules (forms.md "Identifier rules", STANDARDS.md section 5).
// Each check returns the rules a value breaks; an empty list means it passes.
// Messages are in Vietnamese, for the officer who reviews the record.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sohoa::forms {

struct Finding {
  std::string code;    // invalid_length, invalid_province, id_birth_year_mismatch, ...
  std::string message; // Vietnamese
};

// What the same document says about the person, to cross-check a personal id.
struct PersonFacts {
  std::optional<std::string> gender;     // "Nam" / "Nữ"
  std::optional<std::string> birth_date; // ISO
  std::optional<std::string> birth_year; // four digits
};

// province_codes: the valid first-three-digit codes (schemas/identifiers.v1.json);
// empty means the range 001-096.
std::vector<Finding> check_personal_id(std::string_view id, const PersonFacts& facts,
                                       const std::vector<int>& province_codes = {});
std::vector<Finding> check_cmnd(std::string_view id);
// 9 or 12 digits checked as CMND or personal id; a passport is a letter and 7 digits.
std::vector<Finding> check_id_document(std::string_view id, const PersonFacts& facts,
                                       const std::vector<int>& province_codes = {});
std::vector<Finding> check_dossier_code(std::string_view code);
// strict: the QĐ 20/2020 form ^\d{3}\.\d{2}\.\d{2}\.[A-Y]\d{2}$.
std::vector<Finding> check_unit_code(std::string_view code, bool strict = false);
// invalid_checksum is a warning: the check digit formula is the community's.
std::vector<Finding> check_tax_code(std::string_view code);

bool is_real_date(std::string_view iso);
std::vector<Finding> check_date(std::string_view iso);
std::vector<Finding> check_birth_date(std::string_view iso, std::string_view today_iso);
std::vector<Finding> check_expiry(std::string_view expiry_iso, std::string_view birth_iso);
std::vector<Finding> check_year(std::string_view year, std::string_view today_iso);
std::vector<Finding> check_phone(std::string_view digits);
std::vector<Finding> check_email(std::string_view email);

// Today in Vietnam (UTC+7) as YYYY-MM-DD.
std::string today_iso();

} // namespace sohoa::forms
