#pragma once
// Unit names inside running text: an addressee ("Ủy ban nhân dân phường Hàng
// Bac"), an agency ("UBND THÀNH PHỐ ĐÀ NẰNG"), a request ("tại xã Kiêu Ky"). No
// address ends them, so the gazetteer's walk from the province (gazetteer.hpp)
// cannot place them; each "type word + name" is looked up on its own instead.
#include "gazetteer.hpp"

#include <string>

namespace sohoa::forms {

struct UnitNamesCheck {
  std::string value;
  int restored = 0; // names whose spelling was restored
};

// text: NFC, single spaces. After a unit type word ("phường", "xã", "thị trấn",
// "quận", "huyện", "thị xã", "thành phố", "tỉnh"), the capitalized words up to a
// comma or the next type word are a unit's name. When no unit of that type is
// spelt so, and every unit of that type whose name folds alike is spelt one way,
// that spelling is restored (in capitals where the text has them).
UnitNamesCheck restore_unit_names(const std::string& text, const Gazetteer& gazetteer);

} // namespace sohoa::forms
