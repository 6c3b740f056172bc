#pragma once
// ID cards read from their own normalized image: the card found on the page
// (imaging/card.hpp) is warped upright to one size and read again, and that
// reading replaces the page reading's lines on the card when it reads better.
#include "read_page.hpp"

namespace sohoa::pipeline {

// text: the reading of page (its boxes in page.archival pixels), changed in place.
// Returns how many cards' readings were kept. A page with cards gets the paper grain
// smoothing its cleanup deferred first: cards are read from the image the PDF keeps.
int reread_cards(CleanPage& page, PageText& text, PageReader& reader);

} // namespace sohoa::pipeline
