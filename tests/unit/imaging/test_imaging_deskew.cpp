#include "sohoa/imaging/cleanup.hpp"
#include "imaging/deskew.hpp"
#include "synthetic_page.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>

using namespace sohoa;
using namespace sohoa::imaging;
using namespace sohoa::imaging::test;

TEST_CASE("deskew recovers known skews within 0.2 degrees") {
  const cv::Mat upright = text_page();
  for (const double angle : {-7.0, -3.0, -0.5, 0.0, 1.3, 4.0, 9.0}) {
    cv::Mat scan = skewed(upright, angle);
    add_noise(scan, 4, 7);
    CleanupReport report;
    const CleanPage clean = clean_page(raster(scan, ColourKind::colour), {}, report);
    // What is left once the page is straightened, measured afresh on the output.
    const SkewEstimate left = estimate_skew(clean.ocr_image);
    const double residual = left.found ? left.angle_deg : 0.0;
    MESSAGE("skew " << angle << ": measured " << clean.skew_deg << ", error "
                    << clean.skew_deg - angle << ", residual on output " << residual);
    CHECK(std::abs(clean.skew_deg - angle) < 0.2);
    CHECK(std::abs(residual) < 0.2);
    CHECK(clean.rotation == 0);
    CHECK(clean.ocr_image.size() == clean.archival.size());
  }
}

TEST_CASE("skew of a page lying on its side is measured across its vertical lines") {
  cv::Mat turned;
  cv::rotate(text_page(), turned, cv::ROTATE_90_CLOCKWISE);
  const cv::Mat scan = skewed(turned, 2.5);
  cv::Mat binary;
  cv::threshold(grey_of(scan), binary, 128, 255, cv::THRESH_BINARY);
  const SkewEstimate skew = estimate_skew(binary);
  CHECK(skew.found);
  CHECK(skew.vertical_lines);
  CHECK(std::abs(skew.angle_deg - 2.5) < 0.2);
}

TEST_CASE("a page without lines reports no skew") {
  cv::Mat binary(1200, 900, CV_8UC1, cv::Scalar(255));
  CHECK_FALSE(estimate_skew(binary).found);
  cv::RNG rng(3);
  for (int i = 0; i < 3000; ++i) {
    binary.at<uchar>(rng.uniform(0, binary.rows), rng.uniform(0, binary.cols)) = 0;
  }
  CHECK_FALSE(estimate_skew(binary).found);
}

TEST_CASE("rotate_image fills uncovered corners with the given colour") {
  const cv::Mat image(200, 300, CV_8UC3, cv::Scalar(10, 20, 30));
  const cv::Mat turned = rotate_image(image, 10, cv::Scalar(200, 210, 220));
  CHECK(turned.size() == image.size());
  CHECK(turned.at<cv::Vec3b>(0, 0) == cv::Vec3b(200, 210, 220));
  CHECK(turned.at<cv::Vec3b>(100, 150) == cv::Vec3b(10, 20, 30));
}
