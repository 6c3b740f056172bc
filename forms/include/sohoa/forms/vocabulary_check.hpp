#pragma once
// A field value checked against the official list its schema names (x-vocabulary):
// places against the gazetteer, ethnic groups and nationalities against theirs.
// The value comes back with official spellings restored, and what the check found
// is a signal for the review flag.
#include "sohoa/forms/analyze.hpp"
#include "sohoa/forms/form_type.hpp"
#include <string>
#include <string_view>

namespace sohoa::forms {

enum class ListSignal {
  not_applicable, // the field has no list, or the list is not loaded
  hit,            // the value (now) names a listed term / an existing place
  miss,           // nothing of it was found in the list
  unknown_unit    // a place part names a unit type ("phường X") that does not exist there
};

struct ListCheck {
  std::string value;
  ListSignal signal = ListSignal::not_applicable;
  bool corrected = false;
};

ListCheck check_against_list(const FieldSpec& spec, const FormCatalog& catalog,
                             std::string_view value);

} // namespace sohoa::forms
