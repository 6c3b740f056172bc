#pragma once
// Validation of normalized fields against the identifier and date rules; every
// failure becomes a RecordIssue and marks its field for review. Fields whose
// signals the calibrated model doubts are marked for review too
// (review_calibration.hpp).
#include "sohoa/core/record.hpp"
#include "sohoa/forms/analyze.hpp"
#include "sohoa/forms/form_type.hpp"
#include "sohoa/forms/review_signals.hpp"
#include "sohoa/forms/vocabulary_check.hpp"
#include <map>
#include <string>
#include <string_view>

namespace sohoa::forms {

// Field id -> what checking it against its official list found.
using ListSignals = std::map<std::string, ListSignal, std::less<>>;

// signals: what extraction gathered per field; the checks' outcome is added and
// the calibrated model decides the flag. A field without signals (a value a clerk
// typed) is flagged only by a failed check.
void check_fields(const FormType& type, const FormCatalog& catalog, FormsResult& result,
                  std::string_view today_iso, const ListSignals& list_signals = {},
                  FieldSignalMap* signals = nullptr);

} // namespace sohoa::forms
