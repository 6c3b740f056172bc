#pragma once
// Scan grain: white noise of a few grey levels in the paper of a scan. It carries
// nothing, yet it is what an archival JPEG spends most of its bytes on and what
// SSIM counts as structure that no smooth background keeps. The archival image's
// paper is smoothed; ink, its edges, red seals, pictures and printed patterns
// (guilloche) are left bit for bit.
#include <opencv2/core.hpp>

namespace sohoa::imaging {

// Paper: pixels whose neighbourhood (k_paper_window_mm across) is bright
// (luminance >= k_min_paper_luminance), neutral (channel spread below
// k_max_paper_chroma) and flat: the luminance blurred by k_grain_probe_mm keeps
// a standard deviation below k_max_paper_sd there. Grain of sigma 5 keeps about
// 1.4 after that blur, fine guilloche 3 to 6, ink edges tens.
inline constexpr double k_grain_probe_mm = 25.4 / 300; // 1 pixel at 300 dpi
inline constexpr double k_paper_window_mm = 25.4 * 9 / 300;
inline constexpr double k_max_paper_sd = 2.0;
inline constexpr int k_min_paper_luminance = 160;
inline constexpr int k_max_paper_chroma = 40;
// The paper is replaced by its Gaussian blur of this sigma (1.5 pixels at 300 dpi).
inline constexpr double k_grain_smoothing_mm = 25.4 * 1.5 / 300;

// 255 where image (CV_8UC1 grey or CV_8UC3 BGR) is paper in the sense above,
// at least the smoothing's reach away from anything else.
cv::Mat paper_mask(const cv::Mat& image, double dpi);

// image with its paper smoothed (same size and type; the rest unchanged).
cv::Mat smooth_paper_grain(const cv::Mat& image, double dpi);

} // namespace sohoa::imaging
