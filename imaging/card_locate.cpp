#include "sohoa/imaging/card.hpp"
#include "grey.hpp"

#include "ocr_image.hpp"
#include "perspective.hpp"
#include "sohoa/imaging/cleanup.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace sohoa::imaging {

namespace {

// Outlines are looked for at this resolution: a card's edge is still a pixel or
// two wide there, and a page's text lines stay apart.
constexpr double k_analysis_dpi = 100;
// A printed ID-1 card: its sides within this share of 85.6 x 54 mm.
constexpr double k_size_tolerance = 0.15;
// Height-to-width of ID-1 is 1.585; a scan cropped with a margin is a little squarer.
constexpr double k_min_aspect = 1.40;
constexpr double k_max_aspect = 1.78;
// A card outline encloses a filled rectangle (rounded corners lose under 1 %).
constexpr double k_min_rectangularity = 0.88;
// Grey-level step (on the 3x3 morphological gradient) that makes an edge: a card's
// tint against paper is 8-25 levels, its printed border far more.
constexpr int k_edge_step = 12;
// A page whose ink outside the card outlines exceeds this share of the ink inside
// them is a document with a card-sized box, not a copy of cards.
constexpr double k_max_outside_ink_share = 0.5;
// An image cropped to the card: its size is at most a few millimetres of margin
// larger than the card, when the resolution is known.
constexpr double k_max_crop_oversize = 1.25;

// A card's print, found without its border: the gap closed between words and lines,
// the block's sides as a share of the card's (print runs to 2-5 mm of its edges; the
// expiry line and the photo reach the lower and left edges), the ink the block holds,
// and the margin put back round it.
constexpr double k_print_gap_mm = 3.0;
constexpr double k_print_line_gap_mm = 5.0;
constexpr double k_min_print_share_long = 0.70;
constexpr double k_min_print_share_short = 0.55;
constexpr double k_max_print_share = 1.05;
constexpr double k_min_print_ink = 0.04;
constexpr double k_max_print_ink = 0.45;
constexpr double k_print_margin_mm = 3.0;

struct Candidate {
  cv::RotatedRect rect;
  std::vector<cv::Point> outline;
  double area = 0;
};

bool card_sized(const cv::Size2f& size, double px_per_mm) {
  const double long_mm = std::max(size.width, size.height) / px_per_mm;
  const double short_mm = std::min(size.width, size.height) / px_per_mm;
  return std::abs(long_mm / k_card_width_mm - 1) <= k_size_tolerance &&
         std::abs(short_mm / k_card_height_mm - 1) <= k_size_tolerance;
}

bool card_shaped(const cv::Size2f& size) {
  const double longer = std::max(size.width, size.height);
  const double shorter = std::max(1.0F, std::min(size.width, size.height));
  const double aspect = longer / shorter;
  return aspect >= k_min_aspect && aspect <= k_max_aspect;
}

// Edges of the analysis image closed into solid regions: a card's border (or its
// tint's edge) becomes one outline around everything printed on it.
std::vector<std::vector<cv::Point>> closed_outlines(const cv::Mat& small_grey) {
  cv::Mat blurred;
  cv::GaussianBlur(small_grey, blurred, cv::Size(3, 3), 0);
  cv::Mat gradient;
  cv::morphologyEx(blurred, gradient, cv::MORPH_GRADIENT,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  cv::Mat edges = gradient > k_edge_step;
  cv::morphologyEx(edges, edges, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(edges, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  return contours;
}

// Four corners of the outline: its convex hull simplified to a quadrilateral when
// it has that shape (a card in slight perspective), else its rotated rectangle.
std::array<cv::Point2f, 4> corners_of(const Candidate& c) {
  std::vector<cv::Point> hull;
  cv::convexHull(c.outline, hull);
  std::vector<cv::Point> poly;
  cv::approxPolyDP(hull, poly, 0.02 * cv::arcLength(hull, true), true);
  std::array<cv::Point2f, 4> points;
  if (poly.size() == 4) {
    for (std::size_t i = 0; i < 4; ++i) {
      points[i] = cv::Point2f(static_cast<float>(poly[i].x), static_cast<float>(poly[i].y));
    }
  } else {
    c.rect.points(points.data());
  }
  return order_corners(points);
}

// A card lying portrait on the page: corners renamed so its long side runs from
// the first corner to the second (a quarter turn; which one is left to the reading).
std::array<cv::Point2f, 4> landscape(const std::array<cv::Point2f, 4>& q) {
  const double top = cv::norm(q[1] - q[0]);
  const double left = cv::norm(q[3] - q[0]);
  if (top >= left) {
    return q;
  }
  return {q[3], q[0], q[1], q[2]};
}

// Ink of the analysis image: darker than its neighbourhood by a clear step.
cv::Mat ink_mask(const cv::Mat& small_grey) {
  cv::Mat ink;
  cv::adaptiveThreshold(small_grey, ink, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, 15,
                        20);
  return ink;
}

bool mostly_inside(const cv::Mat& ink, const std::vector<Candidate>& cards) {
  cv::Mat inside(ink.size(), CV_8UC1, cv::Scalar(0));
  for (const auto& c : cards) {
    cv::Point2f pts[4];
    c.rect.points(pts);
    std::vector<cv::Point> poly;
    for (const auto& p : pts) {
      poly.emplace_back(static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y)));
    }
    cv::fillConvexPoly(inside, poly, 255);
  }
  const double in = cv::countNonZero(ink & inside);
  const double out = cv::countNonZero(ink & ~inside);
  return in > 0 && out <= k_max_outside_ink_share * in;
}

bool overlaps(const Candidate& a, const Candidate& b) {
  std::vector<cv::Point2f> region;
  return cv::rotatedRectangleIntersection(a.rect, b.rect, region) != cv::INTERSECT_NONE;
}

} // namespace

std::vector<CardOnPage> find_cards(const cv::Mat& archival, double dpi) {
  if (archival.empty() || archival.rows < 16 || archival.cols < 16) {
    return {};
  }
  const double page_dpi = dpi > 0 ? dpi : 300;
  const double scale = std::min(1.0, k_analysis_dpi / page_dpi);
  cv::Mat small;
  cv::resize(grey_of(archival), small, cv::Size(), scale, scale, cv::INTER_AREA);
  const double px_per_mm = page_dpi * scale / 25.4;
  const double image_area = static_cast<double>(small.cols) * small.rows;
  std::vector<Candidate> found;
  for (auto& outline : closed_outlines(small)) {
    Candidate c;
    c.rect = cv::minAreaRect(outline);
    c.area = cv::contourArea(outline);
    const double rect_area = static_cast<double>(c.rect.size.width) * c.rect.size.height;
    if (rect_area <= 0 || c.area < k_min_rectangularity * rect_area) {
      continue;
    }
    // Sized like a card at the page's resolution, or (resolution unknown) the
    // card a crop was made of.
    const bool sized = card_sized(c.rect.size, px_per_mm);
    const bool fills_crop = card_shaped(cv::Size2f(small.size())) && rect_area > 0.6 * image_area;
    if (!card_shaped(c.rect.size) || !(sized || fills_crop)) {
      continue;
    }
    c.outline = std::move(outline);
    found.push_back(std::move(c));
  }
  std::sort(found.begin(), found.end(),
            [](const Candidate& a, const Candidate& b) { return a.area > b.area; });
  std::vector<Candidate> cards;
  for (auto& c : found) {
    const bool apart = std::none_of(cards.begin(), cards.end(),
                                    [&](const Candidate& k) { return overlaps(k, c); });
    if (apart && cards.size() < 2) {
      cards.push_back(std::move(c));
    }
  }
  std::vector<CardOnPage> out;
  if (!cards.empty() && mostly_inside(ink_mask(small), cards)) {
    for (const auto& c : cards) {
      CardOnPage card;
      card.corners = scaled(landscape(corners_of(c)), 1.0 / scale);
      out.push_back(card);
    }
    return out;
  }
  // No outline: an image cropped to the card is the card.
  const cv::Size2f whole(static_cast<float>(archival.cols), static_cast<float>(archival.rows));
  const double long_mm = std::max(whole.width, whole.height) / (page_dpi / 25.4);
  const bool crop_sized = long_mm >= k_card_width_mm * (1 - k_size_tolerance) &&
                          long_mm <= k_card_width_mm * k_max_crop_oversize;
  if (card_shaped(whole) && (crop_sized || dpi <= 0) && archival.cols > archival.rows) {
    CardOnPage card;
    card.whole_image = true;
    card.corners = {cv::Point2f(0, 0), cv::Point2f(whole.width, 0),
                    cv::Point2f(whole.width, whole.height), cv::Point2f(0, whole.height)};
    out.push_back(card);
  }
  return out;
}

std::vector<CardOnPage> find_card_print_blocks(const cv::Mat& archival, double dpi) {
  if (archival.empty() || archival.rows < 16 || archival.cols < 16 || dpi <= 0) {
    return {};
  }
  const double scale = std::min(1.0, k_analysis_dpi / dpi);
  const double px_per_mm = dpi * scale / 25.4;
  const double long_mm = std::max(archival.cols, archival.rows) / (dpi / 25.4);
  if (long_mm <= k_card_width_mm * k_max_crop_oversize) {
    return {};
  }
  cv::Mat small;
  cv::resize(grey_of(archival), small, cv::Size(), scale, scale, cv::INTER_AREA);
  const cv::Mat ink = ink_mask(small);
  // Words of a card's print are 1-2 mm apart, its lines up to 5 mm (under the
  // title): closed, they make one block.
  const auto px = [&](double mm) {
    return std::max(3, static_cast<int>(std::lround(mm * px_per_mm)));
  };
  cv::Mat blocks;
  cv::morphologyEx(ink, blocks, cv::MORPH_CLOSE,
                   cv::getStructuringElement(
                       cv::MORPH_RECT, cv::Size(px(k_print_gap_mm), px(k_print_line_gap_mm))));
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(blocks, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  std::vector<Candidate> found;
  for (auto& contour : contours) {
    Candidate c;
    // Upright: the page is deskewed on its lines, and a block's rectangle tilts
    // towards whatever stray mark joins it.
    const cv::Rect box = cv::boundingRect(contour);
    c.rect = cv::RotatedRect(
        cv::Point2f(box.x + box.width / 2.0F, box.y + box.height / 2.0F),
        cv::Size2f(static_cast<float>(box.width), static_cast<float>(box.height)), 0.0F);
    const double block_long = std::max(c.rect.size.width, c.rect.size.height) / px_per_mm;
    const double block_short = std::min(c.rect.size.width, c.rect.size.height) / px_per_mm;
    if (block_long < k_min_print_share_long * k_card_width_mm ||
        block_short < k_min_print_share_short * k_card_height_mm ||
        block_long > k_max_print_share * k_card_width_mm ||
        block_short > k_max_print_share * k_card_height_mm) {
      continue;
    }
    cv::Mat region(ink.size(), CV_8UC1, cv::Scalar(0));
    cv::drawContours(region, std::vector<std::vector<cv::Point>>{contour}, 0, 255, cv::FILLED);
    const double area = cv::countNonZero(region);
    const double inked = area > 0 ? cv::countNonZero(ink & region) / area : 0;
    if (inked < k_min_print_ink || inked > k_max_print_ink) {
      continue; // a dithered shadow is mostly ink, a tint's edge almost none
    }
    c.area = area;
    c.outline = std::move(contour);
    found.push_back(std::move(c));
  }
  std::sort(found.begin(), found.end(),
            [](const Candidate& a, const Candidate& b) { return a.area > b.area; });
  std::vector<CardOnPage> out;
  std::vector<Candidate> kept;
  for (auto& c : found) {
    if (kept.size() == 2 ||
        std::any_of(kept.begin(), kept.end(), [&](const Candidate& k) { return overlaps(k, c); })) {
      continue;
    }
    // The card around its print: the margin print keeps from the edge, then the
    // shorter side widened to ID-1's proportions.
    cv::Size2f size(c.rect.size.width + 2 * k_print_margin_mm * px_per_mm,
                    c.rect.size.height + 2 * k_print_margin_mm * px_per_mm);
    const double aspect = k_card_width_mm / k_card_height_mm;
    float& longer = size.width >= size.height ? size.width : size.height;
    float& shorter = size.width >= size.height ? size.height : size.width;
    shorter = std::max(shorter, static_cast<float>(longer / aspect));
    longer = std::max(longer, static_cast<float>(shorter * aspect));
    std::array<cv::Point2f, 4> points;
    cv::RotatedRect(c.rect.center, size, c.rect.angle).points(points.data());
    CardOnPage card;
    card.corners = scaled(landscape(order_corners(points)), 1.0 / scale);
    out.push_back(card);
    kept.push_back(std::move(c));
  }
  return out;
}

NormalizedCard normalize_card(const CleanPage& page, const CardOnPage& card) {
  const double px_per_mm = k_normalized_card_dpi / 25.4;
  const int margin = static_cast<int>(std::lround(k_normalized_card_margin_mm * px_per_mm));
  const cv::Size card_size(static_cast<int>(std::lround(k_card_width_mm * px_per_mm)),
                           static_cast<int>(std::lround(k_card_height_mm * px_per_mm)));
  const cv::Size size(card_size.width + 2 * margin, card_size.height + 2 * margin);
  NormalizedCard out;
  out.card = cv::Rect(cv::Point(margin, margin), card_size);
  const float x0 = static_cast<float>(margin);
  const float y0 = static_cast<float>(margin);
  const float x1 = x0 + static_cast<float>(card_size.width);
  const float y1 = y0 + static_cast<float>(card_size.height);
  const cv::Point2f upright[] = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
  const cv::Mat to_card = cv::getPerspectiveTransform(card.corners.data(), upright);
  cv::warpPerspective(page.archival, out.page.archival, to_card, size, cv::INTER_CUBIC,
                      cv::BORDER_CONSTANT, cv::Scalar::all(255));
  // Interpolation leaves grey levels on a two-level scan's edges.
  out.page.kind = page.kind == ColourKind::bitonal ? ColourKind::grey : page.kind;
  out.page.dpi = k_normalized_card_dpi;
  out.page.ocr_image = make_ocr_image(out.page.archival, out.page.kind, out.page.dpi, true);
  out.to_page = cv::Matx33d(cv::Mat(to_card.inv()));
  return out;
}

void turn_card_half(NormalizedCard& card) {
  rotate_clean_page(card.page, 180);
  const double w = card.page.archival.cols;
  const double h = card.page.archival.rows;
  // A point of the turned card is (w - x, h - y) of the card as it was.
  const cv::Matx33d unturn(-1, 0, w, 0, -1, h, 0, 0, 1);
  card.to_page = card.to_page * unturn;
  card.card = cv::Rect(static_cast<int>(w) - card.card.br().x,
                       static_cast<int>(h) - card.card.br().y, card.card.width, card.card.height);
}

} // namespace sohoa::imaging
