#pragma once
// JPEG 2000 (JP2 files, as /JPXDecode takes them) through OpenJPEG, in memory.
// Public for its tests; OpenJPEG itself stays private to sohoa::pdf.
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace sohoa::pdf {

// Lossy JP2 (9/7 wavelet, one quality layer, colour transform for colour) of a
// CV_8UC1 or CV_8UC3 (BGR) image, compressed about compression_ratio times
// against its raw samples (> 1). Throws Error(Stage::pdf, "pdf_write_failed").
std::string encode_jpx(const cv::Mat& image, double compression_ratio);

// One JP2 with a quality layer per ratio (each > 1, largest first): the first k
// layers are the image at about ratios[k - 1]. Decoding k layers shows what a
// single-layer encode at that ratio gives, for one encoding's cost.
std::string encode_jpx_layers(const cv::Mat& image, const std::vector<double>& ratios);

// Decodes a JP2 file of 8-bit grey or RGB samples to CV_8UC1 or CV_8UC3 (BGR).
// Throws Error(Stage::pdf, "corrupt_pdf") on anything else or bad data.
// layers > 0 decodes only the first layers quality layers; max_pixels > 0
// refuses, before decoding, a header announcing more pixels.
cv::Mat decode_jpx(const std::string& jp2, int layers = 0, long long max_pixels = 0);

} // namespace sohoa::pdf
