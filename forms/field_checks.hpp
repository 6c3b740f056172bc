#pragma once
// Validation of normalized fields against the identifier and date rules; every
// failure becomes a RecordIssue and marks its field for review. Fields read with
// low confidence are marked for review too.
#include "core/record.hpp"
#include "forms/analyze.hpp"
#include "forms/form_type.hpp"
#include <string_view>

namespace sohoa::forms {

// Below this confidence (OCR word confidence times label match quality) a value
// is shown to a person: at 0.6 Tesseract's vie model is wrong on roughly one word
// in three, so such a value cannot be trusted unread.
constexpr float k_review_confidence = 0.6F;

void check_fields(const FormType &type, const FormCatalog &catalog, FormsResult &result,
                  std::string_view today_iso);

} // namespace sohoa::forms
