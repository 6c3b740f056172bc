#pragma once
// Structural similarity (Wang, Bovik, Sheikh, Simoncelli 2004: Gaussian 11x11
// window, sigma 1.5) of two 8-bit images of one size, the measure the MRC
// encoder chooses its background by.
#include <opencv2/core.hpp>

namespace sohoa::pdf {

// Mean SSIM over the pixels where region is non-zero (the whole image when
// region is empty), averaged over the channels. Both images CV_8UC1 or both
// CV_8UC3; region CV_8UC1 of their size. 1 when the region is empty of pixels.
double mean_ssim(const cv::Mat& reference, const cv::Mat& test, const cv::Mat& region = {});

// The SSIM of each pixel's window (CV_32F) of two CV_8UC1 images of one size.
cv::Mat ssim_map(const cv::Mat& reference, const cv::Mat& test);

// The rows of ssim_map(reference, test) in rows, computed from those rows and
// the window's reach around them only: the same values, a band's memory.
cv::Mat ssim_map_rows(const cv::Mat& reference, const cv::Mat& test, cv::Range rows);

} // namespace sohoa::pdf
