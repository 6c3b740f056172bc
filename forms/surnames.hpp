#pragma once
// Vietnamese surnames for name fields. OCR slips tone marks on a name's first word
// ("Đỉnh" for "Đinh", "NGUYÊN" for "NGUYỄN"), and a syllable lexicon cannot tell:
// both are words. A surname list can: the first word of a name that is no surname
// but folds to exactly one surname is restored to it (schemas/vocabulary.v1.json,
// "surnames").
#include <string>
#include <vector>

namespace sohoa::forms {

// name: NFC, single spaces. Keeps the word's case: upper-case names (ID cards)
// get the upper-case surname. Names whose first word is a surname, or folds to
// none or to several, come back unchanged.
std::string restore_surname(const std::string& name, const std::vector<std::string>& surnames);

} // namespace sohoa::forms
