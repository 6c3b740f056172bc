#pragma once
// Evidence of a form that survives poor OCR: its printed labels. Value extraction
// needs a label, its value and the line order right; a label read with a slip or
// in another order than the form's still shows which form the page is.
#include "sohoa/core/ocr_types.hpp"
#include "sohoa/forms/form_type.hpp"
#include <vector>

namespace sohoa::forms {

// The share of the type's must-have fields of which some printed label (either
// side of a bilingual "Vietnamese / English" label) is found, fuzzily, in a line of
// the pages. 0 for a type whose must-haves print no labels (regions layouts).
double printed_label_share(const FormType& type, const std::vector<PageText>& pages);

} // namespace sohoa::forms
