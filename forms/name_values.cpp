#include "name_values.hpp"

#include "text_fold.hpp"

namespace sohoa::forms {

std::string without_stray_end(const std::string& name) {
  const std::size_t space = name.find_last_of(' ');
  if (space == std::string::npos || name.find(' ') == space) {
    return name; // two words at most: nothing to spare
  }
  const std::string last = name.substr(space + 1);
  const bool stray = last.size() == 1 &&
                     ((last[0] >= 'a' && last[0] <= 'z') || (last[0] >= '0' && last[0] <= '9'));
  return stray ? name.substr(0, space) : name;
}

bool is_printed_label(const std::vector<FormType>& types, const std::string& name) {
  const std::string folded = fold_alnum(name);
  if (folded.empty()) {
    return false;
  }
  for (const auto& type : types) {
    for (const auto& field : type.fields) {
      for (const auto& label : field.labels) {
        if (fold_alnum(label) == folded) {
          return true;
        }
      }
    }
  }
  return false;
}

} // namespace sohoa::forms
