#pragma once
// Edit distance for matching printed labels against OCR text that has slips.
#include <string_view>

namespace sohoa::forms {

// Levenshtein distance over bytes (callers compare folded, i.e. ASCII, text).
int edit_distance(std::string_view a, std::string_view b);
// 1 - distance / longer length; 1 for two empty strings.
double similarity(std::string_view a, std::string_view b);

} // namespace sohoa::forms
