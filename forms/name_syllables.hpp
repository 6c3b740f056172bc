#pragma once
// The syllables of Vietnamese middle and given names and how often each occurs
// (schemas/names/syllables.v1.tsv, from a public name database). OCR slips a tone
// mark on a name ("Thẳng" for "Thắng", "Ngoc" for "Ngọc"), and the syllable
// lexicon cannot tell: both are words. How common each spelling is as a name can:
// a syllable no name holds, with a far more common name syllable one set of marks
// off, was misread. A name syllable no name holds is reviewed.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sohoa::forms {

class NameSyllables {
public:
  NameSyllables() = default;
  // counts: lower-case NFC syllable -> names holding it.
  explicit NameSyllables(std::map<std::string, int, std::less<>> counts);
  // "# ..." comment lines, then "syllable<TAB>count" lines. Throws
  // sohoa::Error(Stage::config, "bad_schema") when unreadable or malformed.
  static NameSyllables load_tsv(const std::filesystem::path& file);

  bool empty() const { return m_counts.empty(); }
  int count(std::string_view lower_syllable) const;
  // The name syllable spelled with the same letters but other marks that is far
  // more common than lower_syllable, if there is one.
  std::optional<std::string> far_more_common(std::string_view lower_syllable) const;

private:
  std::map<std::string, int, std::less<>> m_counts;
  // Folded spelling -> its most common spelling.
  std::map<std::string, std::string, std::less<>> m_commonest_by_fold;
};

struct NameSyllableCheck {
  std::string value; // the name with misread syllables restored
  int restored = 0;  // syllables replaced
  int unknown = 0;   // middle or given name syllables no name holds
};

// name: NFC, single spaces. The first word (the family name, restore_surname's
// job) is left alone; so are words holding anything but letters. An empty list
// checks nothing.
NameSyllableCheck check_name_syllables(const std::string& name, const NameSyllables& syllables);

} // namespace sohoa::forms
