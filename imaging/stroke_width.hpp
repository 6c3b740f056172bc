#pragma once
// The typical stroke width of a page's ink, and the speck size it implies. A copy
// of a copy thickens every stroke and leaves toner specks as large as the dots
// of thin type: a fixed speck size either keeps the specks (read as tone marks)
// or eats the dots. Sized from the strokes, the limit follows the type.
#include <opencv2/core.hpp>

namespace sohoa::imaging {

// Binary CV_8UC1 (0 = ink): 2 x ink area / ink boundary length, in pixels, the
// width of a long stroke. 0 when there is no ink.
double typical_stroke_width(const cv::Mat& binary);

// The largest blob taken for a speck on a page of this stroke width: well under
// the dot of an i or a dot-below tone mark of the same type (about a stroke wide
// and high), and never above the physical size of a toner speck at this dpi.
// 0 for strokes of ordinary print: those pages keep the usual speck removal.
int speck_area_for_strokes(double stroke_width, double dpi);

} // namespace sohoa::imaging
