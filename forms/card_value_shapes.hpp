#pragma once
// An ID card front's fields found by the shape of their values alone, for a card
// whose small print is read past any label match (a phone photo at low resolution,
// a two-level copy: "Hoan Euil darne" for "Họ và tên / Full name"). The values are
// printed two or three points larger than the labels and still read. After the
// row of the 12-digit number, in the order every model prints them: the name (a
// run of capitals of two words or more ending its row), the birth date, the sex
// and nationality (one row), then the origin and the residence, each from its first
// address word ("Số", "Xã", "Phường", ...) with the rows that continue it from a
// lower-case unit word ("thành phố", "tỉnh"). Every value found so is a weaker
// reading: RawField::by_card_order sends it to review.
#include "extraction.hpp"
#include "sohoa/core/ocr_types.hpp"
#include "sohoa/forms/form_type.hpp"
#include <vector>

namespace sohoa::forms {

// For a card type (classify shape "card") whose labels gave fewer than four of the
// fields: adds to found the fields it lacks whose values the card's printed order
// and their shapes give, on page 1.
void find_card_fields_by_value_shape(const FormType& type, const std::vector<PageText>& pages,
                                     RawFields& found);

} // namespace sohoa::forms
