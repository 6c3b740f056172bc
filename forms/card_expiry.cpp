#include "card_expiry.hpp"

#include "fuzzy.hpp"
#include "sohoa/forms/identifiers.hpp"

#include <array>
#include <cstdio>

namespace sohoa::forms {
namespace {

// Ages at which a card is renewed, so the birthdays a card can expire on.
constexpr std::array<int, 4> k_renewal_ages = {14, 25, 40, 60};
// Digit edits allowed between the read expiry and a renewal birthday: more would
// let any date of the right century be "restored".
constexpr int k_max_digit_edits = 2;
// Fewer digits than this are not a date read with slips.
constexpr std::size_t k_min_digits = 6;

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

} // namespace

std::optional<std::string> card_expiry_from_birth(std::string_view read,
                                                  std::string_view birth_iso) {
  if (!is_real_date(birth_iso)) {
    return std::nullopt;
  }
  std::string digits;
  for (const char c : read) {
    if (c >= '0' && c <= '9') {
      digits += c;
    }
  }
  if (digits.size() < k_min_digits) {
    return std::nullopt;
  }
  // An ISO value read back as digits: year first; the card prints day first.
  const bool iso_order = read.size() == 10 && read[4] == '-' && read[7] == '-';
  const int year = std::stoi(std::string(birth_iso.substr(0, 4)));
  const std::string month(birth_iso.substr(5, 2));
  std::string day(birth_iso.substr(8, 2));
  std::optional<std::string> best;
  int best_edits = k_max_digit_edits + 1;
  for (const int age : k_renewal_ages) {
    const int y = year + age;
    // Born on 29 February: the birthday of a common year is the 28th.
    const std::string d = month == "02" && day == "29" && !is_leap(y) ? "28" : day;
    char year_text[8];
    std::snprintf(year_text, sizeof year_text, "%04d", y);
    const std::string printed = iso_order ? year_text + month + d : d + month + year_text;
    const int edits = edit_distance(digits, printed);
    if (edits < best_edits) {
      best_edits = edits;
      best = std::string(year_text) + "-" + month + "-" + d;
    }
  }
  return best;
}

} // namespace sohoa::forms
