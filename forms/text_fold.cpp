#include "text_fold.hpp"
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace sohoa::forms {
namespace {

const icu::Normalizer2& nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  // ICU ships NFD data in libicuuc itself; it cannot be missing in a working ICU.
  return *n;
}

const icu::Normalizer2& nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  return *n;
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

icu::UnicodeString from_utf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

} // namespace

std::string fold(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString decomposed = nfd().normalize(from_utf8(utf8), status);
  if (U_FAILURE(status)) {
    return std::string(utf8);
  }
  icu::UnicodeString out;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) {
      continue;
    }
    if (c == 0x0111 || c == 0x0110) { // đ Đ
      out.append(static_cast<UChar32>('d'));
      continue;
    }
    if (c == 0x00F8 || c == 0x00D8) { // ø Ø: Tesseract's reading of a toned "ố"
      out.append(static_cast<UChar32>('o'));
      continue;
    }
    out.append(u_tolower(c));
  }
  return to_utf8(out);
}

std::string fold_alnum(std::string_view utf8) {
  const std::string folded = fold(utf8);
  const icu::UnicodeString u = from_utf8(folded);
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_isalnum(c)) {
      out.append(c);
    }
  }
  return to_utf8(out);
}

std::string to_nfc(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString s = nfc().normalize(from_utf8(utf8), status);
  return U_FAILURE(status) ? std::string(utf8) : to_utf8(s);
}

std::string to_lower(std::string_view utf8) {
  icu::UnicodeString s = from_utf8(utf8);
  s.toLower(icu::Locale("vi"));
  return to_utf8(s);
}

std::string to_upper(std::string_view utf8) {
  icu::UnicodeString s = from_utf8(utf8);
  s.toUpper(icu::Locale("vi"));
  return to_utf8(s);
}

std::string capitalize(std::string_view utf8) {
  icu::UnicodeString s = from_utf8(utf8);
  if (s.isEmpty()) {
    return {};
  }
  const UChar32 first = s.char32At(0);
  icu::UnicodeString out;
  out.append(u_toupper(first));
  out.append(s, U16_LENGTH(first), s.length() - U16_LENGTH(first));
  return to_utf8(out);
}

bool is_upper_case_text(std::string_view utf8) {
  const icu::UnicodeString s = from_utf8(utf8);
  int letters = 0;
  int upper = 0;
  for (int32_t i = 0; i < s.length();) {
    const UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    if (u_isalpha(c)) {
      ++letters;
      upper += u_isupper(c) ? 1 : 0;
    }
  }
  return letters > 0 && upper * 5 >= letters * 4;
}

bool starts_upper(std::string_view utf8) {
  const icu::UnicodeString s = from_utf8(utf8);
  for (int32_t i = 0; i < s.length();) {
    const UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    if (u_isalpha(c)) {
      return u_isupper(c) != 0;
    }
  }
  return false;
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    const bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (ws) {
      space = !out.empty();
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out += c;
  }
  return out;
}

std::vector<std::string> split_spaces(std::string_view text) {
  std::vector<std::string> out;
  const std::string collapsed = collapse_spaces(text);
  std::size_t start = 0;
  while (start < collapsed.size()) {
    std::size_t end = collapsed.find(' ', start);
    if (end == std::string::npos) {
      end = collapsed.size();
    }
    out.push_back(collapsed.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::size_t utf8_length(std::string_view utf8) {
  std::size_t n = 0;
  for (const char c : utf8) {
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return n;
}

std::string spelling_key(std::string_view utf8) {
  // Old style (mark on the second vowel) -> new style, lower case, NFC.
  static const std::pair<const char*, const char*> k_moves[] = {
      {"oà", "òa"}, {"oá", "óa"}, {"oả", "ỏa"}, {"oã", "õa"}, {"oạ", "ọa"},
      {"oè", "òe"}, {"oé", "óe"}, {"oẻ", "ỏe"}, {"oẽ", "õe"}, {"oẹ", "ọe"},
      {"uỳ", "ùy"}, {"uý", "úy"}, {"uỷ", "ủy"}, {"uỹ", "ũy"}, {"uỵ", "ụy"}};
  std::string key = to_lower(to_nfc(utf8));
  for (const auto& [from, to] : k_moves) {
    const std::string f(from);
    const std::string t(to);
    for (std::size_t at = key.find(f); at != std::string::npos; at = key.find(f, at + t.size())) {
      key.replace(at, f.size(), t);
    }
  }
  return key;
}

} // namespace sohoa::forms
