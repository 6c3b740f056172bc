#pragma once
// Random but valid Vietnamese values: names, addresses, dates, identifiers.
#include <string>

#include "tools/gen/rng.hpp"

namespace sohoa::gen {

struct Date {
  int year = 2000;
  int month = 1;
  int day = 1;

  std::string iso() const;     // 2026-01-05
  std::string dmy() const;     // 05/01/2026
  std::string long_vn() const; // ngày 05 tháng 01 năm 2026
  bool operator<(const Date& o) const;
};

int days_in_month(int year, int month);
Date random_date(Rng& rng, const Date& from, const Date& to);
// The date the generator treats as "today": fixed so output never depends on the clock.
Date reference_today();

struct Address {
  std::string house;         // "Số 12" or "" in rural addresses
  std::string street;        // "đường Lê Lợi" or "thôn Đông" or ""
  std::string ward;          // "phường Bến Nghé"
  std::string district;      // "quận 1"
  std::string province;      // "thành phố Hồ Chí Minh"
  std::string province_code; // "079"
  std::string ward_name;     // "Bến Nghé" (the place name used in dates)

  std::string full() const; // "Số 12, đường Lê Lợi, phường Bến Nghé, quận 1, thành phố Hồ Chí Minh"
  std::string short_form() const; // ward, district, province
};

Address random_address(Rng& rng);
// A hometown-style address (ward, district, province) in a given province when possible.
Address random_hometown(Rng& rng);

struct Person {
  std::string family;
  std::string middle;
  std::string given;
  bool male = true;
  Date birth;
  std::string ethnicity = "Kinh";
  Address residence;
  Address hometown;
  std::string birth_province_code;
  std::string id_number;     // 12-digit personal id, consistent with the rules
  std::string old_id_number; // 9-digit CMND
  Date id_issue;
  std::string phone;
  std::string email;

  std::string full_name() const;
  std::string gender() const { return male ? "Nam" : "Nữ"; }
};

Person random_person(Rng& rng, bool male, const Date& born_from, const Date& born_to);
// 12-digit personal id number: province, gender/century digit, birth year, 6 random digits.
std::string make_personal_id(Rng& rng, const std::string& province_code, bool male, int birth_year);
// The same id with its birth-year digits changed so they disagree with the birth year.
std::string break_personal_id(Rng& rng, const std::string& id);
std::string random_phone(Rng& rng);
// The phone number as people print it: grouped "0903 123 456" or "0903.123.456" or plain.
std::string print_phone(Rng& rng, const std::string& digits);
std::string random_email(Rng& rng, const Person& p);
// Lower-case ASCII of a Vietnamese name ("Nguyễn Văn An" -> "nguyenvanan").
std::string ascii_fold(const std::string& text);
std::string upper_vn(const std::string& text);
std::string two_digits(int v);

} // namespace sohoa::gen
