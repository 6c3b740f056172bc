#pragma once
// Pieces several layouts share.
#include <string>

#include "tools/gen/form_writer.hpp"

namespace sohoa::gen {

// A holdout form's look, drawn from layout.rng: a compact page (narrow margins,
// 11-12 pt), "1)"/"a)"/"I." numbering, typed "____" or "…" leaders, values under
// their labels, a sans-serif font. Several may combine and at least one applies.
// Leaves a standard document's style alone.
void vary_form_style(FormStyle& style, LayoutVariant& layout);
// The style for text in a table cell `width` mm wide: shrunk (to 6 pt at least) until
// the text fits when the form fits its cells, else unchanged.
TextStyle cell_style(Canvas& canvas, const FormStyle& form, const std::string& text,
                     TextStyle style, double width);
// Motto centred on the page and the form's title under it.
void form_header(FormWriter& w, const std::string& title, double title_pt);
// Right-half signature block: optional place/date line (italic), the role in bold,
// a hint in italics, a signature and the name in bold.
void signature_block(FormWriter& w, Rng& rng, const std::string& place_date,
                     const std::string& role, const std::string& hint, const std::string& name);
// The place name a date line uses for an address: "Bến Nghé", or the district for
// numbered wards ("Quận 3").
std::string place_name(const Address& a);
std::string capitalize_first(const std::string& text);

} // namespace sohoa::gen
