#pragma once
// Both placements of a tone mark are in use ("hóa" and "hoá", "thụy" and "thuỵ"):
// a syllable's other spellings with the same tone mark on another vowel.
#include <string>
#include <vector>

namespace sohoa::forms {

// The syllable spelled with its tone mark on each of its other vowels, NFC (its own
// spelling among them); none when it carries no tone mark.
std::vector<std::string> tone_on_other_vowels(const std::string& syllable);

} // namespace sohoa::forms
