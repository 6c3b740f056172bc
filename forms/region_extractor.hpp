#pragma once
// Field extraction for administrative documents laid out per Nghị định 30/2020
// (STANDARDS.md section 6): the agency block top left, "Số:" under it, place and
// date top right, the type name centred with its "Về việc" summary, the signature
// block bottom right.
#include "sohoa/core/ocr_types.hpp"
#include "extraction.hpp"
#include "sohoa/forms/form_type.hpp"
#include <vector>

namespace sohoa::forms {

RawFields extract_regions(const FormType& type, const std::vector<PageText>& pages);

} // namespace sohoa::forms
