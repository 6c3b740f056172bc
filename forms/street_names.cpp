#include "street_names.hpp"

#include "surnames.hpp"
#include "text_fold.hpp"

#include <algorithm>

namespace sohoa::forms {
namespace {

// A first word held by this many names is a name of its own, not a misread
// surname ("Đông Du", "Hưng Đạo").
constexpr int k_common_name_syllable = 20;
constexpr std::size_t k_min_street_words = 2;
constexpr std::size_t k_max_street_words = 4;
// A unit's number is short: "phường 14", "quận 3", "tổ 12".
constexpr std::size_t k_max_unit_number_chars = 3;

bool is_street_word(const std::string& folded) {
  return folded == "duong" || folded == "pho";
}

bool is_numbered_unit_word(const std::string& folded) {
  return folded == "phuong" || folded == "quan" || folded == "to";
}

// The word without a trailing comma, and whether it had one.
std::pair<std::string, bool> without_comma(const std::string& word) {
  if (!word.empty() && word.back() == ',') {
    return {word.substr(0, word.size() - 1), true};
  }
  return {word, false};
}

bool letters_only(const std::string& word) {
  const std::string folded = fold_alnum(word);
  return !folded.empty() && folded.size() == fold(word).size() &&
         std::all_of(folded.begin(), folded.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool is_surname(const std::string& word, const std::vector<std::string>& surnames) {
  const std::string lower = to_lower(word);
  return std::any_of(surnames.begin(), surnames.end(),
                     [&](const std::string& s) { return to_lower(s) == lower; });
}

// "l4" -> "14", "I2" -> "12"; empty when the word is no misread number.
std::string misread_number(const std::string& word) {
  if (word.empty() || word.size() > k_max_unit_number_chars) {
    return {};
  }
  std::string digits;
  bool any_digit = false;
  for (const char c : word) {
    if (c >= '0' && c <= '9') {
      digits += c;
      any_digit = true;
    } else if (c == 'l' || c == 'I' || c == '|') {
      digits += '1';
    } else if (c == 'O' || c == 'o') {
      digits += '0';
    } else {
      return {};
    }
  }
  return any_digit && digits != word ? digits : std::string();
}

} // namespace

StreetCheck restore_street_names(const std::string& address,
                                 const std::vector<std::string>& surnames,
                                 const NameSyllables& syllables) {
  std::vector<std::string> words = split_spaces(address);
  StreetCheck out;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string folded = fold_alnum(words[i]);
    if (is_numbered_unit_word(folded) && words[i].back() != ',') {
      const auto [next, comma] = without_comma(words[i + 1]);
      const std::string digits = misread_number(next);
      if (!digits.empty()) {
        words[i + 1] = digits + (comma ? "," : "");
        ++out.restored;
      }
      continue;
    }
    if (!is_street_word(folded) || words[i].back() == ',') {
      continue;
    }
    // The street's name: capitalized words of letters up to the comma.
    std::size_t end = i + 1;
    bool closed = false;
    while (end < words.size() && end - (i + 1) < k_max_street_words && !closed) {
      const auto [word, comma] = without_comma(words[end]);
      if (!letters_only(word) || !starts_upper(word)) {
        break;
      }
      closed = comma;
      ++end;
    }
    const std::size_t count = end - (i + 1);
    if (count < k_min_street_words || (!closed && end < words.size())) {
      continue; // no name, or a name running on past its comma
    }
    const bool last_comma = without_comma(words[end - 1]).second;
    std::string name;
    for (std::size_t k = i + 1; k < end; ++k) {
      name += (name.empty() ? "" : " ") + without_comma(words[k]).first;
    }
    // A person's name: a surname first, name syllables after it. A street named
    // for a place or an event ("Điện Biên Phủ", "Cách Mạng Tháng Tám") is left alone.
    const std::vector<std::string> parts_read = split_spaces(name);
    const bool rest_are_names =
        std::all_of(parts_read.begin() + 1, parts_read.end(),
                    [&](const std::string& w) { return syllables.count(to_lower(w)) > 0; });
    std::string restored = name;
    if (!is_surname(parts_read.front(), surnames) && rest_are_names &&
        syllables.count(to_lower(parts_read.front())) < k_common_name_syllable) {
      restored = restore_surname(restored, surnames);
    }
    if (is_surname(split_spaces(restored).front(), surnames)) {
      restored = check_name_syllables(restored, syllables).value;
    }
    if (restored != name) {
      const std::vector<std::string> parts = split_spaces(restored);
      for (std::size_t k = 0; k < parts.size() && i + 1 + k < end; ++k) {
        if (parts[k] != without_comma(words[i + 1 + k]).first) {
          ++out.restored;
        }
        words[i + 1 + k] = parts[k];
      }
      if (last_comma) {
        words[end - 1] += ",";
      }
    }
    i = end - 1;
  }
  for (const auto& w : words) {
    out.value += (out.value.empty() ? "" : " ") + w;
  }
  return out;
}

} // namespace sohoa::forms
