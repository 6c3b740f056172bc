#pragma once
// OCR post-correction for Vietnamese. Tesseract's vie model confuses tone marks
// ("hổ sơ" for "hồ sơ"); a word is corrected only when the correction is
// unambiguous: a lower-case word outside the lexicon whose folded form belongs to
// exactly one lexicon word, or a word pair whose folded form is exactly one known
// phrase pair. Names (capitalized inside a line, or in capitals) are only fixed
// through phrases: the dictionary does not know them.
#include "sohoa/core/ocr_types.hpp"
#include "sohoa/forms/analyze.hpp"
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sohoa::forms {

inline const std::filesystem::path k_default_hunspell_dic = "/usr/share/hunspell/vi_VN.dic";

class Lexicon {
public:
  // words: syllables (any case); phrases: labels and set phrases, whose words join
  // the lexicon and whose adjacent word pairs give the pair corrections;
  // proper_names: official place and ethnic group names, whose syllables are
  // Vietnamese (Huế, Đắk Lắk) but correct nothing (is_syllable only).
  Lexicon(const std::vector<std::string>& words, const std::vector<std::string>& phrases,
          const std::vector<std::string>& proper_names = {});

  // A hunspell .dic (first line the count, "word/flags" lines) plus the catalog's
  // phrases, and its gazetteer's unit and ethnic group names as proper names. Throws
  // sohoa::Error(Stage::config, "lexicon_missing") when unreadable.
  static std::shared_ptr<const Lexicon>
  load(const FormCatalog& catalog,
       const std::filesystem::path& hunspell_dic = k_default_hunspell_dic);

  bool contains(std::string_view lower_word) const;
  // A Vietnamese syllable: a word or proper name's syllable, its tone mark on
  // either vowel ("hóa" and "hoá", "thùy" and "thuỳ": both placements are in use).
  bool is_syllable(std::string_view lower_syllable) const;
  // The one lexicon word folding to folded, if exactly one does.
  std::optional<std::string> unique_word(std::string_view folded) const;
  bool contains_pair(std::string_view lower_a, std::string_view lower_b) const;
  // The one phrase pair folding to (a, b), if exactly one does.
  std::optional<std::pair<std::string, std::string>> unique_pair(std::string_view folded_a,
                                                                 std::string_view folded_b) const;
  std::size_t size() const { return m_words.size(); }

private:
  std::set<std::string, std::less<>> m_words;
  std::set<std::string, std::less<>> m_proper; // syllables of proper names
  std::map<std::string, std::set<std::string>, std::less<>> m_by_fold;
  std::set<std::string, std::less<>> m_pairs; // "a b"
  std::map<std::string, std::set<std::string>, std::less<>> m_pairs_by_fold;
};

// Corrects the words of every line in place (text only; boxes and confidences
// stay). Returns how many words changed.
int post_correct(std::vector<PageText>& pages, const Lexicon& lexicon);

} // namespace sohoa::forms
