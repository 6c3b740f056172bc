#include "surnames.hpp"
#include "text_fold.hpp"

namespace sohoa::forms {

std::string restore_surname(const std::string& name, const std::vector<std::string>& surnames) {
  const std::size_t space = name.find(' ');
  if (space == std::string::npos) {
    return name; // a lone word is no full name to judge
  }
  const std::string first = name.substr(0, space);
  const std::string lower = to_lower(first);
  const std::string folded = fold_alnum(first);
  const std::string* match = nullptr;
  for (const auto& surname : surnames) {
    if (to_lower(surname) == lower) {
      return name; // already a surname
    }
    if (fold_alnum(surname) == folded) {
      if (match != nullptr) {
        return name; // two surnames fold alike: no way to choose
      }
      match = &surname;
    }
  }
  if (match == nullptr) {
    return name;
  }
  const std::string restored = is_upper_case_text(first) ? to_upper(*match) : *match;
  return restored + name.substr(space);
}

} // namespace sohoa::forms
