#include "deskew.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace sohoa::imaging {

namespace {

constexpr size_t k_min_points = 100;
constexpr size_t k_coarse_points = 40000;
constexpr double k_coarse_step = 0.5;
// Best-over-median profile energy below this is noise, not lines (random specks
// reach about 0.1, a page of text well over 1).
constexpr double k_min_contrast = 0.25;

struct Points {
  std::vector<float> x;
  std::vector<float> y;
  float radius = 0; // bound on |projection|
};

Points collect_ink(const cv::Mat& binary, size_t stride) {
  Points points;
  const float cx = static_cast<float>(binary.cols - 1) / 2.0F;
  const float cy = static_cast<float>(binary.rows - 1) / 2.0F;
  size_t seen = 0;
  for (int y = 0; y < binary.rows; ++y) {
    const uchar* row = binary.ptr<uchar>(y);
    for (int x = 0; x < binary.cols; ++x) {
      if (row[x] == 0 && (seen++ % stride) == 0) {
        points.x.push_back(static_cast<float>(x) - cx);
        points.y.push_back(static_cast<float>(y) - cy);
      }
    }
  }
  points.radius = std::hypot(cx, cy) + 2.0F;
  return points;
}

size_t count_ink(const cv::Mat& binary) {
  return binary.total() - static_cast<size_t>(cv::countNonZero(binary));
}

// Profile energy sum(h^2) * extent / n^2: 1 for a flat profile, larger when the
// points gather in lines. Comparable between the two axes.
double profile_energy(const Points& points, double angle_deg, bool vertical,
                      std::vector<double>& bins) {
  const double rad = angle_deg * std::numbers::pi / 180.0;
  const double c = std::cos(rad);
  const double s = std::sin(rad);
  // Horizontal lines tilted counter-clockwise: y*cos + x*sin is constant along them.
  // Vertical lines: x*cos - y*sin is constant.
  const double ax = vertical ? c : s;
  const double ay = vertical ? -s : c;
  const double offset = points.radius;
  const size_t size = static_cast<size_t>(2.0 * points.radius) + 3;
  bins.assign(size, 0.0);
  const size_t n = points.x.size();
  for (size_t i = 0; i < n; ++i) {
    const double p = ax * points.x[i] + ay * points.y[i] + offset;
    bins[static_cast<size_t>(p)] += 1.0;
  }
  double energy = 0;
  size_t first = size;
  size_t last = 0;
  for (size_t i = 0; i < size; ++i) {
    if (bins[i] > 0) {
      energy += bins[i] * bins[i];
      first = std::min(first, i);
      last = i;
    }
  }
  if (first > last) {
    return 0;
  }
  const double extent = static_cast<double>(last - first + 1);
  const double total = static_cast<double>(n);
  return energy * extent / (total * total);
}

struct Best {
  double angle = 0;
  double energy = 0;
};

Best search(const Points& points, bool vertical, double centre, double half_range, double step,
            std::vector<double>& bins, std::vector<double>* all = nullptr) {
  Best best{centre, -1};
  const int steps = static_cast<int>(std::lround(half_range / step));
  for (int i = -steps; i <= steps; ++i) {
    const double angle = centre + i * step;
    const double energy = profile_energy(points, angle, vertical, bins);
    if (all != nullptr) {
      all->push_back(energy);
    }
    if (energy > best.energy) {
      best = {angle, energy};
    }
  }
  return best;
}

} // namespace

SkewEstimate estimate_skew(const cv::Mat& binary, double max_angle_deg) {
  CV_Assert(binary.type() == CV_8UC1);
  SkewEstimate result;
  if (binary.rows < 8 || binary.cols < 8) {
    return result;
  }
  const size_t ink = count_ink(binary);
  if (ink < k_min_points) {
    return result;
  }
  std::vector<double> bins;
  const Points coarse = collect_ink(binary, std::max<size_t>(1, ink / k_coarse_points));

  std::vector<double> energies_h;
  std::vector<double> energies_v;
  const Best best_h = search(coarse, false, 0, max_angle_deg, k_coarse_step, bins, &energies_h);
  const Best best_v = search(coarse, true, 0, max_angle_deg, k_coarse_step, bins, &energies_v);
  const bool vertical = best_v.energy > best_h.energy;
  std::vector<double>& energies = vertical ? energies_v : energies_h;
  std::nth_element(energies.begin(), energies.begin() + energies.size() / 2, energies.end());
  const double median = energies[energies.size() / 2];
  const Best coarse_best = vertical ? best_v : best_h;
  if (median <= 0 || (coarse_best.energy - median) / median < k_min_contrast) {
    return result;
  }

  const Points all_points = ink > k_coarse_points ? collect_ink(binary, 1) : coarse;
  Best fine = search(all_points, vertical, coarse_best.angle, 0.5, 0.1, bins);
  fine = search(all_points, vertical, fine.angle, 0.1, 0.02, bins);
  // Parabola through the best fine step and its neighbours for the last digit.
  constexpr double k_fine_step = 0.02;
  const double e_minus = profile_energy(all_points, fine.angle - k_fine_step, vertical, bins);
  const double e_plus = profile_energy(all_points, fine.angle + k_fine_step, vertical, bins);
  const double denom = e_minus - 2.0 * fine.energy + e_plus;
  double angle = fine.angle;
  if (denom < 0) {
    angle += std::clamp(0.5 * (e_minus - e_plus) / denom, -0.5, 0.5) * k_fine_step;
  }
  result.angle_deg = angle;
  result.vertical_lines = vertical;
  result.sharpness = fine.energy;
  result.found = true;
  return result;
}

cv::Mat rotate_image(const cv::Mat& image, double angle_deg, const cv::Scalar& fill) {
  if (image.empty() || angle_deg == 0) {
    return image.clone();
  }
  const cv::Point2f centre(static_cast<float>(image.cols - 1) / 2.0F,
                           static_cast<float>(image.rows - 1) / 2.0F);
  const cv::Mat m = cv::getRotationMatrix2D(centre, angle_deg, 1.0);
  cv::Mat out;
  cv::warpAffine(image, out, m, image.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, fill);
  return out;
}

} // namespace sohoa::imaging
