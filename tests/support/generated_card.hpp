#pragma once
// The generator's ID card fronts for the card tests: the 2016 face (standard
// layouts) or the 2021 chip / 2024 faces (holdout layouts), on an A4 sheet or as a
// scan cropped to the card, as sohoa-gen draws them. Needs sohoa_gen_lib.
#include "tools/gen/layouts.hpp"
#include "tools/gen/random_data.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

namespace sohoa::test {

struct GeneratedCard {
  gen::GenDocument doc;
  std::string face; // "card_2024", "card_chip_2021", or "card_2016" for the standard face
};

inline GeneratedCard generated_card(std::uint64_t seed, bool holdout) {
  gen::Rng rng(seed);
  gen::DossierContext ctx;
  ctx.dpi = 300;
  ctx.allow_invalid = false;
  const gen::Person holder =
      gen::random_person(rng, rng.chance(0.5), gen::Date{1960, 1, 1}, gen::Date{2004, 12, 31});
  gen::LayoutVariant layout;
  layout.holdout = holdout;
  layout.rng = gen::Rng(seed * 7 + 1);
  layout.conditions = gen::Rng(seed * 7 + 2);
  layout.conditions_enabled = false;
  GeneratedCard card{gen::make_citizen_id_card(rng, ctx, holder, layout), "card_2016"};
  for (const auto& used : layout.used) {
    if (used.rfind("card_", 0) == 0) {
      card.face = used;
    }
  }
  return card;
}

} // namespace sohoa::test
