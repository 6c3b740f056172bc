#include "sohoa/forms/vocabulary_check.hpp"
#include "gazetteer.hpp"
#include "term_list.hpp"
#include "text_fold.hpp"

namespace sohoa::forms {
namespace {

// A listed term followed by a stray mark of a letter or two ("Việt Nam VI", the
// next item's number read into the value): the term without it.
constexpr std::size_t k_max_stray_letters = 2;

ListCheck from_terms(const TermList& list, std::string_view value) {
  if (list.empty()) {
    return {std::string(value), ListSignal::not_applicable, false};
  }
  TermMatch m = list.match(value);
  if (!m.hit) {
    const std::string text(value);
    const std::size_t space = text.find_last_of(' ');
    if (space != std::string::npos &&
        fold_alnum(text.substr(space + 1)).size() <= k_max_stray_letters) {
      TermMatch head = list.match(text.substr(0, space));
      if (head.hit) {
        return {std::move(head.value), ListSignal::hit, true};
      }
    }
  }
  return {std::move(m.value), m.hit ? ListSignal::hit : ListSignal::miss, m.corrected};
}

// An address opens with its house number, "Số 12": the word before the number is
// "Số" whatever the recognizer made of it ("S0 12", "SỐ 12" in a mixed-case line).
std::string house_number_word(std::string_view value) {
  const std::vector<std::string> words = split_spaces(value);
  if (words.size() < 3 || words[1].empty() || words[1][0] < '0' || words[1][0] > '9') {
    return std::string(value);
  }
  // "Số" with its marks read as a digit: "S0", "S5", "S6".
  const std::string head = fold_alnum(words[0]);
  const bool house_word = head.size() == 2 && head[0] == 's' &&
                          std::string_view("o0568").find(head[1]) != std::string_view::npos;
  if (!house_word) {
    return std::string(value);
  }
  std::string rest;
  for (std::size_t i = 1; i < words.size(); ++i) {
    rest += ' ' + words[i];
  }
  return (is_upper_case_text(rest) ? "SỐ" : "Số") + rest;
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
    const std::string address =
        spec.vocabulary == Vocabulary::address ? house_number_word(value) : std::string(value);
    PlaceCheck p = catalog.gazetteer().check(address, spec.vocabulary == Vocabulary::address
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
