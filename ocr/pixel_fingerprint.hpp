#pragma once
// A 64-bit fingerprint of an image's size, type and pixels: tells a second call
// on the same pixels from a call on a page that was turned or is another page
// (a buffer's address says nothing: a freed page's memory is reused by the next).
#include <cstdint>
#include <opencv2/core.hpp>

namespace sohoa::ocr {

std::uint64_t pixel_fingerprint(const cv::Mat& image);

} // namespace sohoa::ocr
