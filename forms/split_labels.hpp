#pragma once
// Labels printed over two rows: a narrow column or table cell wraps a long label
// ("9. Số định danh cá nhân" / "của chủ hộ: 0790..."). A row whose end, read on
// into the start of the row below, makes a label ending in its colon that neither
// row holds alone has the label's head moved down, so the label is found whole on
// the lower row with its value right of it.
#include "sohoa/core/ocr_types.hpp"
#include "label_matcher.hpp"
#include <vector>

namespace sohoa::forms {

// rows: a page's rows in reading order, rewritten in place; returns how many
// labels were joined.
int join_split_labels(std::vector<OcrLine>& rows, const std::vector<LabelPattern>& patterns);

} // namespace sohoa::forms
