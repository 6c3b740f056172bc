#include "sohoa/core/error.hpp"
#include "sohoa/imaging/cleanup.hpp"
#include "sohoa/imaging/orientation.hpp"
#include "synthetic_page.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>

using namespace sohoa;
using namespace sohoa::imaging;
using namespace sohoa::imaging::test;

namespace {

// The page as a scanner would deliver it turned clockwise by turn degrees.
cv::Mat turned(const cv::Mat& page, int turn) {
  return rotate_quarter(page, turn);
}

cv::Mat binary_of(const cv::Mat& bgr) {
  cv::Mat binary;
  cv::threshold(grey_of(bgr), binary, 128, 255, cv::THRESH_BINARY);
  return binary;
}

} // namespace

TEST_CASE("orientation estimate recovers quarter turns of a text page") {
  cv::Mat small;
  cv::resize(text_page(), small, {}, 0.5, 0.5, cv::INTER_AREA);
  for (const int turn : {0, 90, 180, 270}) {
    const OrientationEstimate estimate = estimate_orientation(binary_of(turned(small, turn)));
    MESSAGE("scan turned " << turn << ": correction " << estimate.clockwise_degrees
                           << ", confidence " << estimate.confidence);
    CHECK(estimate.clockwise_degrees == (360 - turn) % 360);
    CHECK(estimate.confidence >= 0.3);
  }
}

TEST_CASE("clean_page uprights turned and skewed pages") {
  const cv::Mat upright = text_page();
  for (const int turn : {0, 90, 180, 270}) {
    cv::Mat scan = skewed(turned(upright, turn), turn == 0 ? 0.0 : 2.0);
    add_noise(scan, 4, turn);
    CleanupReport report;
    const CleanPage clean = clean_page(raster(scan, ColourKind::colour), {}, report);
    CHECK(clean.rotation == (360 - turn) % 360);
    CHECK(report.orientation_applied);
    // Upright A4 again: portrait, taller than wide.
    CHECK(clean.archival.rows > clean.archival.cols);
    CHECK(clean.ocr_image.size() == clean.archival.size());
    if (turn != 0) {
      CHECK(std::abs(clean.skew_deg - 2.0) < 0.2);
    }
  }
}

TEST_CASE("orientation of an empty page is 0 with no confidence") {
  const cv::Mat white(400, 300, CV_8UC1, cv::Scalar(255));
  const OrientationEstimate estimate = estimate_orientation(white);
  CHECK(estimate.clockwise_degrees == 0);
  CHECK(estimate.confidence == 0.0);
}

TEST_CASE("orientation detection can be switched off") {
  CleanupOptions options;
  options.detect_orientation = false;
  const CleanPage clean = clean_page(raster(turned(text_page(), 180), ColourKind::colour), options);
  CHECK(clean.rotation == 0);
}

TEST_CASE("rotate_clean_page keeps both images and the rotation consistent") {
  CleanupOptions options;
  options.detect_orientation = false;
  CleanPage clean = clean_page(raster(text_page(10), ColourKind::colour), options);
  const cv::Size size = clean.archival.size();
  rotate_clean_page(clean, 90);
  CHECK(clean.rotation == 90);
  CHECK(clean.archival.size() == cv::Size(size.height, size.width));
  CHECK(clean.ocr_image.size() == clean.archival.size());
  rotate_clean_page(clean, -180);
  CHECK(clean.rotation == 270);
  rotate_clean_page(clean, 450);
  CHECK(clean.rotation == 0);
  CHECK(clean.archival.size() == size);
  CHECK_THROWS_AS(rotate_clean_page(clean, 45), Error);
}

TEST_CASE("rotate_quarter turns clockwise") {
  cv::Mat image(2, 3, CV_8UC1, cv::Scalar(0));
  image.at<uchar>(0, 0) = 9; // top left
  const cv::Mat quarter = rotate_quarter(image, 90);
  CHECK(quarter.size() == cv::Size(2, 3));
  CHECK(quarter.at<uchar>(0, 1) == 9); // top left goes to top right
  CHECK(rotate_quarter(image, -90).at<uchar>(2, 0) == 9);
  CHECK(normalize_quarter(-90) == 270);
  CHECK_THROWS(normalize_quarter(30));
}
