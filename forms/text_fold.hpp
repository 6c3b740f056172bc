#pragma once
// Unicode helpers (ICU). Matching works on folded text - no tone marks, no
// diacritics, đ -> d, lower case - because OCR drops and confuses Vietnamese marks;
// values themselves always keep their diacritics (NFC).
#include <string>
#include <string_view>
#include <vector>

namespace sohoa::forms {

// NFD, marks removed, đ/Đ -> d, lower case. "Họ, chữ đệm" -> "ho, chu dem".
std::string fold(std::string_view utf8);
// fold() and then every non-alphanumeric character dropped: "Tên:" -> "ten".
std::string fold_alnum(std::string_view utf8);
std::string to_nfc(std::string_view utf8);
std::string to_lower(std::string_view utf8);
std::string to_upper(std::string_view utf8);
// First letter upper case, the rest unchanged.
std::string capitalize(std::string_view utf8);
// True when the text has letters and at least 80 % of them are upper case.
bool is_upper_case_text(std::string_view utf8);
// True when the text's first letter is upper case.
bool starts_upper(std::string_view utf8);
// Whitespace runs become one space; leading/trailing space removed.
std::string collapse_spaces(std::string_view text);
std::vector<std::string> split_spaces(std::string_view text);
// Lower case with the tone mark of "oa", "oe", "uy" on the first vowel: "Hoà" and
// "Hòa", "Thuỵ" and "Thụy" are one spelling in two placement styles (official lists
// hold both), so a reading in either style is not to be "corrected" to the other.
std::string spelling_key(std::string_view utf8);
// Number of code points.
std::size_t utf8_length(std::string_view utf8);

} // namespace sohoa::forms
