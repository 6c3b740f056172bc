#pragma once
// Pieces several layouts share.
#include <string>

#include "tools/gen/form_writer.hpp"

namespace sohoa::gen {

// Motto centred on the page and the form's title under it.
void form_header(FormWriter &w, const std::string &title, double title_pt);
// Right-half signature block: optional place/date line (italic), the role in bold,
// a hint in italics, a signature and the name in bold.
void signature_block(FormWriter &w, Rng &rng, const std::string &place_date,
                     const std::string &role, const std::string &hint, const std::string &name);
// The place name a date line uses for an address: "Bến Nghé", or the district for
// numbered wards ("Quận 3").
std::string place_name(const Address &a);
std::string capitalize_first(const std::string &text);

} // namespace sohoa::gen
