#include "page_quad.hpp"
#include "grey.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace sohoa::imaging {

namespace {

constexpr int k_min_side = 64;
// The page covers a good part of the photo but not all of it.
constexpr double k_min_page_share = 0.30;
constexpr double k_max_page_share = 0.97;
// Every corner lies this far inside the image (share of its shorter side): the
// background shows beyond each side, which a scanner bed's border strips never do.
constexpr double k_min_corner_inset = 0.008;
// The background outside the page is clearly darker than the paper.
constexpr double k_min_contrast = 35;
// ... and is more than a sliver.
constexpr double k_min_background_share = 0.03;
// A corner of a page in perspective stays well away from a flat angle.
constexpr double k_max_keystone_deg = 25;

// The outline of the largest bright region, or empty.
std::vector<cv::Point> largest_bright_outline(const cv::Mat& grey) {
  cv::Mat blurred;
  cv::GaussianBlur(grey, blurred, cv::Size(5, 5), 0);
  cv::Mat bright;
  cv::threshold(blurred, bright, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  // Cuts thin bright bridges (a glare line) between the page and the image edge.
  cv::morphologyEx(bright, bright, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(bright, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  std::vector<cv::Point> best;
  double best_area = 0;
  for (auto& c : contours) {
    const double area = cv::contourArea(c);
    if (area > best_area) {
      best_area = area;
      best = std::move(c);
    }
  }
  return best;
}

// The outline simplified to four corners, when it has that shape.
std::optional<std::array<cv::Point2f, 4>> four_corners(const std::vector<cv::Point>& outline) {
  std::vector<cv::Point> hull;
  cv::convexHull(outline, hull);
  const double perimeter = cv::arcLength(hull, true);
  for (double eps = 0.01; eps <= 0.05; eps += 0.01) {
    std::vector<cv::Point> approx;
    cv::approxPolyDP(hull, approx, eps * perimeter, true);
    if (approx.size() == 4) {
      return std::array<cv::Point2f, 4>{cv::Point2f(approx[0]), cv::Point2f(approx[1]),
                                        cv::Point2f(approx[2]), cv::Point2f(approx[3])};
    }
  }
  return std::nullopt;
}

double corner_angle_deg(const cv::Point2f& prev, const cv::Point2f& at, const cv::Point2f& next) {
  const cv::Point2f a = prev - at;
  const cv::Point2f b = next - at;
  const double cosine = (a.x * b.x + a.y * b.y) / (std::hypot(a.x, a.y) * std::hypot(b.x, b.y));
  return std::acos(std::clamp(cosine, -1.0, 1.0)) * 180.0 / M_PI;
}

double keystone_of(const Quad& q) {
  double worst = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const double angle = corner_angle_deg(q[(i + 3) % 4], q[i], q[(i + 1) % 4]);
    worst = std::max(worst, std::abs(angle - 90.0));
  }
  return worst;
}

} // namespace

std::optional<PhotographedPage> find_photographed_page(const cv::Mat& image) {
  if (image.empty() || image.rows < k_min_side || image.cols < k_min_side) {
    return std::nullopt;
  }
  const cv::Mat grey = grey_of(image);
  const std::vector<cv::Point> outline = largest_bright_outline(grey);
  if (outline.size() < 4) {
    return std::nullopt;
  }
  const auto corners = four_corners(outline);
  if (!corners) {
    return std::nullopt;
  }
  PhotographedPage page;
  page.quad = order_corners(*corners);
  const double inset = k_min_corner_inset * std::min(image.cols, image.rows);
  for (const auto& p : page.quad) {
    if (p.x < inset || p.y < inset || p.x > image.cols - 1 - inset ||
        p.y > image.rows - 1 - inset) {
      return std::nullopt;
    }
  }
  page.keystone_deg = keystone_of(page.quad);
  if (page.keystone_deg > k_max_keystone_deg) {
    return std::nullopt;
  }
  cv::Mat inside(grey.size(), CV_8UC1, cv::Scalar(0));
  std::vector<cv::Point> polygon;
  for (const auto& p : page.quad) {
    polygon.emplace_back(cvRound(p.x), cvRound(p.y));
  }
  cv::fillConvexPoly(inside, polygon, cv::Scalar(255));
  const double total = static_cast<double>(grey.total());
  page.page_share = cv::countNonZero(inside) / total;
  if (page.page_share < k_min_page_share || page.page_share > k_max_page_share ||
      1.0 - page.page_share < k_min_background_share) {
    return std::nullopt;
  }
  // The page's paper, not its text: the brighter half of what lies inside.
  cv::Mat paper = inside.clone();
  const double inside_mean = cv::mean(grey, inside)[0];
  paper.setTo(0, grey < inside_mean);
  page.contrast = cv::mean(grey, paper)[0] - cv::mean(grey, ~inside)[0];
  if (page.contrast < k_min_contrast) {
    return std::nullopt;
  }
  return page;
}

} // namespace sohoa::imaging
