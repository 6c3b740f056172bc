#include "sohoa/forms/value_shape.hpp"
#include "sohoa/forms/lexicon.hpp"
#include "text_fold.hpp"
#include <cctype>
#include <string>
#include <vector>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace sohoa::forms {
namespace {

// U+2026 HORIZONTAL ELLIPSIS as UTF-8.
constexpr std::string_view k_ellipsis = "\xE2\x80\xA6";

bool is_letter_or_digit_byte(char c) {
  // Any byte of a multi-byte UTF-8 sequence is taken for part of a letter (the
  // ellipsis is spelled as dots before this is asked).
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || std::isalnum(u) != 0;
}

// The Vietnamese alphabet in lower case, f j w z included (names and places of
// foreign origin).
bool is_vietnamese_letter(UChar32 c) {
  static const icu::UnicodeString letters = icu::UnicodeString::fromUTF8(
      "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợ"
      "pqrstuùúủũụưừứửữựvwxyỳýỷỹỵz");
  return letters.indexOf(u_tolower(c)) >= 0;
}

// Capitals inside the words of a name written in title case ("Nguyễn Diệu Hoa II":
// the "I" after the first): a name is either all capitals or each word capitalized
// once (after an apostrophe too: H'Hen), so a later capital is a stray mark or a
// neighbour's text read into the value.
int inner_capitals(const icu::UnicodeString& name) {
  bool has_lower = false;
  for (int32_t i = 0; i < name.length(); i = name.moveIndex32(i, 1)) {
    has_lower = has_lower || u_islower(name.char32At(i)) != 0;
  }
  if (!has_lower) {
    return 0;
  }
  int inner = 0;
  bool word_start = true;
  for (int32_t i = 0; i < name.length(); i = name.moveIndex32(i, 1)) {
    const UChar32 c = name.char32At(i);
    if (!u_isalpha(c)) {
      word_start = true;
      continue;
    }
    inner += !word_start && u_isupper(c) != 0 ? 1 : 0;
    word_start = false;
  }
  return inner;
}

bool has_vowel(const std::string& lower_syllable) {
  return fold(lower_syllable).find_first_of("aeiouy") != std::string::npos;
}

// The runs of letters of a space-separated word, lower case; none when the word
// holds a digit.
std::vector<std::string> syllables_of(const icu::UnicodeString& word) {
  std::vector<std::string> out;
  icu::UnicodeString run;
  auto close_run = [&] {
    if (run.countChar32() >= 2) {
      std::string utf8;
      run.toLower().toUTF8String(utf8);
      out.push_back(to_nfc(utf8));
    }
    run.remove();
  };
  for (int32_t i = 0; i < word.length(); i = word.moveIndex32(i, 1)) {
    const UChar32 c = word.char32At(i);
    if (u_isdigit(c) != 0) {
      return {};
    }
    if (u_isalpha(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) {
      run.append(c);
    } else {
      close_run();
    }
  }
  close_run();
  return out;
}

} // namespace

int inner_leader_runs(std::string_view raw) {
  // An ellipsis is a leader of its own: spelled as dots, every mark is ASCII.
  std::string text;
  for (std::size_t i = 0; i < raw.size();) {
    if (raw.substr(i, k_ellipsis.size()) == k_ellipsis) {
      text += "..";
      i += k_ellipsis.size();
    } else {
      text += raw[i++];
    }
  }
  std::size_t first = 0;
  while (first < text.size() && !is_letter_or_digit_byte(text[first])) {
    ++first;
  }
  std::size_t last = text.size();
  while (last > first && !is_letter_or_digit_byte(text[last - 1])) {
    --last;
  }
  int runs = 0;
  for (std::size_t i = first; i < last;) {
    const char c = text[i];
    std::size_t j = i + 1;
    if (c == '.' || c == '_') {
      while (j < last && text[j] == c) {
        ++j;
      }
      runs += j - i >= 2 ? 1 : 0; // one '.' is a full stop or "TP."
    }
    i = j;
  }
  return runs;
}

int foreign_chars(ValueKind kind, std::string_view value) {
  std::u16string_view others;
  bool digits = true;
  switch (kind) {
  case ValueKind::name:
    digits = false;
    others = u" '\u2019"; // H'Mông, H'Hen: an apostrophe of ethnic names
    break;
  case ValueKind::text:
  case ValueKind::multiline_text:
    others = u" ,.;:/-()'\u2019";
    break;
  case ValueKind::doc_number:
    others = u"/-";
    break;
  default:
    return 0;
  }
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(value.data(), static_cast<int32_t>(value.size())));
  int foreign = 0;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    const UChar32 c = u.char32At(i);
    const bool allowed =
        is_vietnamese_letter(c) || (digits && c >= '0' && c <= '9') ||
        (c <= 0xFFFF && others.find(static_cast<char16_t>(c)) != std::u16string_view::npos);
    foreign += allowed ? 0 : 1;
  }
  return kind == ValueKind::name ? foreign + inner_capitals(u) : foreign;
}

int unknown_syllables(ValueKind kind, std::string_view value, const Lexicon& lexicon) {
  if (kind != ValueKind::name && kind != ValueKind::text && kind != ValueKind::multiline_text) {
    return 0;
  }
  int unknown = 0;
  for (const std::string& word : split_spaces(value)) {
    for (const std::string& syllable : syllables_of(icu::UnicodeString::fromUTF8(word))) {
      unknown += has_vowel(syllable) && !lexicon.is_syllable(syllable) ? 1 : 0;
    }
  }
  return unknown;
}

bool odd_length(ValueKind kind, int words) {
  switch (kind) {
  case ValueKind::name:
    return words < 2 || words > 5;
  case ValueKind::multiline_text:
    return words < 3;
  default:
    return false;
  }
}

} // namespace sohoa::forms
