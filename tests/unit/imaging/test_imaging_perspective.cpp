// Phone photos of a page (the generator's phone_photo condition: perspective, a
// table around the page, light falling off, soft focus) are found and warped
// upright; flat scans, skewed or with dark scanner borders, are left alone.
#include "imaging/page_quad.hpp"
#include "imaging/perspective.hpp"
#include "imaging/photo_page.hpp"
#include "sohoa/imaging/cleanup.hpp"
#include "synthetic_page.hpp"
#include "tools/gen/conditions.hpp"
#include "tools/gen/rng.hpp"

#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>

using namespace sohoa;
using namespace sohoa::imaging;
using namespace sohoa::imaging::test;

namespace {

// A text page at 150 dpi (the analysis resolution), to keep the tests fast.
constexpr double k_dpi = 150;

cv::Mat small_text_page() {
  cv::Mat page;
  cv::resize(text_page(), page, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
  return page;
}

cv::Mat photographed(const cv::Mat& page, std::uint64_t seed) {
  cv::Mat photo = page.clone();
  sohoa::gen::Rng rng(seed);
  sohoa::gen::phone_photo(photo, rng);
  return photo;
}

// Ink of a cleaned OCR image (0 = ink) as a mask at the size of `like`.
cv::Mat ink_at(const cv::Mat& binary, cv::Size size) {
  cv::Mat resized;
  cv::resize(binary, resized, size, 0, 0, cv::INTER_AREA);
  return resized < 128;
}

// Share of the reference's ink that the other image has too (after a 1 px grow).
double ink_overlap(const cv::Mat& reference_ink, const cv::Mat& other_ink) {
  cv::Mat grown;
  cv::dilate(other_ink, grown, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  return cv::countNonZero(reference_ink & grown) /
         static_cast<double>(std::max(1, cv::countNonZero(reference_ink)));
}

// The page of photographed(page, seed) is where phone_photo put it: a 5 % margin,
// +-3.5 % of the width at each corner.
void check_quad_of_photo(const Quad& quad, cv::Size page, cv::Point2f offset = {0, 0}) {
  const float margin = 0.05F * page.width;
  const float jitter = 0.04F * page.width;
  CHECK(std::abs(quad[0].x - offset.x - margin) < jitter);
  CHECK(std::abs(quad[0].y - offset.y - margin) < jitter);
  CHECK(std::abs(quad[2].x - offset.x - (page.width + margin)) < jitter);
  CHECK(std::abs(quad[2].y - offset.y - (page.height + margin)) < jitter);
}

} // namespace

TEST_CASE("warp_quad_to_rect undoes a known perspective") {
  const cv::Mat page = small_text_page();
  const float w = static_cast<float>(page.cols);
  const float h = static_cast<float>(page.rows);
  const cv::Point2f upright[] = {{0, 0}, {w, 0}, {w, h}, {0, h}};
  const Quad quad = {cv::Point2f(80, 60), cv::Point2f(w + 20, 110), cv::Point2f(w - 10, h + 90),
                     cv::Point2f(40, h + 40)};
  cv::Mat photo;
  cv::warpPerspective(page, photo, cv::getPerspectiveTransform(upright, quad.data()),
                      cv::Size(page.cols + 160, page.rows + 160), cv::INTER_LINEAR,
                      cv::BORDER_CONSTANT, cv::Scalar(70, 90, 120));
  const cv::Mat back = warp_quad_to_rect(photo, quad, page.size(), cv::Scalar::all(255));
  REQUIRE(back.size() == page.size());
  cv::Mat diff;
  cv::absdiff(grey_of(back), grey_of(page), diff);
  CHECK(cv::mean(diff)[0] < 6);
  // No resolution lost: the longer of each pair of opposite sides.
  const cv::Size size = upright_size(quad);
  CHECK(size.width == static_cast<int>(std::lround(cv::norm(quad[3] - quad[2]))));
  CHECK(size.height == static_cast<int>(std::lround(cv::norm(quad[0] - quad[3]))));
}

TEST_CASE("order_corners gives top-left, top-right, bottom-right, bottom-left") {
  const Quad q = order_corners(
      {cv::Point2f(900, 1250), cv::Point2f(20, 30), cv::Point2f(10, 1200), cv::Point2f(880, 15)});
  CHECK(q[0] == cv::Point2f(20, 30));
  CHECK(q[1] == cv::Point2f(880, 15));
  CHECK(q[2] == cv::Point2f(900, 1250));
  CHECK(q[3] == cv::Point2f(10, 1200));
}

TEST_CASE("the page of a phone photo is found, with its keystone") {
  const cv::Mat page = small_text_page();
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    CAPTURE(seed);
    const cv::Mat photo = photographed(page, seed);
    const auto found = find_photographed_page(photo);
    REQUIRE(found.has_value());
    CHECK(found->page_share > 0.6);
    CHECK(found->contrast > 60);
    CHECK(found->side_support > 0.9);
    check_quad_of_photo(found->quad, page.size());
  }
}

TEST_CASE("a photo printed and scanned: the page inside a bright margin round the table") {
  const cv::Mat page = small_text_page();
  for (std::uint64_t seed = 21; seed <= 23; ++seed) {
    CAPTURE(seed);
    const cv::Mat photo = photographed(page, seed);
    // The scanner's paper all round the photo: one bright region whose outline
    // encloses the page's.
    const int frame = 40;
    cv::Mat scanned;
    cv::copyMakeBorder(photo, scanned, frame, frame, frame, frame, cv::BORDER_CONSTANT,
                       cv::Scalar(238, 245, 248));
    const auto found = find_photographed_page(scanned);
    REQUIRE(found.has_value());
    check_quad_of_photo(found->quad, page.size(), cv::Point2f(frame, frame));
  }
}

TEST_CASE("a page on a table half dark, half as pale as the page, is found by its edges") {
  const cv::Mat page = small_text_page();
  const int margin = 60;
  cv::Mat photo(page.rows + 2 * margin, page.cols + 2 * margin, CV_8UC3, cv::Scalar::all(110));
  // A white cloth on the right half: to a brightness threshold the page and the
  // cloth are one region reaching the image's edge.
  photo(cv::Rect(photo.cols / 2, 0, photo.cols - photo.cols / 2, photo.rows))
      .setTo(cv::Scalar::all(218));
  const Quad quad = {cv::Point2f(margin + 12, margin - 8),
                     cv::Point2f(margin + page.cols - 6, margin + 10),
                     cv::Point2f(margin + page.cols + 8, margin + page.rows - 4),
                     cv::Point2f(margin - 10, margin + page.rows + 6)};
  const float w = static_cast<float>(page.cols);
  const float h = static_cast<float>(page.rows);
  const cv::Point2f upright[] = {{0, 0}, {w, 0}, {w, h}, {0, h}};
  cv::warpPerspective(page, photo, cv::getPerspectiveTransform(upright, quad.data()), photo.size(),
                      cv::INTER_LINEAR, cv::BORDER_TRANSPARENT);
  const auto found = find_photographed_page(photo);
  REQUIRE(found.has_value());
  for (std::size_t i = 0; i < 4; ++i) {
    CAPTURE(i);
    CHECK(cv::norm(found->quad[i] - quad[i]) < 6);
  }
}

TEST_CASE("a shadow across the page does not cut it short; a pale table is still a table") {
  const cv::Mat page = small_text_page();
  SUBCASE("shadow over the lower third") {
    cv::Mat photo = photographed(page, 41);
    // A hand's or a phone's shadow: the lower third of the photo (page and table)
    // at half the light, its paper darker than a threshold between paper and table.
    cv::Mat lower =
        photo(cv::Rect(0, photo.rows * 2 / 3, photo.cols, photo.rows - photo.rows * 2 / 3));
    lower.convertTo(lower, -1, 0.5);
    const auto found = find_photographed_page(photo);
    REQUIRE(found.has_value());
    check_quad_of_photo(found->quad, page.size());
  }
  SUBCASE("white paper on a light grey table") {
    const int margin = 50;
    cv::Mat photo;
    cv::copyMakeBorder(page, photo, margin, margin, margin, margin, cv::BORDER_CONSTANT,
                       cv::Scalar::all(212));
    cv::Mat grey = grey_of(photo);
    add_noise(grey, 4, 3);
    const auto found = find_photographed_page(grey);
    REQUIRE(found.has_value());
    CHECK(found->contrast < 35);
    CHECK(std::abs(found->quad[0].x - margin) < 4);
    CHECK(std::abs(found->quad[2].y - (margin + page.rows)) < 4);
  }
  SUBCASE("white paper on a yellow table as bright as the paper in grey") {
    const int margin = 50;
    cv::Mat photo;
    const cv::Scalar yellow(60, 250, 255); // BGR; about 230 in grey against paper's 242
    cv::copyMakeBorder(page, photo, margin, margin, margin, margin, cv::BORDER_CONSTANT, yellow);
    cv::Mat grey = grey_of(photo);
    REQUIRE(cv::mean(grey(cv::Rect(0, 0, margin, margin)))[0] > 225);
    const auto found = find_photographed_page(photo);
    REQUIRE(found.has_value());
    CHECK(found->contrast > 100);
    CHECK(std::abs(found->quad[0].x - margin) < 4);
    CHECK(std::abs(found->quad[2].x - (margin + page.cols)) < 4);
    // In grey alone the table is too close to the paper to tell.
    CHECK_FALSE(find_photographed_page(grey).has_value());
  }
}

TEST_CASE("weakest_side_support: a quad on the page's edges, and one cut across its paper") {
  cv::Mat grey(400, 300, CV_8UC1, cv::Scalar(70));
  const Quad page = {cv::Point2f(30, 40), cv::Point2f(270, 30), cv::Point2f(260, 370),
                     cv::Point2f(40, 360)};
  std::vector<cv::Point> polygon;
  for (const auto& p : page) {
    polygon.emplace_back(cvRound(p.x), cvRound(p.y));
  }
  cv::fillConvexPoly(grey, polygon, cv::Scalar(230));
  cv::GaussianBlur(grey, grey, cv::Size(5, 5), 0);
  CHECK(weakest_side_support(grey, page) > 0.95);
  // The lower side moved up into the paper (where uneven light split a threshold).
  const Quad cut = {page[0], page[1], cv::Point2f(265, 200), cv::Point2f(35, 210)};
  CHECK(weakest_side_support(grey, cut) < 0.2);
}

TEST_CASE("a phone photo is cleaned into an upright A4 page whose text matches the scan") {
  const cv::Mat page = small_text_page();
  const CleanPage flat = clean_page(raster(page, ColourKind::colour, k_dpi));
  const cv::Mat reference = flat.ocr_image < 128;
  for (std::uint64_t seed = 11; seed <= 14; ++seed) {
    CAPTURE(seed);
    const RasterPage photo = raster(photographed(page, seed), ColourKind::colour, k_dpi);
    CleanupReport report;
    const CleanPage straight = clean_page(photo, {}, report);
    CHECK(report.perspective_corrected);
    CHECK(report.keystone_deg > 0);
    const double ratio = static_cast<double>(straight.archival.rows) / straight.archival.cols;
    CHECK(ratio == doctest::Approx(297.0 / 210.0).epsilon(0.03));
    // The photo shows the page at about its own scale: about the same resolution.
    CHECK(straight.dpi == doctest::Approx(std::max(k_dpi, 200.0)).epsilon(0.1));
    CHECK(ink_overlap(reference, ink_at(straight.ocr_image, reference.size())) > 0.8);

    CleanupOptions as_scan;
    as_scan.correct_perspective = false;
    const CleanPage uncorrected = clean_page(photo, as_scan);
    CHECK(ink_overlap(reference, ink_at(uncorrected.ocr_image, reference.size())) <
          ink_overlap(reference, ink_at(straight.ocr_image, reference.size())));
  }
}

TEST_CASE("flat scans are left alone") {
  const cv::Mat page = small_text_page();
  SUBCASE("upright") {
    CHECK_FALSE(find_photographed_page(page).has_value());
  }
  SUBCASE("skewed, paper fill") {
    CHECK_FALSE(find_photographed_page(skewed(page, 3.5)).has_value());
  }
  SUBCASE("dark scanner borders on three sides") {
    cv::Mat bordered = page.clone();
    bordered(cv::Rect(0, 0, bordered.cols, 30)).setTo(cv::Scalar::all(40));
    bordered(cv::Rect(0, 0, 25, bordered.rows)).setTo(cv::Scalar::all(40));
    bordered(cv::Rect(bordered.cols - 20, 0, 20, bordered.rows)).setTo(cv::Scalar::all(40));
    CHECK_FALSE(find_photographed_page(bordered).has_value());
  }
  SUBCASE("grey and bitonal, through clean_page") {
    cv::Mat grey = grey_of(skewed(page, -2));
    add_noise(grey, 4, 7);
    CleanupReport report;
    clean_page(raster(grey, ColourKind::grey, k_dpi), {}, report);
    CHECK_FALSE(report.perspective_corrected);
    cv::Mat bitonal = grey > 128;
    clean_page(raster(bitonal, ColourKind::bitonal, k_dpi), {}, report);
    CHECK_FALSE(report.perspective_corrected);
  }
  SUBCASE("a blank page or one all dark") {
    CHECK_FALSE(find_photographed_page(cv::Mat(400, 300, CV_8UC1, cv::Scalar(250))).has_value());
    CHECK_FALSE(find_photographed_page(cv::Mat(400, 300, CV_8UC1, cv::Scalar(20))).has_value());
    CHECK_FALSE(find_photographed_page(cv::Mat(10, 10, CV_8UC3, cv::Scalar::all(0))).has_value());
  }
}

TEST_CASE("upright_page_dpi reads an A4 sheet's resolution from its size") {
  CHECK(upright_page_dpi(cv::Size(2480, 3508), 72) == doctest::Approx(300).epsilon(0.01));
  CHECK(upright_page_dpi(cv::Size(3508, 2480), 72) == doctest::Approx(300).epsilon(0.01));
  CHECK(upright_page_dpi(cv::Size(1000, 1000), 96) == 96);
  // An ID-1 card photographed alone: 85.6 mm along its long side.
  CHECK(upright_page_dpi(cv::Size(1011, 638), 72) == doctest::Approx(300).epsilon(0.01));
  CHECK(upright_page_dpi(cv::Size(638, 1011), 72) == doctest::Approx(300).epsilon(0.01));
  // A card crop (2 mm margin) at 600 dpi, photographed: its own resolution holds.
  CHECK(upright_page_dpi(cv::Size(2116, 1370), 600) == 600);
}
