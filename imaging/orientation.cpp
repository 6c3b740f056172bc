#include "sohoa/imaging/orientation.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <stdexcept>
#include <vector>

namespace sohoa::imaging {

namespace {

constexpr int k_min_ink = 50;
// Axis ratio at which the 0/90 call counts as certain.
constexpr double k_axis_certain = 1.6;
// Above/below ink imbalance at which the 0/180 call counts as certain.
constexpr double k_updown_certain = 0.25;

std::vector<double> row_profile(const cv::Mat& ink) {
  std::vector<double> profile(static_cast<size_t>(ink.rows), 0.0);
  for (int y = 0; y < ink.rows; ++y) {
    profile[static_cast<size_t>(y)] = cv::countNonZero(ink.row(y));
  }
  return profile;
}

std::vector<double> col_profile(const cv::Mat& ink) {
  cv::Mat sums;
  cv::reduce(ink, sums, 0, cv::REDUCE_SUM, CV_64F);
  std::vector<double> profile(static_cast<size_t>(ink.cols));
  for (int x = 0; x < ink.cols; ++x) {
    profile[static_cast<size_t>(x)] = sums.at<double>(0, x) / 255.0;
  }
  return profile;
}

// sum(h^2) * extent / n^2 over the inked extent: 1 when flat, larger when peaked.
double energy(const std::vector<double>& profile) {
  size_t first = profile.size();
  size_t last = 0;
  double total = 0;
  double squares = 0;
  for (size_t i = 0; i < profile.size(); ++i) {
    if (profile[i] > 0) {
      first = std::min(first, i);
      last = i;
      total += profile[i];
      squares += profile[i] * profile[i];
    }
  }
  if (total <= 0) {
    return 0;
  }
  return squares * static_cast<double>(last - first + 1) / (total * total);
}

// Ink above the x-height band minus ink below it, over all text lines, divided by
// their sum. Positive: upright.
double updown_balance(const std::vector<double>& profile) {
  const size_t n = profile.size();
  std::vector<double> smooth(n, 0.0);
  double peak = 0;
  for (size_t i = 0; i < n; ++i) {
    const double before = i > 0 ? profile[i - 1] : 0.0;
    const double after = i + 1 < n ? profile[i + 1] : 0.0;
    smooth[i] = (before + 2.0 * profile[i] + after) / 4.0;
    peak = std::max(peak, smooth[i]);
  }
  if (peak <= 0) {
    return 0;
  }
  // Lines: runs of rows holding some ink, cut at (near) empty rows.
  const double gap_level = 0.02 * peak;
  double above = 0;
  double below = 0;
  size_t i = 0;
  while (i < n) {
    if (smooth[i] <= gap_level) {
      ++i;
      continue;
    }
    const size_t start = i;
    while (i < n && smooth[i] > gap_level) {
      ++i;
    }
    const size_t end = i; // exclusive
    if (end - start < 4) {
      continue;
    }
    size_t top = start;
    for (size_t r = start; r < end; ++r) {
      if (smooth[r] > smooth[top]) {
        top = r;
      }
    }
    // The x-height band: the dense rows around the line's peak.
    const double band_level = 0.5 * smooth[top];
    size_t band_start = top;
    size_t band_end = top;
    while (band_start > start && smooth[band_start - 1] >= band_level) {
      --band_start;
    }
    while (band_end + 1 < end && smooth[band_end + 1] >= band_level) {
      ++band_end;
    }
    for (size_t r = start; r < band_start; ++r) {
      above += profile[r];
    }
    for (size_t r = band_end + 1; r < end; ++r) {
      below += profile[r];
    }
  }
  if (above + below <= 0) {
    return 0;
  }
  return (above - below) / (above + below);
}

} // namespace

int normalize_quarter(int clockwise_degrees) {
  if (clockwise_degrees % 90 != 0) {
    throw std::invalid_argument("rotation must be a multiple of 90 degrees");
  }
  return ((clockwise_degrees % 360) + 360) % 360;
}

cv::Mat rotate_quarter(const cv::Mat& image, int clockwise_degrees) {
  cv::Mat out;
  switch (normalize_quarter(clockwise_degrees)) {
  case 90:
    cv::rotate(image, out, cv::ROTATE_90_CLOCKWISE);
    break;
  case 180:
    cv::rotate(image, out, cv::ROTATE_180);
    break;
  case 270:
    cv::rotate(image, out, cv::ROTATE_90_COUNTERCLOCKWISE);
    break;
  default:
    out = image.clone();
    break;
  }
  return out;
}

OrientationEstimate estimate_orientation(const cv::Mat& binary) {
  CV_Assert(binary.type() == CV_8UC1);
  OrientationEstimate result;
  if (binary.empty()) {
    return result;
  }
  const cv::Mat ink = binary == 0;
  if (cv::countNonZero(ink) < k_min_ink) {
    return result;
  }
  const double energy_h = energy(row_profile(ink));
  const double energy_v = energy(col_profile(ink));
  const bool vertical = energy_v > energy_h;
  const double ratio = std::max(energy_h, energy_v) / std::max(1e-9, std::min(energy_h, energy_v));
  const double axis_confidence = std::clamp((ratio - 1.0) / (k_axis_certain - 1.0), 0.0, 1.0);

  // Lines made horizontal with a clockwise quarter turn; then the up/down test.
  const cv::Mat lines = vertical ? rotate_quarter(ink, 90) : ink;
  const double balance = updown_balance(row_profile(lines));
  const bool upright = balance >= 0;
  const double updown_confidence = std::clamp(std::abs(balance) / k_updown_certain, 0.0, 1.0);

  if (vertical) {
    result.clockwise_degrees = upright ? 90 : 270;
  } else {
    result.clockwise_degrees = upright ? 0 : 180;
  }
  result.confidence = std::min(axis_confidence, updown_confidence);
  return result;
}

} // namespace sohoa::imaging
