#pragma once
// Dotted leaders ("Họ và tên: ........") removed from the image OCR reads. Left in,
// Tesseract's layout analysis takes the rows of dots for text lines and puts the
// words of a value filled in over them (often blue, italic, another font) on those
// rows: labels and values vanish. The archival image keeps its leaders.
//
// A leader is a chain of at least k_min_leader_dots small, round, equal-sized blobs,
// evenly spaced on one baseline. Tone marks under a letter (ạ ậ ặ ẹ ệ ị ọ ộ ợ ụ ự ỵ),
// dots over i and j, and short runs such as "..." in a sentence are not leaders.
#include <opencv2/core.hpp>

namespace sohoa::imaging {

// Fewer dots in a row than this are text ("...", "…", the "......, ngày" of a
// date line left for the place), not a leader.
inline constexpr int k_min_leader_dots = 8;

// binary: CV_8UC1, 0 = ink, 255 = paper; leader dots become paper.
// Returns the number of dots removed.
int remove_leader_dots(cv::Mat& binary, double dpi);

} // namespace sohoa::imaging
