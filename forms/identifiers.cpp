#include "sohoa/forms/identifiers.hpp"
#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <regex>

namespace sohoa::forms {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

int to_int(std::string_view s) {
  int v = 0;
  for (const char c : s) {
    v = v * 10 + (c - '0');
  }
  return v;
}

bool real_ymd(int y, int m, int d) {
  if (y < 1 || m < 1 || m > 12 || d < 1) {
    return false;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y},
                                        std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  return ymd.ok();
}

} // namespace

std::vector<Finding> check_personal_id(std::string_view id, const PersonFacts& facts,
                                       const std::vector<int>& province_codes) {
  if (id.size() != 12 || !all_digits(id)) {
    return {{"invalid_length", "Số định danh cá nhân phải gồm đúng 12 chữ số."}};
  }
  std::vector<Finding> out;
  const int province = to_int(id.substr(0, 3));
  const bool province_ok = province_codes.empty()
                               ? province >= 1 && province <= 96
                               : std::find(province_codes.begin(), province_codes.end(),
                                           province) != province_codes.end();
  if (!province_ok) {
    out.push_back({"invalid_province",
                   "Ba chữ số đầu của số định danh không phải mã tỉnh hợp lệ (001-096)."});
  }
  const int century_digit = id[3] - '0';
  const int year = 1900 + (century_digit / 2) * 100 + to_int(id.substr(4, 2));
  const std::string id_gender = century_digit % 2 == 0 ? "Nam" : "N\xE1\xBB\xAF";
  if (facts.gender && (*facts.gender == "Nam" || *facts.gender == "N\xE1\xBB\xAF") &&
      *facts.gender != id_gender) {
    out.push_back({"id_gender_mismatch",
                   "Chữ số thứ 4 của số định danh không khớp với giới tính trên giấy tờ."});
  }
  std::optional<int> birth_year;
  if (facts.birth_date && facts.birth_date->size() >= 4 &&
      all_digits(facts.birth_date->substr(0, 4))) {
    birth_year = to_int(facts.birth_date->substr(0, 4));
  } else if (facts.birth_year && facts.birth_year->size() == 4 && all_digits(*facts.birth_year)) {
    birth_year = to_int(*facts.birth_year);
  }
  if (birth_year && *birth_year != year) {
    out.push_back({"id_birth_year_mismatch",
                   "Thế kỷ và năm sinh mã hóa trong số định danh (" + std::to_string(year) +
                       ") không khớp với năm sinh (" + std::to_string(*birth_year) + ")."});
  }
  return out;
}

std::vector<Finding> check_cmnd(std::string_view id) {
  if ((id.size() != 9 && id.size() != 12) || !all_digits(id)) {
    return {{"invalid_length", "Số chứng minh nhân dân phải gồm 9 (hoặc 12) chữ số."}};
  }
  return {};
}

std::vector<Finding> check_id_document(std::string_view id, const PersonFacts& facts,
                                       const std::vector<int>& province_codes) {
  if (id.size() == 12 && all_digits(id)) {
    return check_personal_id(id, facts, province_codes);
  }
  if (id.size() == 9 && all_digits(id)) {
    return {};
  }
  static const std::regex passport(R"(^[A-Z][0-9]{7}$)");
  if (std::regex_match(std::string(id), passport)) {
    return {};
  }
  return {{"invalid_length",
           "Số giấy tờ tùy thân phải là CCCD 12 số, CMND 9 số hoặc hộ chiếu (1 chữ, 7 số)."}};
}

std::vector<Finding> check_dossier_code(std::string_view code) {
  static const std::regex form(R"(^([0-9A-Z]+(?:\.[0-9A-Z]+)*)-(\d{2})(\d{2})(\d{2})-(\d{4})$)");
  std::smatch m;
  const std::string s(code);
  if (!std::regex_match(s, m, form) || m[1].length() > 35) {
    return {{"invalid_format", "Mã hồ sơ phải có dạng <mã đơn vị>-<yymmdd>-<4 chữ số>, ví dụ "
                               "000.00.00.H30-250714-0001."}};
  }
  if (!real_ymd(2000 + std::stoi(m[2]), std::stoi(m[3]), std::stoi(m[4]))) {
    return {{"invalid_date", "Ngày tiếp nhận trong mã hồ sơ không phải ngày có thật."}};
  }
  return {};
}

std::vector<Finding> check_unit_code(std::string_view code, bool strict) {
  static const std::regex loose(R"(^[0-9A-Z]+(\.[0-9A-Z]+)*$)");
  static const std::regex exact(R"(^\d{3}\.\d{2}\.\d{2}\.[A-Y]\d{2}$)");
  const std::string s(code);
  if (s.size() > 35 || !std::regex_match(s, strict ? exact : loose)) {
    return {{"invalid_format", "Mã định danh đơn vị không đúng định dạng (QĐ 20/2020/QĐ-TTg)."}};
  }
  return {};
}

std::vector<Finding> check_tax_code(std::string_view code) {
  static const std::regex form(R"(^(\d{10})(-\d{3})?$)");
  std::smatch m;
  const std::string s(code);
  if (!std::regex_match(s, m, form)) {
    return {{"invalid_format", "Mã số thuế phải gồm 10 chữ số hoặc dạng NNNNNNNNNN-NNN."}};
  }
  constexpr std::array<int, 9> k_weights{31, 29, 23, 19, 17, 13, 7, 5, 3};
  const std::string digits = m[1];
  int sum = 0;
  for (std::size_t i = 0; i < k_weights.size(); ++i) {
    sum += (digits[i] - '0') * k_weights[i];
  }
  const int check = 10 - sum % 11;
  if (check != digits[9] - '0') {
    return {{"invalid_checksum", "Chữ số kiểm tra của mã số thuế không khớp (cần kiểm tra lại)."}};
  }
  return {};
}

bool is_real_date(std::string_view iso) {
  static const std::regex form(R"(^(\d{4})-(\d{2})-(\d{2})$)");
  std::smatch m;
  const std::string s(iso);
  return std::regex_match(s, m, form) &&
         real_ymd(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
}

std::vector<Finding> check_date(std::string_view iso) {
  if (!is_real_date(iso)) {
    return {{"invalid_date", "Ngày tháng không hợp lệ hoặc không đọc được."}};
  }
  return {};
}

std::vector<Finding> check_birth_date(std::string_view iso, std::string_view today) {
  auto out = check_date(iso);
  if (out.empty() && iso > today) {
    out.push_back({"date_in_future", "Ngày sinh ở sau ngày hôm nay."});
  }
  return out;
}

std::vector<Finding> check_expiry(std::string_view expiry_iso, std::string_view birth_iso) {
  if (is_real_date(expiry_iso) && is_real_date(birth_iso) && expiry_iso <= birth_iso) {
    return {{"expiry_before_birth", "Ngày hết hạn không ở sau ngày sinh."}};
  }
  return {};
}

std::vector<Finding> check_year(std::string_view year, std::string_view today) {
  if (year.size() != 4 || !all_digits(year) || to_int(year) < 1900 || year > today.substr(0, 4)) {
    return {{"invalid_year", "Năm sinh phải là 4 chữ số, từ 1900 đến năm nay."}};
  }
  return {};
}

std::vector<Finding> check_phone(std::string_view digits) {
  const bool ok = all_digits(digits) && ((digits.size() == 10 && digits[0] == '0') ||
                                         (digits.size() == 11 && digits.substr(0, 2) == "84"));
  if (!ok) {
    return {{"invalid_phone", "Số điện thoại phải gồm 10 chữ số bắt đầu bằng 0."}};
  }
  return {};
}

std::vector<Finding> check_email(std::string_view email) {
  static const std::regex form(R"(^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+$)");
  if (!std::regex_match(std::string(email), form)) {
    return {{"invalid_email", "Địa chỉ email không đúng định dạng."}};
  }
  return {};
}

std::string today_iso() {
  using namespace std::chrono;
  const auto vietnam = floor<days>(system_clock::now() + hours{7});
  const year_month_day ymd{vietnam};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

} // namespace sohoa::forms
