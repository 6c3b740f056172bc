#pragma once
// Held-out scan conditions, applied to a holdout document's rendered pages before
// the scanner profile: what counters really get and no rule was written for.
// Each is drawn from the document's condition stream and named in its truth's
// "conditions" (fill_over_leaders is drawn with the form style): stamp_over_text,
// photocopy_of_copy, phone_photo, low_dpi, upside_down. The truth text is unchanged; the page's
// dpi, size and rotation follow the image.
#include "tools/gen/document.hpp"

namespace sohoa::gen {

void apply_scan_conditions(GenDocument& doc, LayoutVariant& layout);

} // namespace sohoa::gen
