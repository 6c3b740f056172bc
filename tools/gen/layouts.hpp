#pragma once
// One function per document type: renders the pages and returns the truth. The
// document's content is drawn from rng; a holdout layout's choices from layout.rng,
// and the variants applied are noted in layout.used.
#include "tools/gen/document.hpp"
#include "tools/gen/rng.hpp"

namespace sohoa::gen {

GenDocument make_birth_registration(Rng& rng, const DossierContext& ctx, LayoutVariant& layout);
GenDocument make_residence_ct01(Rng& rng, const DossierContext& ctx, LayoutVariant& layout);
GenDocument make_judicial_request(Rng& rng, const DossierContext& ctx, LayoutVariant& layout);
// The front of a citizen id card of `holder`, on an A4 scan or cropped.
GenDocument make_citizen_id_card(Rng& rng, const DossierContext& ctx, const Person& holder,
                                 LayoutVariant& layout);
GenDocument make_admin_decision(Rng& rng, const DossierContext& ctx, LayoutVariant& layout);
// A letter, a receipt or a power of attorney: none of the known types.
GenDocument make_unknown_document(Rng& rng, const DossierContext& ctx, LayoutVariant& layout);

} // namespace sohoa::gen
