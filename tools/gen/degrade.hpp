#pragma once
// Scanner-like degradation of rendered pages, each effect recorded for the truth.
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "tools/gen/rng.hpp"

namespace sohoa::gen {

struct PageEffects {
  int rotation = 0;    // clockwise degrees the content was turned: 0, 90, 180, 270
  double skew_deg = 0; // small rotation applied, counter-clockwise positive as displayed
  bool blank = false;
  std::string colour = "colour"; // colour, grey or bitonal
  std::vector<std::string> effects;
};

// Applies the "degraded" profile: tint, uneven light, skew, rotation, scanner
// borders, blur, noise, grey or bitonal, JPEG artefacts.
cv::Mat degrade_page(const cv::Mat& bgr, int dpi, Rng& rng, PageEffects& fx);
// The blank back of a sheet: paper with specks (and noise when degraded).
cv::Mat blank_page(const cv::Size& size, Rng& rng, bool degraded, PageEffects& fx);
cv::Mat to_grey(const cv::Mat& img);
// Fixed threshold: what a bitonal scanner mode does.
cv::Mat to_bitonal(const cv::Mat& img, int threshold = 165);
// Adds luminance noise of the given sigma drawn from rng (same on every channel).
void add_noise(cv::Mat& img, Rng& rng, double sigma);

} // namespace sohoa::gen
