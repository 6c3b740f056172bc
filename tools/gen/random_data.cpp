#include "tools/gen/random_data.hpp"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <chrono>
#include <cstdio>

#include "tools/gen/vn_data.hpp"

namespace sohoa::gen {

std::string two_digits(int v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

std::string Date::iso() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string Date::dmy() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", day, month, year);
  return buf;
}

std::string Date::long_vn() const {
  return "ngày " + two_digits(day) + " tháng " + two_digits(month) + " năm " + std::to_string(year);
}

bool Date::operator<(const Date& o) const {
  if (year != o.year) {
    return year < o.year;
  }
  if (month != o.month) {
    return month < o.month;
  }
  return day < o.day;
}

int days_in_month(int year, int month) {
  const std::chrono::year_month_day_last last_day{std::chrono::year{year} /
                                                  std::chrono::month{static_cast<unsigned>(month)} /
                                                  std::chrono::last};
  return static_cast<int>(static_cast<unsigned>(last_day.day()));
}

namespace {

std::chrono::sys_days to_sys_days(const Date& d) {
  return std::chrono::sys_days{std::chrono::year{d.year} /
                               std::chrono::month{static_cast<unsigned>(d.month)} /
                               std::chrono::day{static_cast<unsigned>(d.day)}};
}

Date from_sys_days(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd{day};
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::string digits(Rng& rng, int count) {
  std::string s;
  for (int i = 0; i < count; ++i) {
    s += static_cast<char>('0' + rng.range(0, 9));
  }
  return s;
}

} // namespace

Date random_date(Rng& rng, const Date& from, const Date& to) {
  // Uniform over the days between: only the span feeds the draw.
  const auto first = to_sys_days(from).time_since_epoch().count();
  const auto last = to_sys_days(to).time_since_epoch().count();
  return from_sys_days(std::chrono::sys_days{std::chrono::days{rng.uniform_int(first, last)}});
}

Date reference_today() {
  return Date{2026, 11, 20};
}

std::string Address::full() const {
  std::string s;
  if (!house.empty()) {
    s += house + ", ";
  }
  if (!street.empty()) {
    s += street + ", ";
  }
  return s + short_form();
}

std::string Address::short_form() const {
  return ward + ", " + district + ", " + province;
}

Address random_address(Rng& rng) {
  const Locality& loc = rng.pick(localities());
  const Province& prov = province_by_code(loc.province_code);
  Address a;
  a.ward = rng.pick(loc.wards);
  a.district = loc.district;
  a.province = prov.kind + " " + prov.name;
  a.province_code = prov.code;
  a.ward_name = a.ward;
  for (const char* prefix : {"phường ", "xã ", "thị trấn "}) {
    const std::string pre(prefix);
    if (a.ward.rfind(pre, 0) == 0) {
      a.ward_name = a.ward.substr(pre.size());
    }
  }
  const bool rural = a.ward.rfind("xã", 0) == 0;
  if (rural) {
    static const std::vector<std::string> k_hamlets = {"thôn Đông",     "thôn Trung", "ấp 3",
                                                       "ấp Bình Thạnh", "xóm 5",      "thôn Hạ"};
    a.street = rng.pick(k_hamlets);
  } else {
    a.house = "Số " + std::to_string(rng.range(1, 420));
    if (rng.chance(0.2)) {
      a.house += "/" + std::to_string(rng.range(2, 40));
    }
    a.street = "đường " + rng.pick(street_names());
  }
  return a;
}

Address random_hometown(Rng& rng) {
  Address a = random_address(rng);
  a.house.clear();
  a.street.clear();
  return a;
}

std::string Person::full_name() const {
  return family + " " + middle + " " + given;
}

std::string make_personal_id(Rng& rng, const std::string& province_code, bool male,
                             int birth_year) {
  const int century = (birth_year / 100) - 19; // 1900s -> 0, 2000s -> 1, ...
  const int gender_digit = century * 2 + (male ? 0 : 1);
  return province_code + std::to_string(gender_digit) + two_digits(birth_year % 100) +
         digits(rng, 6);
}

std::string break_personal_id(Rng& rng, const std::string& id) {
  const int year2 = std::stoi(id.substr(4, 2));
  const int wrong = (year2 + rng.range(1, 98)) % 100;
  return id.substr(0, 4) + two_digits(wrong) + id.substr(6);
}

std::string random_phone(Rng& rng) {
  static const std::vector<std::string> k_prefixes = {"090", "091", "093", "094", "096", "097",
                                                      "098", "086", "088", "032", "035", "070",
                                                      "077", "081", "083", "085", "039"};
  return rng.pick(k_prefixes) + digits(rng, 7);
}

std::string print_phone(Rng& rng, const std::string& d) {
  const int style = rng.range(0, 3);
  if (style == 1) {
    return d.substr(0, 4) + " " + d.substr(4, 3) + " " + d.substr(7);
  }
  if (style == 2) {
    return d.substr(0, 4) + "." + d.substr(4, 3) + "." + d.substr(7);
  }
  return d;
}

std::string ascii_fold(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(text);
  icu::UnicodeString decomposed = U_SUCCESS(status) ? nfd->normalize(in, status) : in;
  std::string out;
  for (int32_t i = 0; i < decomposed.length(); ++i) {
    const UChar c = decomposed.charAt(i);
    if (c == u'đ' || c == u'Đ') {
      out += 'd';
    } else if (c < 128 && c != ' ' && c != '\'') {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
  return out;
}

std::string upper_vn(const std::string& text) {
  std::string out;
  icu::UnicodeString::fromUTF8(text).toUpper(icu::Locale("vi")).toUTF8String(out);
  return out;
}

std::string random_email(Rng& rng, const Person& p) {
  std::string local = ascii_fold(p.given) + ascii_fold(p.family);
  if (rng.chance(0.5)) {
    local = ascii_fold(p.full_name());
  }
  if (rng.chance(0.6)) {
    local += std::to_string(p.birth.year % 100 + rng.range(0, 1) * 1900);
  }
  return local + "@" + rng.pick(email_domains());
}

Person random_person(Rng& rng, bool male, const Date& born_from, const Date& born_to) {
  Person p;
  p.male = male;
  p.family = rng.pick(family_names());
  p.middle = rng.pick(male ? male_middle_names() : female_middle_names());
  p.given = rng.pick(male ? male_given_names() : female_given_names());
  p.birth = random_date(rng, born_from, born_to);
  p.ethnicity = rng.pick(ethnicities());
  p.residence = random_address(rng);
  p.hometown = random_hometown(rng);
  p.birth_province_code = rng.chance(0.6) ? p.residence.province_code : rng.pick(provinces()).code;
  p.id_number = make_personal_id(rng, p.birth_province_code, male, p.birth.year);
  p.old_id_number = std::to_string(rng.range(0, 3)) + digits(rng, 8);
  // Cards are issued from age 14, and only from 2016 on for the chip/CCCD series.
  Date first_issue{std::max(p.birth.year + 14, 2016), p.birth.month, std::min(p.birth.day, 28)};
  Date today = reference_today();
  p.id_issue = first_issue < today ? random_date(rng, first_issue, Date{2025, 12, 31}) : today;
  if (Date{2025, 12, 31} < p.id_issue) {
    p.id_issue = today;
  }
  p.phone = random_phone(rng);
  p.email = random_email(rng, p);
  return p;
}

} // namespace sohoa::gen
