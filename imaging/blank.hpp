#pragma once
// Blank page detection: a back page with scanner specks, dust or faint noise is
// blank; a page carrying even one short line of text, a signature or a seal is not.
#include <opencv2/core.hpp>

namespace sohoa::imaging {

// binary: CV_8UC1, 0 = ink (the OCR image). dpi: its resolution.
bool is_blank(const cv::Mat& binary, double dpi);

} // namespace sohoa::imaging
