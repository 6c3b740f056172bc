#include "sohoa/forms/lexicon.hpp"
#include "sohoa/core/error.hpp"
#include "gazetteer.hpp"
#include "term_list.hpp"
#include "tone_placement.hpp"
#include "text_fold.hpp"
#include <fstream>
#include <unicode/uchar.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace sohoa::forms {
namespace {

bool all_letters(std::string_view s) {
  const icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (u.isEmpty()) {
    return false;
  }
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (!u_isalpha(c) && u_charType(c) != U_NON_SPACING_MARK) {
      return false;
    }
  }
  return true;
}

// A word split into leading punctuation, its letters and trailing punctuation.
struct WordParts {
  std::string head;
  std::string core;
  std::string tail;
};

bool is_ascii_punct(char c) {
  return (c & 0x80) == 0 && !std::isalnum(static_cast<unsigned char>(c));
}

WordParts split_word(const std::string& text) {
  std::size_t b = 0;
  while (b < text.size() && is_ascii_punct(text[b])) {
    ++b;
  }
  std::size_t e = text.size();
  while (e > b && is_ascii_punct(text[e - 1])) {
    --e;
  }
  return {text.substr(0, b), text.substr(b, e - b), text.substr(e)};
}

// The replacement spelled in the case of the original: "HỔ" -> "HỒ", "Hổ" -> "Hồ".
std::string in_case_of(const std::string& original, const std::string& lower) {
  if (utf8_length(original) > 1 && is_upper_case_text(original)) {
    return to_upper(lower);
  }
  if (starts_upper(original)) {
    return capitalize(lower);
  }
  return lower;
}

std::vector<std::string> phrase_words(const std::string& phrase) {
  std::vector<std::string> out;
  for (const auto& token : split_spaces(to_lower(to_nfc(phrase)))) {
    const WordParts parts = split_word(token);
    if (all_letters(parts.core)) {
      out.push_back(parts.core);
    } else {
      out.emplace_back(); // breaks the pair chain at "/" or digits
    }
  }
  return out;
}

// The five tone marks as combining characters (NFD): grave, acute, tilde, hook
// above, dot below.
bool is_tone_mark(UChar32 c) {
  return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

bool is_vowel_letter(UChar32 c) {
  switch (u_tolower(c)) {
  case 'a':
  case 'e':
  case 'i':
  case 'o':
  case 'u':
  case 'y':
    return true;
  default:
    return false;
  }
}

} // namespace

std::vector<std::string> tone_on_other_vowels(const std::string& syllable) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) {
    return {};
  }
  const icu::UnicodeString decomposed =
      nfd->normalize(icu::UnicodeString::fromUTF8(syllable), status);
  if (U_FAILURE(status)) {
    return {};
  }
  icu::UnicodeString bare;
  UChar32 tone = 0;
  for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    const UChar32 c = decomposed.char32At(i);
    if (is_tone_mark(c) && tone == 0) {
      tone = c;
    } else {
      bare.append(c);
    }
  }
  std::vector<std::string> out;
  if (tone == 0) {
    return out;
  }
  // After a vowel letter and the marks it carries (the circumflex of "ê", the horn of "ơ").
  for (int32_t i = 0; i < bare.length(); i = bare.moveIndex32(i, 1)) {
    if (!is_vowel_letter(bare.char32At(i))) {
      continue;
    }
    int32_t at = bare.moveIndex32(i, 1);
    while (at < bare.length() && u_charType(bare.char32At(at)) == U_NON_SPACING_MARK) {
      at = bare.moveIndex32(at, 1);
    }
    icu::UnicodeString placed = bare;
    placed.insert(at, tone);
    std::string utf8;
    placed.toUTF8String(utf8);
    out.push_back(to_nfc(utf8));
  }
  return out;
}

Lexicon::Lexicon(const std::vector<std::string>& words, const std::vector<std::string>& phrases,
                 const std::vector<std::string>& proper_names) {
  auto add_word = [&](const std::string& w) {
    const std::string lower = to_lower(to_nfc(w));
    if (!all_letters(lower)) {
      return;
    }
    if (m_words.insert(lower).second) {
      m_by_fold[fold(lower)].insert(lower);
    }
  };
  for (const auto& w : words) {
    add_word(w);
  }
  for (const auto& name : proper_names) {
    for (const auto& w : phrase_words(name)) {
      if (!w.empty() && m_words.count(w) == 0) {
        m_proper.insert(w);
      }
    }
  }
  for (const auto& p : phrases) {
    const auto ws = phrase_words(p);
    for (std::size_t i = 0; i < ws.size(); ++i) {
      if (ws[i].empty()) {
        continue;
      }
      add_word(ws[i]);
      if (i + 1 < ws.size() && !ws[i + 1].empty()) {
        const std::string pair = ws[i] + " " + ws[i + 1];
        if (m_pairs.insert(pair).second) {
          m_pairs_by_fold[fold(ws[i]) + " " + fold(ws[i + 1])].insert(pair);
        }
      }
    }
  }
}

std::shared_ptr<const Lexicon> Lexicon::load(const FormCatalog& catalog,
                                             const std::filesystem::path& hunspell_dic) {
  std::ifstream in(hunspell_dic);
  if (!in) {
    throw Error(Stage::config, "lexicon_missing", "cannot read the hunspell dictionary",
                hunspell_dic.string());
  }
  std::vector<std::string> words;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first) {
      first = false; // the entry count
      continue;
    }
    const auto slash = line.find('/');
    std::string word = collapse_spaces(line.substr(0, slash));
    if (!word.empty()) {
      words.push_back(std::move(word));
    }
  }
  std::vector<std::string> proper_names = catalog.ethnicities().spellings();
  for (const AdminUnit& unit : catalog.gazetteer().units()) {
    proper_names.push_back(unit.name);
  }
  return std::make_shared<const Lexicon>(words, catalog.phrases(), proper_names);
}

bool Lexicon::contains(std::string_view lower_word) const {
  return m_words.find(lower_word) != m_words.end();
}

bool Lexicon::is_syllable(std::string_view lower_syllable) const {
  const std::string syllable(lower_syllable);
  if (contains(syllable) || m_proper.count(syllable) != 0) {
    return true;
  }
  for (const std::string& moved : tone_on_other_vowels(syllable)) {
    if (contains(moved) || m_proper.count(moved) != 0) {
      return true;
    }
  }
  return false;
}

std::optional<std::string> Lexicon::unique_word(std::string_view folded) const {
  const auto it = m_by_fold.find(folded);
  if (it == m_by_fold.end() || it->second.size() != 1) {
    return std::nullopt;
  }
  return *it->second.begin();
}

bool Lexicon::contains_pair(std::string_view lower_a, std::string_view lower_b) const {
  return m_pairs.find(std::string(lower_a) + " " + std::string(lower_b)) != m_pairs.end();
}

std::optional<std::pair<std::string, std::string>>
Lexicon::unique_pair(std::string_view folded_a, std::string_view folded_b) const {
  const auto it = m_pairs_by_fold.find(std::string(folded_a) + " " + std::string(folded_b));
  if (it == m_pairs_by_fold.end() || it->second.size() != 1) {
    return std::nullopt;
  }
  const std::string& pair = *it->second.begin();
  const auto space = pair.find(' ');
  return std::make_pair(pair.substr(0, space), pair.substr(space + 1));
}

int post_correct(std::vector<PageText>& pages, const Lexicon& lexicon) {
  int changed = 0;
  auto replace = [&](OcrWord& word, const WordParts& parts, const std::string& lower) {
    const std::string text = parts.head + in_case_of(parts.core, lower) + parts.tail;
    if (text != word.text) {
      word.text = text;
      ++changed;
    }
  };
  for (auto& page : pages) {
    for (auto& line : page.lines) {
      auto& words = line.words;
      // Pairs first: both words may be real syllables ("hổ sơ"), only the known
      // phrase around them tells which one is meant.
      for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        const WordParts a = split_word(words[i].text);
        const WordParts b = split_word(words[i + 1].text);
        if (!all_letters(a.core) || !all_letters(b.core) || !a.tail.empty()) {
          continue;
        }
        const std::string la = to_lower(to_nfc(a.core));
        const std::string lb = to_lower(to_nfc(b.core));
        if (lexicon.contains_pair(la, lb)) {
          continue;
        }
        if (const auto pair = lexicon.unique_pair(fold(la), fold(lb))) {
          replace(words[i], a, pair->first);
          replace(words[i + 1], b, pair->second);
        }
      }
      for (std::size_t i = 0; i < words.size(); ++i) {
        OcrWord& word = words[i];
        const WordParts parts = split_word(word.text);
        if (!all_letters(parts.core)) {
          continue;
        }
        // Capitalized words inside a line and words in capitals are mostly names,
        // which the dictionary lacks ("My" is no slip of "Mỹ"): only phrases fix them.
        const bool capitals = utf8_length(parts.core) > 1 && is_upper_case_text(parts.core);
        if (capitals || (i > 0 && starts_upper(parts.core))) {
          continue;
        }
        const std::string lower = to_lower(to_nfc(parts.core));
        if (lexicon.contains(lower)) {
          continue; // never touch a real word on its own
        }
        if (const auto fix = lexicon.unique_word(fold(lower))) {
          replace(word, parts, *fix);
        }
      }
    }
  }
  return changed;
}

} // namespace sohoa::forms
