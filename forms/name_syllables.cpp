#include "name_syllables.hpp"
#include "sohoa/core/error.hpp"
#include "text_fold.hpp"
#include "tone_placement.hpp"
#include <fstream>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace sohoa::forms {
namespace {

// A syllable's letters without any marks, đ kept apart from d: the marks are what
// OCR slips on a clean name, the letter đ it reads right ("Điềm" is no "Diễm").
std::string letters_of(std::string_view lower) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) {
    return std::string(lower);
  }
  const icu::UnicodeString decomposed =
      nfd->normalize(icu::UnicodeString::fromUTF8(
                         icu::StringPiece(lower.data(), static_cast<int32_t>(lower.size()))),
                     status);
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    const UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) {
      bare.append(c);
    }
  }
  std::string out;
  bare.toUTF8String(out);
  return out;
}

bool only_letters(std::string_view word) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    const UChar32 c = u.char32At(i);
    if (!u_isalpha(c) && u_charType(c) != U_NON_SPACING_MARK) {
      return false;
    }
  }
  return !u.isEmpty();
}

std::string in_case_of(const std::string& original, const std::string& lower) {
  if (utf8_length(original) > 1 && is_upper_case_text(original)) {
    return to_upper(lower);
  }
  return starts_upper(original) ? capitalize(lower) : lower;
}

// A syllable no name holds was misread when a spelling with other marks is held
// by this many names at least, and this many times as many as the read one (plus
// one). One name holding it makes it a name ("Lê Văn Tám"): it is kept.
constexpr int k_rare = 0;
constexpr int k_common = 20;
constexpr int k_times_more = 20;

} // namespace

NameSyllables::NameSyllables(std::map<std::string, int, std::less<>> counts)
    : m_counts(std::move(counts)) {
  for (const auto& [syllable, n] : m_counts) {
    std::string& commonest = m_commonest_by_fold[letters_of(syllable)];
    if (commonest.empty() || count(commonest) < count(syllable)) {
      commonest = syllable;
    }
  }
}

NameSyllables NameSyllables::load_tsv(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) {
    throw Error(Stage::config, "bad_schema", "cannot read the name syllables", file.string());
  }
  std::map<std::string, int, std::less<>> counts;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    const auto tab = line.find('\t');
    int n = 0;
    try {
      n = tab == std::string::npos ? 0 : std::stoi(line.substr(tab + 1));
    } catch (const std::exception&) {
      n = 0;
    }
    if (n <= 0) {
      throw Error(Stage::config, "bad_schema", "a name syllable line needs a positive count",
                  file.string() + ": " + line);
    }
    counts[to_lower(to_nfc(line.substr(0, tab)))] += n;
  }
  return NameSyllables(std::move(counts));
}

int NameSyllables::count(std::string_view lower_syllable) const {
  const std::string syllable(lower_syllable);
  int n = 0;
  std::vector<std::string> spellings = tone_on_other_vowels(syllable);
  if (spellings.empty()) {
    spellings.push_back(syllable); // no tone mark: one spelling
  }
  for (const std::string& spelling : spellings) {
    const auto it = m_counts.find(spelling);
    n += it == m_counts.end() ? 0 : it->second;
  }
  return n;
}

std::optional<std::string> NameSyllables::far_more_common(std::string_view lower_syllable) const {
  const auto it = m_commonest_by_fold.find(letters_of(lower_syllable));
  if (it == m_commonest_by_fold.end() || it->second == lower_syllable) {
    return std::nullopt;
  }
  const int read = count(lower_syllable);
  const int common = count(it->second);
  if (read > k_rare || common < k_common || common < k_times_more * (read + 1)) {
    return std::nullopt;
  }
  return it->second;
}

NameSyllableCheck check_name_syllables(const std::string& name, const NameSyllables& syllables) {
  NameSyllableCheck out;
  out.value = name;
  const std::vector<std::string> words = split_spaces(name);
  if (syllables.empty() || words.size() < 2) {
    return out;
  }
  std::string joined = words[0];
  for (std::size_t i = 1; i < words.size(); ++i) {
    std::string word = words[i];
    if (only_letters(word)) {
      const std::string lower = to_lower(to_nfc(word));
      if (const auto fix = syllables.far_more_common(lower)) {
        word = in_case_of(word, *fix);
        ++out.restored;
      } else if (syllables.count(lower) == 0) {
        ++out.unknown;
      }
    }
    joined += ' ' + word;
  }
  out.value = std::move(joined);
  return out;
}

} // namespace sohoa::forms
