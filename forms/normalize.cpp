#include "sohoa/forms/normalize.hpp"
#include "text_fold.hpp"
#include <algorithm>
#include <cctype>
#include <regex>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace sohoa::forms {
namespace {

bool is_trim_char(char c) {
  return c == ':' || c == ',' || c == ';' || c == '.' || c == '_' || c == ' ' || c == '-';
}

// U+2026 HORIZONTAL ELLIPSIS as UTF-8.
constexpr std::string_view k_ellipsis = "\xE2\x80\xA6";

std::string remove_leaders(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text.substr(i, k_ellipsis.size()) == k_ellipsis) {
      out += ' ';
      i += k_ellipsis.size();
      continue;
    }
    const char c = text[i];
    if (c == '.' || c == '_') {
      std::size_t j = i;
      while (j < text.size() && text[j] == c) {
        ++j;
      }
      if (j - i >= 2) { // a leader, not a full stop or "TP."
        out += ' ';
        i = j;
        continue;
      }
    }
    out += c;
    ++i;
  }
  return out;
}

// "(1)", "(12)" footnote markers the printed forms put after labels.
std::string remove_footnotes(const std::string& text) {
  static const std::regex marker(R"(\(\s*\d{1,2}\s*\))");
  return std::regex_replace(text, marker, " ");
}

std::string trim_punctuation(std::string s) {
  std::size_t begin = 0;
  while (begin < s.size() && is_trim_char(s[begin])) {
    ++begin;
  }
  std::size_t end = s.size();
  while (end > begin && is_trim_char(s[end - 1])) {
    --end;
  }
  return s.substr(begin, end - begin);
}

// Stray marks OCR leaves at a value's ends ("⁄", "|", "…", "«"): anything that is
// neither a letter nor a digit, except brackets closing an opened one.
std::string trim_symbols(const std::string& s) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  int32_t begin = 0;
  int32_t end = u.length();
  auto keep = [&](UChar32 c, bool at_end) {
    if (u_isalnum(c)) {
      return true;
    }
    if (at_end && c == ')' && u.indexOf(static_cast<UChar>('(')) >= 0) {
      return true;
    }
    return !at_end && c == '(' && u.indexOf(static_cast<UChar>(')')) >= 0;
  };
  while (begin < end && (!keep(u.char32At(begin), false) || u_isspace(u.char32At(begin)))) {
    begin = u.moveIndex32(begin, 1);
  }
  while (end > begin) {
    const int32_t last = u.moveIndex32(end, -1);
    const UChar32 c = u.char32At(last);
    if (keep(c, true) && !u_isspace(c)) {
      break;
    }
    // A full stop after an abbreviation ("TP.") is not stray, but values do not
    // end in one on these forms.
    end = last;
  }
  std::string out;
  u.tempSubStringBetween(begin, end).toUTF8String(out);
  return out;
}

int digit_count(std::string_view s) {
  return static_cast<int>(std::count_if(
      s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }));
}

char slip_to_digit(char c) {
  switch (c) {
  case 'O':
  case 'o':
  case 'D':
    return '0';
  case 'I':
  case 'i':
  case 'l':
    return '1';
  case 'B':
  case 'b':
    return '8';
  case 'S':
  case 's':
    return '5';
  case 'G':
    return '6';
  default:
    return c;
  }
}

std::string fix_token(const std::string& token) {
  const int digits = digit_count(token);
  // A bold leading 0 is often read as "(": "(36162616548" with no closing one.
  if (token.size() >= 9 && token[0] == '(' && token.find(')') == std::string::npos &&
      (digits == 11 || digits == 8) && digits + 1 == static_cast<int>(token.size())) {
    return fix_token("0" + token.substr(1));
  }
  int slips = 0;
  for (const char c : token) {
    slips += slip_to_digit(c) != c ? 1 : 0;
  }
  // Mostly digits already: the letters among them are slips.
  if (digits == 0 || digits < slips) {
    return token;
  }
  std::string out = token;
  for (char& c : out) {
    c = slip_to_digit(c);
  }
  return out;
}

std::string two(int v) {
  return v < 10 ? "0" + std::to_string(v) : std::to_string(v);
}

std::string iso(int y, int m, int d) {
  return std::to_string(y) + "-" + two(m) + "-" + two(d);
}

std::vector<std::string> digit_runs(std::string_view text) {
  std::vector<std::string> runs;
  std::string current;
  std::size_t group = 0; // digits since the last joiner
  auto is_digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t i = 0; i < text.size();) {
    if (is_digit(text[i])) {
      current += text[i++];
      ++group;
      continue;
    }
    // Groups printed "001 203 012 345", "001.203.012.345" or in boxes "0|0|1" belong
    // together, up to the 12 digits of the longest identifier.
    std::size_t j = i;
    while (j < text.size() && (text[j] == ' ' || text[j] == '.' || text[j] == '|')) {
      ++j;
    }
    std::size_t next_group = 0;
    while (j + next_group < text.size() && is_digit(text[j + next_group])) {
      ++next_group;
    }
    if (j > i && next_group > 0 && next_group <= 4 && group > 0 && group <= 4 &&
        current.size() + next_group <= 12 && j - i <= 3) {
      i = j;
      group = 0;
      continue;
    }
    if (!current.empty()) {
      runs.push_back(current);
      current.clear();
    }
    group = 0;
    i = std::max(j, i + 1);
  }
  if (!current.empty()) {
    runs.push_back(current);
  }
  return runs;
}

// A name holds no full stop: a dot after a word's letters is a leader dot or a
// speck read between two words ("Lê.Thành. Nghĩa", "Vũ Thị.Anh").
std::string name_without_dots(const std::string& name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const bool after_letter = i > 0 && name[i - 1] != ' ' && name[i - 1] != '.';
    out += name[i] == '.' && after_letter && i + 1 < name.size() ? ' ' : name[i];
  }
  return collapse_spaces(out);
}

} // namespace

std::string clean_value(std::string_view raw) {
  std::string s = to_nfc(raw);
  s = remove_leaders(s);
  s = remove_footnotes(s);
  s = collapse_spaces(s);
  s = trim_symbols(trim_punctuation(s));
  return collapse_spaces(s);
}

std::string fix_digit_slips(std::string_view text) {
  std::string out;
  std::string token;
  auto flush = [&] {
    out += fix_token(token);
    token.clear();
  };
  for (const char c : text) {
    if (c == ' ' || c == '/' || c == '-' || c == ',' || c == ':') {
      flush();
      out += c;
    } else {
      token += c;
    }
  }
  flush();
  return out;
}

std::optional<std::string> normalize_date(std::string_view text) {
  const std::string folded = fix_digit_slips(fold(clean_value(text)));
  static const std::regex numeric(R"((\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}))");
  static const std::regex spelled(R"((\d{1,2})\s*,?\s*thang\s*(\d{1,2})\s*,?\s*nam\s*(\d{4}))");
  std::smatch m;
  if (std::regex_search(folded, m, numeric) || std::regex_search(folded, m, spelled)) {
    return iso(std::stoi(m[3]), std::stoi(m[2]), std::stoi(m[1]));
  }
  static const std::regex already_iso(R"((\d{4})-(\d{2})-(\d{2}))");
  if (std::regex_search(folded, m, already_iso)) {
    return iso(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
  }
  return std::nullopt;
}

std::string normalize_id_digits(std::string_view text) {
  const auto runs = digit_runs(fix_digit_slips(text));
  for (const auto& run : runs) {
    if (run.size() == 12 || run.size() == 9) {
      return run;
    }
  }
  std::string longest;
  for (const auto& run : runs) {
    if (run.size() > longest.size()) {
      longest = run;
    }
  }
  return longest;
}

std::optional<std::string> normalize_gender(std::string_view text) {
  std::string spaced = fold(text);
  for (char& c : spaced) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) {
      c = ' '; // "Nữ/F" -> "nu f"
    }
  }
  for (const auto& t : split_spaces(spaced)) {
    if (t == "nam" || t == "male" || t == "m") {
      return "Nam";
    }
    if (t == "nu" || t == "female" || t == "f") {
      return "N\xE1\xBB\xAF"; // "Nữ"
    }
  }
  return std::nullopt;
}

std::string normalize_phone(std::string_view text) {
  std::string out;
  for (const char c : fix_digit_slips(text)) {
    if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      out += c;
    }
  }
  return out;
}

std::optional<std::string> normalize_year(std::string_view text) {
  for (const auto& run : digit_runs(fix_digit_slips(text))) {
    if (run.size() == 4) {
      return run;
    }
  }
  return std::nullopt;
}

std::string normalize_count(std::string_view text) {
  const auto runs = digit_runs(fix_digit_slips(text));
  if (runs.empty()) {
    return {};
  }
  const std::string& run = runs.front();
  const std::size_t first = run.find_first_not_of('0');
  return first == std::string::npos ? "0" : run.substr(first);
}

std::string normalize_email(std::string_view text) {
  std::string out;
  for (const char c : clean_value(text)) {
    // OCR adds "(" or spaces around "@": keep what an address may hold.
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 ||
        std::string_view("._%+-@").find(c) != std::string_view::npos) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

namespace {

// Vietnamese writes Đ (U+0110); the recognizer reads its bar now and then as the
// look-alike Ð (U+00D0) too, beside it ("QĐÐ-UBND") or in its place. A real
// doubled Đ ("ĐĐBQH") is two U+0110 and stays.
std::string latin_d_bar(std::string text) {
  static const std::string k_d_bar = "\xC4\x90";
  static const std::string k_eth = "\xC3\x90";
  for (const std::string& twice : {k_d_bar + k_eth, k_eth + k_d_bar}) {
    for (auto at = text.find(twice); at != std::string::npos; at = text.find(twice, at)) {
      text.replace(at, twice.size(), k_d_bar);
    }
  }
  for (auto at = text.find(k_eth); at != std::string::npos; at = text.find(k_eth, at)) {
    text.replace(at, k_eth.size(), k_d_bar);
  }
  return text;
}

} // namespace

std::string normalize_doc_number(std::string_view text) {
  auto words = split_spaces(clean_value(text));
  // The label may still lead: "Số: 12/QĐ-UBND", "Số:12/QĐ-UBND".
  if (!words.empty() && fold_alnum(words.front()) == "so") {
    words.erase(words.begin());
  } else if (!words.empty()) {
    const auto colon = words.front().find(':');
    if (colon != std::string::npos && fold_alnum(words.front().substr(0, colon)) == "so") {
      words.front() = words.front().substr(colon + 1);
    }
  }
  std::string out;
  for (const auto& w : words) {
    out += w;
  }
  return trim_punctuation(latin_d_bar(out));
}

std::string normalize_value(ValueKind kind, std::string_view raw) {
  const std::string cleaned = clean_value(raw);
  switch (kind) {
  case ValueKind::date:
    return normalize_date(cleaned).value_or(cleaned);
  case ValueKind::year:
    return normalize_year(cleaned).value_or(cleaned);
  case ValueKind::id_number:
  case ValueKind::cmnd: {
    // From the raw text: cleaning would drop a "(" that stands for a leading 0.
    std::string digits = normalize_id_digits(raw);
    return digits.empty() ? cleaned : digits;
  }
  case ValueKind::id_document: {
    std::string digits = normalize_id_digits(raw);
    if (digits.size() == 12 || digits.size() == 9) {
      return digits;
    }
    // A passport number keeps its letter: "C1234567".
    std::string compact;
    for (const char c : cleaned) {
      if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
        compact += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
    }
    return compact.empty() ? cleaned : compact;
  }
  case ValueKind::phone: {
    std::string digits = normalize_phone(cleaned);
    return digits.empty() ? cleaned : digits;
  }
  case ValueKind::email:
    return normalize_email(cleaned);
  case ValueKind::phone_or_email:
    if (cleaned.find('@') != std::string::npos) {
      return normalize_email(cleaned);
    } else {
      std::string digits = normalize_phone(cleaned);
      return digits.empty() ? cleaned : digits;
    }
  case ValueKind::gender:
    return normalize_gender(cleaned).value_or(cleaned);
  case ValueKind::count: {
    std::string digits = normalize_count(cleaned);
    return digits.empty() ? cleaned : digits;
  }
  case ValueKind::doc_number:
    return normalize_doc_number(cleaned);
  case ValueKind::name:
    return name_without_dots(cleaned);
  case ValueKind::text:
  case ValueKind::multiline_text:
    break;
  }
  return cleaned;
}

} // namespace sohoa::forms
