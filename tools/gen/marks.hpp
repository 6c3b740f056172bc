#pragma once
// Graphic marks that carry no text of the page: signatures, seals, photos, emblems.
#include <string>

#include "tools/gen/render.hpp"
#include "tools/gen/rng.hpp"

namespace sohoa::gen {

// A handwritten-looking scribble in blue ink inside the box (mm).
void draw_signature(Canvas& canvas, Rng& rng, double x, double y, double w, double h);
// A red round seal: two rings, text along the ring, a star in the centre. Its
// text is not recorded as page text (OCR should not read it as body text).
void draw_seal(Canvas& canvas, Rng& rng, double cx, double cy, double radius,
               const std::string& ring_text, const std::string& centre_text);
// A grey portrait placeholder in a frame.
void draw_photo(Canvas& canvas, Rng& rng, double x, double y, double w, double h);
// The national emblem, simplified: red disc, yellow star, gold ring.
void draw_emblem(Canvas& canvas, double cx, double cy, double radius);

} // namespace sohoa::gen
