#pragma once
// Validation of normalized fields against the identifier and date rules; every
// failure becomes a RecordIssue and marks its field for review. Fields read with
// low confidence are marked for review too.
#include "sohoa/core/record.hpp"
#include "sohoa/forms/analyze.hpp"
#include "sohoa/forms/form_type.hpp"
#include "sohoa/forms/vocabulary_check.hpp"
#include <map>
#include <string>
#include <string_view>

namespace sohoa::forms {

// Below this confidence (OCR word confidence times label match quality) a value
// is shown to a person. Measured on generated truth (sohoa-gen tuning seeds 1101
// and 1102, 4 dossiers each): at 0.6 only 92 % of unflagged values were right;
// values under 0.75 and long values were most of the wrong ones.
constexpr float k_review_confidence = 0.75F;
// Values of this many words or more (addresses, places, purposes) are shown to a
// person whatever their confidence: one slipped tone mark or a word taken from the
// next line makes them wrong, and confidence does not show it (73 % right against
// 97 % for shorter values on the tuning sets). CONTRACT §5 wants 98 % unflagged
// right.
constexpr std::size_t k_review_min_words = 7;

// Field id -> what checking it against its official list found.
using ListSignals = std::map<std::string, ListSignal, std::less<>>;

void check_fields(const FormType& type, const FormCatalog& catalog, FormsResult& result,
                  std::string_view today_iso, const ListSignals& list_signals = {});

} // namespace sohoa::forms
