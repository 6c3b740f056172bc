#pragma once
// Field extraction for forms with printed labels: a value is the words right of
// its label up to the next label on the line, else the line below; text values
// continue on indented lines without labels; sections tell repeated labels apart.
#include "sohoa/core/ocr_types.hpp"
#include "extraction.hpp"
#include "sohoa/forms/form_type.hpp"
#include <vector>

namespace sohoa::forms {

RawFields extract_labelled(const FormType& type, const std::vector<PageText>& pages);

} // namespace sohoa::forms
