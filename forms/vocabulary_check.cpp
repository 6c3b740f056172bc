#include "sohoa/forms/vocabulary_check.hpp"
#include "gazetteer.hpp"
#include "term_list.hpp"

namespace sohoa::forms {
namespace {

ListCheck from_terms(const TermList& list, std::string_view value) {
  if (list.empty()) {
    return {std::string(value), ListSignal::not_applicable, false};
  }
  TermMatch m = list.match(value);
  return {std::move(m.value), m.hit ? ListSignal::hit : ListSignal::miss, m.corrected};
}

} // namespace

ListCheck check_against_list(const FieldSpec& spec, const FormCatalog& catalog,
                             std::string_view value) {
  switch (spec.vocabulary) {
  case Vocabulary::none:
    break;
  case Vocabulary::ethnicity:
    return from_terms(catalog.ethnicities(), value);
  case Vocabulary::nationality:
    return from_terms(catalog.nationalities(), value);
  case Vocabulary::address:
  case Vocabulary::place: {
    if (catalog.gazetteer().empty()) {
      break;
    }
    PlaceCheck p = catalog.gazetteer().check(value, spec.vocabulary == Vocabulary::address
                                                        ? Gazetteer::Ending::province
                                                        : Gazetteer::Ending::any_unit);
    const ListSignal signal =
        p.unknown_unit ? ListSignal::unknown_unit : (p.hit() ? ListSignal::hit : ListSignal::miss);
    return {std::move(p.value), signal, p.corrections > 0};
  }
  }
  return {std::string(value), ListSignal::not_applicable, false};
}

} // namespace sohoa::forms
