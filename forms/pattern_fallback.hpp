#pragma once
// Fields found by their value's shape when their label was not read: on a card the
// label "Số / No." is printed small and often misread, while the twelve-digit
// number beside it is the only one of its kind (schema keyword x-find-by-pattern).
#include "sohoa/core/ocr_types.hpp"
#include "extraction.hpp"
#include "sohoa/forms/form_type.hpp"
#include <vector>

namespace sohoa::forms {

// A value found without its label counts for less than one read beside it.
inline constexpr float k_unlabelled_confidence_factor = 0.85f;

// Fills the fields of `type` with an x-find-by-pattern that `found` lacks, when
// exactly one distinct word value outside the fields already found matches.
void find_by_pattern(const FormType& type, const std::vector<PageText>& pages, RawFields& found);

} // namespace sohoa::forms
