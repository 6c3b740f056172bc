#pragma once
// Held-out scan conditions, applied to a holdout document's rendered pages before
// the scanner profile: what counters really get and no rule was written for.
// Each is drawn from the document's condition stream and named in its truth's
// "conditions" (fill_over_leaders is drawn with the form style): stamp_over_text,
// photocopy_of_copy, phone_photo, low_dpi, upside_down. The truth text is unchanged; the page's
// dpi, size and rotation follow the image.
#include "tools/gen/document.hpp"
#include "tools/gen/rng.hpp"

#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace sohoa::gen {

void apply_scan_conditions(GenDocument& doc, LayoutVariant& layout);

// "a,b" into its condition names; throws std::invalid_argument for an unknown one.
std::vector<std::string> parse_condition_list(const std::string& list);

// Two of the conditions on their own, for the cleanup tests: a copy of a copy
// (grey, contrast pushed twice, toner specks, thickened strokes) and a phone photo
// (perspective, table around the page, light falling off, soft focus). BGR in and out.
void photocopy_of_copy(cv::Mat& img, int dpi, Rng& rng);
void phone_photo(cv::Mat& img, Rng& rng);

} // namespace sohoa::gen
