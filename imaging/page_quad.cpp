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
// The background outside the page is darker than the paper: a pale table too,
// since every side of the quad must also lie on an edge.
constexpr double k_min_contrast = 20;
// ... and is more than a sliver.
constexpr double k_min_background_share = 0.03;
// A corner of a page in perspective stays well away from a flat angle.
constexpr double k_max_keystone_deg = 25;

// How many outlines of each kind are tried, largest first.
constexpr int k_max_candidates = 3;
// Grey-level step (3x3 morphological gradient) that makes an edge for the outlines
// found by edges: a page against a table of about its own brightness.
constexpr int k_edge_step = 10;
// A side of the page's quad is an edge of the image: along this share of its
// length at least, the grey a few pixels inside differs from that outside by
// k_min_side_step. A quad cut through uneven light or a shadow fails this.
constexpr double k_min_side_support = 0.6;
constexpr double k_min_side_step = 12;
// A page found by another outline replaces the one found first when its share of
// the image is this much larger.
constexpr double k_clearly_larger = 1.05;

std::vector<std::vector<cv::Point>> largest_first(std::vector<std::vector<cv::Point>> outlines) {
  std::sort(outlines.begin(), outlines.end(),
            [](const auto& a, const auto& b) { return cv::contourArea(a) > cv::contourArea(b); });
  if (outlines.size() > static_cast<std::size_t>(k_max_candidates)) {
    outlines.resize(k_max_candidates);
  }
  return outlines;
}

// Outlines of the largest bright regions, each region on its own: a bright margin
// around the whole photo (a photo printed and scanned, a wall beyond the table)
// is one region and the page inside it another.
std::vector<std::vector<cv::Point>> bright_outlines(const cv::Mat& blurred) {
  cv::Mat bright;
  cv::threshold(blurred, bright, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  // Cuts thin bright bridges (a glare line) between the page and the image edge.
  cv::morphologyEx(bright, bright, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(bright, labels, stats, centroids, 8, CV_32S);
  std::vector<std::pair<int, int>> by_size; // pixels, label
  for (int label = 1; label < count; ++label) {
    by_size.emplace_back(stats.at<int>(label, cv::CC_STAT_AREA), label);
  }
  std::sort(by_size.rbegin(), by_size.rend());
  std::vector<std::vector<cv::Point>> outlines;
  for (std::size_t i = 0; i < by_size.size() && i < static_cast<std::size_t>(k_max_candidates);
       ++i) {
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(labels == by_size[i].second, contours, cv::RETR_EXTERNAL,
                     cv::CHAIN_APPROX_SIMPLE);
    for (auto& c : contours) {
      outlines.push_back(std::move(c));
    }
  }
  return largest_first(std::move(outlines));
}

// Outlines of regions closed by edges, whatever their brightness: a page under
// light falling off to as dark as the table at one end, on a pale table, or on a
// coloured one as bright as the paper (the edge is in one colour channel only).
std::vector<std::vector<cv::Point>> edge_outlines(const cv::Mat& smooth) {
  cv::Mat gradient;
  cv::morphologyEx(smooth, gradient, cv::MORPH_GRADIENT,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  if (gradient.channels() > 1) {
    gradient = gradient.reshape(1, static_cast<int>(gradient.total()));
    cv::reduce(gradient, gradient, 1, cv::REDUCE_MAX);
    gradient = gradient.reshape(1, smooth.rows);
  }
  cv::Mat edges = gradient > k_edge_step;
  cv::morphologyEx(edges, edges, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(edges, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  return largest_first(std::move(contours));
}

// The largest difference over the channels between two pixels of an 8-bit image.
double step_between(const cv::Mat& image, cv::Point a, cv::Point b) {
  const uchar* pa = image.ptr<uchar>(a.y) + a.x * image.channels();
  const uchar* pb = image.ptr<uchar>(b.y) + b.x * image.channels();
  int step = 0;
  for (int c = 0; c < image.channels(); ++c) {
    step = std::max(step, std::abs(static_cast<int>(pa[c]) - static_cast<int>(pb[c])));
  }
  return step;
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

// The page a four-cornered outline makes, when it passes every test of a photo.
// grey: the image in grey; smooth: the image (grey or colour) a little blurred.
std::optional<PhotographedPage> page_of(const std::vector<cv::Point>& outline, const cv::Mat& grey,
                                        const cv::Mat& smooth) {
  if (outline.size() < 4) {
    return std::nullopt;
  }
  const auto corners = four_corners(outline);
  if (!corners) {
    return std::nullopt;
  }
  PhotographedPage page;
  page.quad = order_corners(*corners);
  const double inset = k_min_corner_inset * std::min(grey.cols, grey.rows);
  for (const auto& p : page.quad) {
    if (p.x < inset || p.y < inset || p.x > grey.cols - 1 - inset || p.y > grey.rows - 1 - inset) {
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
  // The background is darker than the paper in some channel (a yellow table is
  // about as bright as white paper in grey, far darker in blue). Darker: a photo
  // printed and scanned has the scanner's paper, brighter, round its table.
  const cv::Scalar paper_colour = cv::mean(smooth, paper);
  const cv::Scalar background_colour = cv::mean(smooth, ~inside);
  page.contrast = paper_colour[0] - background_colour[0];
  for (int c = 1; c < smooth.channels(); ++c) {
    page.contrast = std::max(page.contrast, paper_colour[c] - background_colour[c]);
  }
  if (page.contrast < k_min_contrast) {
    return std::nullopt;
  }
  page.side_support = weakest_side_support(smooth, page.quad);
  if (page.side_support < k_min_side_support) {
    return std::nullopt;
  }
  return page;
}

} // namespace

double weakest_side_support(const cv::Mat& image, const Quad& quad) {
  // Probes this far either side of the outline: past the blur of the edge and a
  // few pixels of error in the corners.
  const double probe = std::max(3.0, 0.006 * std::min(image.cols, image.rows));
  const cv::Point2f centre = (quad[0] + quad[1] + quad[2] + quad[3]) * 0.25F;
  const cv::Rect frame(0, 0, image.cols, image.rows);
  double weakest = 1.0;
  for (std::size_t i = 0; i < 4; ++i) {
    const cv::Point2f a = quad[i];
    const cv::Point2f b = quad[(i + 1) % 4];
    const double length = cv::norm(b - a);
    if (length < 1) {
      return 0;
    }
    cv::Point2f normal(-(b - a).y / static_cast<float>(length),
                       (b - a).x / static_cast<float>(length));
    if (normal.dot(centre - a) < 0) {
      normal = -normal;
    }
    int supported = 0;
    int measured = 0;
    // The corners' tenth of each side is left out: rounded or dog-eared corners.
    const int samples = std::max(8, static_cast<int>(length / 4));
    for (int k = 0; k < samples; ++k) {
      const double t = 0.1 + 0.8 * (k + 0.5) / samples;
      const cv::Point2f on = a + (b - a) * static_cast<float>(t);
      const cv::Point in = on + normal * static_cast<float>(probe);
      const cv::Point out = on - normal * static_cast<float>(probe);
      if (!frame.contains(in) || !frame.contains(out)) {
        continue;
      }
      ++measured;
      if (step_between(image, in, out) >= k_min_side_step) {
        ++supported;
      }
    }
    weakest = std::min(weakest, measured == 0 ? 0.0 : static_cast<double>(supported) / measured);
  }
  return weakest;
}

std::optional<PhotographedPage> find_photographed_page(const cv::Mat& image) {
  if (image.empty() || image.rows < k_min_side || image.cols < k_min_side) {
    return std::nullopt;
  }
  const cv::Mat grey = grey_of(image);
  cv::Mat blurred;
  cv::GaussianBlur(grey, blurred, cv::Size(5, 5), 0);
  cv::Mat smooth = blurred;
  if (image.channels() == 3) {
    cv::GaussianBlur(image, smooth, cv::Size(5, 5), 0);
  }
  // The largest page that passes: a shadow across the paper cuts a bright region
  // short along a real edge, while the outline closed by the page's edges is whole.
  // An outline of edges takes in the blurred rim of the page too, so it replaces
  // a bright region's only when clearly larger.
  std::optional<PhotographedPage> best;
  for (const auto& outlines : {bright_outlines(blurred), edge_outlines(smooth)}) {
    for (const auto& outline : outlines) {
      auto page = page_of(outline, grey, smooth);
      if (page && (!best || page->page_share > k_clearly_larger * best->page_share)) {
        best = std::move(page);
      }
    }
  }
  return best;
}

} // namespace sohoa::imaging
