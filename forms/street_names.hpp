#pragma once
// Street names in addresses are mostly people's names ("đường Tôn Đức Thắng",
// "phố Lê Duẩn", "đường Đinh Tiên Hoàng"), and OCR slips their tone marks as it
// does a person's ("Tôn Đức Thẳng", "Lễ Duẩn", "Đỉnh Tiên Hoàng"). The gazetteer
// holds units, not streets; the name lists serve them instead.
#include "name_syllables.hpp"

#include <string>
#include <vector>

namespace sohoa::forms {

struct StreetCheck {
  std::string value;
  int restored = 0; // words replaced
};

// address: NFC, single spaces. After "đường" or "phố", a run of two to four
// capitalized words of letters up to the next comma that is a person's name is
// restored as a name is: its first word to the surname one set of marks away when
// it is none, the others are name syllables and it is not a common name syllable
// itself ("Đông Du" stays); the others by the name syllables (name_syllables.hpp)
// when the first is a surname. A place's or event's name ("Điện Biên Phủ") stays. A ward or
// district number misread with letters after "phường", "quận" or "tổ" ("phường l4") is read as
// digits.
StreetCheck restore_street_names(const std::string& address,
                                 const std::vector<std::string>& surnames,
                                 const NameSyllables& syllables);

} // namespace sohoa::forms
