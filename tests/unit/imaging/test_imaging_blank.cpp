#include "imaging/blank.hpp"
#include "sohoa/imaging/cleanup.hpp"
#include "synthetic_page.hpp"

#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>

using namespace sohoa;
using namespace sohoa::imaging;
using namespace sohoa::imaging::test;

namespace {

// A white back page as scanners deliver it: sensor noise, dust specks, a hair,
// a faint smudge and a dark shadow along one edge.
cv::Mat noisy_back_page(int seed) {
  cv::Mat page(k_a4_height, k_a4_width, CV_8UC3, k_paper);
  cv::RNG rng(static_cast<uint64_t>(seed));
  for (int i = 0; i < 600; ++i) {
    const cv::Point at(rng.uniform(0, page.cols), rng.uniform(0, page.rows));
    cv::circle(page, at, rng.uniform(1, 4), cv::Scalar::all(rng.uniform(20, 120)), cv::FILLED);
  }
  cv::line(page, {900, 1500}, {1150, 1530}, cv::Scalar::all(90), 2, cv::LINE_AA);
  cv::GaussianBlur(page(cv::Rect(1600, 2400, 300, 200)), page(cv::Rect(1600, 2400, 300, 200)),
                   {0, 0}, 30);
  cv::ellipse(page, {700, 2900}, {120, 60}, 0, 0, 360, cv::Scalar(215, 222, 226), cv::FILLED);
  cv::rectangle(page, {0, 0}, {page.cols - 1, 12}, cv::Scalar::all(60), cv::FILLED);
  add_noise(page, 6, seed);
  return page;
}

} // namespace

TEST_CASE("a white back page with scanner noise and specks is blank") {
  for (const int seed : {1, 2, 3}) {
    const CleanPage clean =
        clean_page(raster(noisy_back_page(seed), ColourKind::colour), CleanupOptions{});
    CHECK(clean.blank);
    CHECK(clean.rotation == 0);
    CHECK(clean.skew_deg == 0.0);
  }
}

TEST_CASE("a page with a single short line of text is not blank") {
  cv::Mat page = noisy_back_page(4);
  cv::putText(page, "Trang 2", {1100, 3300}, cv::FONT_HERSHEY_SIMPLEX, 1.2, k_black_ink, 3,
              cv::LINE_AA);
  const CleanPage clean = clean_page(raster(page, ColourKind::colour), CleanupOptions{});
  CHECK_FALSE(clean.blank);
}

TEST_CASE("a text page is not blank, a grey blank page is") {
  CHECK_FALSE(clean_page(raster(text_page(), ColourKind::colour)).blank);
  CHECK(clean_page(raster(grey_of(noisy_back_page(5)), ColourKind::grey)).blank);
}

TEST_CASE("a signature alone is not blank") {
  cv::Mat binary(1754, 1240, CV_8UC1, cv::Scalar(255));
  cv::ellipse(binary, {600, 1200}, {160, 70}, 15, 20, 330, cv::Scalar(0), 3);
  cv::line(binary, {450, 1250}, {800, 1180}, cv::Scalar(0), 3);
  CHECK_FALSE(is_blank(binary, 150));
  CHECK(is_blank(cv::Mat(1754, 1240, CV_8UC1, cv::Scalar(255)), 150));
}
