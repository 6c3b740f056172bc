#pragma once
// A person's name as extraction hands it over, before its surname and syllables
// are judged (surnames.hpp, name_syllables.hpp): what OCR put after it, and a
// label taken for it.
#include "sohoa/forms/form_type.hpp"

#include <string>
#include <vector>

namespace sohoa::forms {

// The name without a last word that no name ends with: one lower-case letter or a
// digit read off a mark after it ("Đặng Tuấn Lộc b", "Phạm Ngọc Bảo Anh 2").
std::string without_stray_end(const std::string& name);

// True when the name is a printed label of one of the types (the next label read
// as the value of an empty or lost one: "Ngày sinh").
bool is_printed_label(const std::vector<FormType>& types, const std::string& name);

} // namespace sohoa::forms
