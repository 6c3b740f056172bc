#pragma once
// The OCR image is two-level (0 ink, 255 paper) after the imaging stage. Handed to
// Tesseract as 8-bit bytes it is copied several times at a byte per pixel (its
// input, its "original", its grey image) and thresholded again; as a 1-bit Pix it
// is kept at a bit per pixel and used as Tesseract's binary image directly.
// Internal to ocr/.
#include "handles.hpp"
#include <opencv2/core.hpp>

namespace sohoa::ocr {

// True when every pixel of a CV_8UC1 image is 0 or 255.
bool is_two_level(const cv::Mat& grey);

// A 1-bit Pix of a two-level image (Leptonica: 1 = ink), at dpi. Throws
// sohoa::Error(Stage::ocr, "bad_image") when Leptonica cannot allocate it.
PixPtr two_level_pix(const cv::Mat& grey, int dpi);

} // namespace sohoa::ocr
