#pragma once
// An ID card front's fields found by the order the card prints them in, for the
// fields the label walk missed. Every model (2016, 2021, 2024) prints number,
// name, birth date, sex and nationality, origin, residence and expiry in that
// order (the schema's field order), each under a bilingual label ending in a
// colon. Small print misread past the walk's edit budget ("Giới dnh /Seœ_",
// "(hủ quán ¿ Páce at nga,") is still told apart here by its place in that order
// and a looser match of either half of its label; origin and residence take their
// continuation rows in the label's column. Every value found so is a weaker
// reading: RawField::by_card_order sends it to review.
#include "extraction.hpp"
#include "sohoa/core/ocr_types.hpp"
#include "sohoa/forms/form_type.hpp"
#include <vector>

namespace sohoa::forms {

// For a card type (classify shape "card"): adds to found the fields it lacks that
// the card's printed order gives a well-formed value for.
void find_card_fields_by_order(const FormType& type, const std::vector<PageText>& pages,
                               RawFields& found);

} // namespace sohoa::forms
