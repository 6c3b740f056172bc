#pragma once
// The English half of an identity card's bilingual print. Vietnamese forms print
// no English; every card model prints its motto, title and labels in English
// under the Vietnamese ("SOCIALIST REPUBLIC OF VIET NAM", "Full name", "Date of
// expiry"). Read on a page, they tell a card even where its Vietnamese title is
// lost (a worn copy, a stamp over it) and the page is an A4 copy, not card-shaped.
// The 4.4-5.2 pt print is read with slips, so each phrase is matched loosely.
#include "sohoa/core/ocr_types.hpp"

namespace sohoa::forms {

struct CardPrint {
  int header = 0; // English motto and title lines read
  int labels = 0; // English field labels read
};

CardPrint read_card_print(const PageText& text);

// A card's print: some of its English header and enough phrases in all for the
// page to hold a card front, whatever the page's shape.
bool shows_card_print(const CardPrint& print);

} // namespace sohoa::forms
