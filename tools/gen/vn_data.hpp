#pragma once
// Word lists the generator draws Vietnamese values from (NFC UTF-8).
#include <string>
#include <vector>

namespace sohoa::gen {

struct Province {
  std::string code; // 3-digit code of personal id numbers (001-096)
  std::string name; // "Hồ Chí Minh"
  std::string kind; // "thành phố" or "tỉnh"
};

// A district with some of its wards, all of one province.
struct Locality {
  std::string province_code;
  std::string district;           // "quận 1", "huyện Gia Lâm"
  std::vector<std::string> wards; // "phường Bến Nghé", "xã Đa Tốn"
};

const std::vector<Province>& provinces();
const Province& province_by_code(const std::string& code);
const std::vector<Locality>& localities();
const std::vector<std::string>& family_names();
const std::vector<std::string>& male_middle_names();
const std::vector<std::string>& female_middle_names();
const std::vector<std::string>& male_given_names();
const std::vector<std::string>& female_given_names();
const std::vector<std::string>& street_names();
const std::vector<std::string>& ethnicities();
const std::vector<std::string>& hospitals();
const std::vector<std::string>& email_domains();
const std::vector<std::string>& purposes_judicial();
const std::vector<std::string>& occupations();

} // namespace sohoa::gen
