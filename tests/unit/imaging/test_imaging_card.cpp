// ID cards on a page: found on the generator's card scans (A4 sheets and crops,
// 2016, 2021 and 2024 faces, plain and photocopied), two on one sheet wherever they
// lie, none on a text page or a form with a card-sized box; normalized upright.
#include "sohoa/imaging/card.hpp"
#include "sohoa/imaging/cleanup.hpp"
#include "support/generated_card.hpp"
#include "synthetic_page.hpp"
#include "tools/gen/conditions.hpp"
#include "tools/gen/rng.hpp"

#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>

using namespace sohoa;
using namespace sohoa::imaging;

namespace {

double side_mm(const cv::Point2f& a, const cv::Point2f& b, double dpi) {
  return cv::norm(a - b) / (dpi / 25.4);
}

// A card drawn with OpenCV: tinted, a grey border, lines of text on it.
cv::Mat drawn_card(double dpi) {
  const double px = dpi / 25.4;
  cv::Mat card(static_cast<int>(k_card_height_mm * px), static_cast<int>(k_card_width_mm * px),
               CV_8UC3, cv::Scalar(236, 240, 232));
  cv::rectangle(card, cv::Rect(0, 0, card.cols, card.rows), cv::Scalar(140, 140, 140), 3);
  for (int i = 0; i < 8; ++i) {
    cv::putText(card, "Ho va ten / Full name: NGUYEN VAN A", {300, 260 + i * 40},
                cv::FONT_HERSHEY_SIMPLEX, 0.8, cv::Scalar(30, 30, 30), 2, cv::LINE_AA);
  }
  return card;
}

} // namespace

TEST_CASE("find_cards finds the one card of each generated card scan, at the card's size") {
  int on_a4 = 0;
  int cropped = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const bool holdout = seed % 2 == 0;
    const auto card = sohoa::test::generated_card(seed, holdout);
    const auto& page = card.doc.pages.front();
    INFO("seed " << seed << ", " << card.face);
    const auto found = find_cards(page.image, page.dpi);
    REQUIRE(found.size() == 1);
    const auto& q = found.front().corners;
    const bool a4 = page.image.rows > page.image.cols;
    (a4 ? on_a4 : cropped) += 1;
    if (!found.front().whole_image) {
      CHECK(side_mm(q[0], q[1], page.dpi) == doctest::Approx(k_card_width_mm).epsilon(0.04));
      CHECK(side_mm(q[0], q[3], page.dpi) == doctest::Approx(k_card_height_mm).epsilon(0.04));
    } else {
      CHECK_FALSE(a4); // only a crop is taken whole
    }
  }
  CHECK(on_a4 > 0);
  CHECK(cropped > 0);
}

TEST_CASE("find_cards finds both sides copied on one A4 sheet, one of them upside down") {
  const double dpi = 300;
  const double px = dpi / 25.4;
  cv::Mat sheet(imaging::test::k_a4_height, imaging::test::k_a4_width, CV_8UC3,
                cv::Scalar::all(255));
  const cv::Mat card = drawn_card(dpi);
  cv::Mat turned;
  cv::rotate(card, turned, cv::ROTATE_180);
  const cv::Point front(static_cast<int>(30 * px), static_cast<int>(40 * px));
  const cv::Point back(static_cast<int>(90 * px), static_cast<int>(180 * px));
  card.copyTo(sheet(cv::Rect(front, card.size())));
  turned.copyTo(sheet(cv::Rect(back, card.size())));
  const auto found = find_cards(sheet, dpi);
  REQUIRE(found.size() == 2);
  for (const cv::Point& origin : {front, back}) {
    const bool matched = std::any_of(found.begin(), found.end(), [&](const CardOnPage& c) {
      return cv::norm(c.corners[0] - cv::Point2f(origin)) < 2 * px &&
             cv::norm(c.corners[2] - cv::Point2f(origin + cv::Point(card.cols, card.rows))) <
                 2 * px;
    });
    CHECK(matched);
  }
}

TEST_CASE("find_cards finds no card on a text page, nor on a form with a card-sized box") {
  const cv::Mat page = imaging::test::text_page();
  CHECK(find_cards(page, 300).empty());
  cv::Mat form = page.clone();
  const double px = 300 / 25.4;
  cv::rectangle(form,
                cv::Rect(static_cast<int>(20 * px), static_cast<int>(200 * px),
                         static_cast<int>(k_card_width_mm * px),
                         static_cast<int>(k_card_height_mm * px)),
                cv::Scalar(30, 30, 30), 4);
  CHECK(find_cards(form, 300).empty());
}

TEST_CASE("normalize_card warps the card upright at the normalized size and maps back") {
  const auto card = sohoa::test::generated_card(3, true);
  const auto& rendered = card.doc.pages.front();
  CleanPage page;
  page.archival = rendered.image;
  page.kind = ColourKind::colour;
  page.dpi = rendered.dpi;
  const auto found = find_cards(page.archival, page.dpi);
  REQUIRE(found.size() == 1);
  NormalizedCard n = normalize_card(page, found.front());
  const double px = k_normalized_card_dpi / 25.4;
  CHECK(n.card.width == static_cast<int>(std::lround(k_card_width_mm * px)));
  CHECK(n.card.height == static_cast<int>(std::lround(k_card_height_mm * px)));
  CHECK(n.card.x > 0);
  CHECK(n.page.archival.cols == n.card.width + 2 * n.card.x);
  CHECK(n.page.archival.rows == n.card.height + 2 * n.card.y);
  REQUIRE(n.page.ocr_image.size() == n.page.archival.size());
  CHECK(n.page.ocr_image.type() == CV_8UC1);
  // Ink on the card (its text), paper around it.
  const double ink = cv::countNonZero(n.page.ocr_image < 128) / double(n.page.ocr_image.total());
  CHECK(ink > 0.01);
  CHECK(ink < 0.4);
  const auto to_page = [](const cv::Matx33d& h, cv::Point2f p) {
    const cv::Vec3d v = h * cv::Vec3d(p.x, p.y, 1);
    return cv::Point2f(static_cast<float>(v[0] / v[2]), static_cast<float>(v[1] / v[2]));
  };
  const auto& q = found.front().corners;
  CHECK(cv::norm(to_page(n.to_page, n.card.tl()) - q[0]) < 1.0);
  // Turned half, the normalized card's top-left is the card's bottom-right.
  turn_card_half(n);
  CHECK(n.page.rotation == 180);
  CHECK(cv::norm(to_page(n.to_page, n.card.tl()) - q[2]) < 1.0);
}

TEST_CASE("a card photographed alone on a table is straightened and found at its size") {
  // A phone's resolution tag says nothing of the card's scale.
  constexpr double k_photo_dpi = 72;
  const cv::Mat card = drawn_card(300);
  for (std::uint64_t seed = 31; seed <= 33; ++seed) {
    CAPTURE(seed);
    cv::Mat photo = card.clone();
    sohoa::gen::Rng rng(seed);
    sohoa::gen::phone_photo(photo, rng);
    CleanupReport report;
    const CleanPage clean = clean_page(
        sohoa::imaging::test::raster(photo, ColourKind::colour, k_photo_dpi), {}, report);
    CHECK(report.perspective_corrected);
    // The straightened card's resolution is the one its 85.6 mm imply.
    CHECK(clean.dpi == doctest::Approx(300).epsilon(0.06));
    const auto found = find_cards(clean.archival, clean.dpi);
    REQUIRE(found.size() == 1);
    const auto& q = found.front().corners;
    CHECK(side_mm(q[0], q[1], clean.dpi) == doctest::Approx(k_card_width_mm).epsilon(0.08));
    CHECK(side_mm(q[0], q[3], clean.dpi) == doctest::Approx(k_card_height_mm).epsilon(0.08));
  }
}

TEST_CASE("a card on A4 whose border a two-level copy lost is found by its print") {
  int tried = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const auto card = sohoa::test::generated_card(seed, seed % 2 == 0);
    const auto& page = card.doc.pages.front();
    if (page.image.rows <= page.image.cols) {
      continue; // a crop: the card is the image
    }
    INFO("seed " << seed << ", " << card.face);
    const auto outlined = find_cards(page.image, page.dpi);
    REQUIRE(outlined.size() == 1);
    cv::Mat grey;
    cv::cvtColor(page.image, grey, cv::COLOR_BGR2GRAY);
    cv::Mat bitonal;
    cv::threshold(grey, bitonal, 110, 255, cv::THRESH_BINARY); // tint and border gone
    const auto found = find_card_print_blocks(bitonal, page.dpi);
    REQUIRE(found.size() == 1);
    const auto centre = [](const std::array<cv::Point2f, 4>& q) {
      return (q[0] + q[1] + q[2] + q[3]) * 0.25F;
    };
    const auto& q = found.front().corners;
    CHECK(side_mm(centre(q), centre(outlined.front().corners), page.dpi) < 6.0);
    CHECK(side_mm(q[0], q[1], page.dpi) == doctest::Approx(k_card_width_mm).epsilon(0.15));
    CHECK(side_mm(q[0], q[3], page.dpi) == doctest::Approx(k_card_height_mm).epsilon(0.15));
    ++tried;
  }
  CHECK(tried > 0);
  // Print running the width of a page is no card's; a card-sized image is its own.
  CHECK(find_card_print_blocks(imaging::test::text_page(), 300).empty());
  CHECK(find_card_print_blocks(drawn_card(300), 300).empty());
}
