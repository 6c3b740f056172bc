#pragma once
// A closed list of official terms (ethnic groups, nationalities) to validate and
// restore a short field value. OCR slips tone marks and letters; a value that is no
// listed spelling but folds to exactly one term, or lies within a small edit of
// exactly one, is that term's spelling.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sohoa::forms {

struct TermMatch {
  std::string value;      // the listed spelling, or the value unchanged
  bool hit = false;       // the value is (now) a listed spelling
  bool corrected = false; // the value was changed to reach it
};

class TermList {
public:
  TermList() = default;
  // Every entry is a spelling of its own; several may share a fold.
  explicit TermList(std::vector<std::string> spellings);

  // Tab-separated lines ('#' comments): the spellings are the columns from
  // name_column on, a column holding ";"-separated variants. Throws
  // sohoa::Error(Stage::config, "bad_schema") when unreadable.
  static TermList load_tsv(const std::filesystem::path& file, std::size_t name_column);

  // value: NFC, single spaces. Case of an upper-case value is kept.
  TermMatch match(std::string_view value) const;
  bool empty() const { return m_spellings.empty(); }
  std::size_t size() const { return m_spellings.size(); }
  const std::vector<std::string>& spellings() const { return m_spellings; }

private:
  std::vector<std::string> m_spellings;
  std::vector<std::string> m_folded; // fold_alnum of each spelling
};

// The largest edit distance between folded names still taken as an OCR slip of
// the name: none under 4 letters (too many short names lie one edit apart), one
// up to 9 letters, two from 10.
int allowed_slips(std::size_t folded_length);

} // namespace sohoa::forms
