#include "sohoa/core/error.hpp"
#include "sohoa/imaging/cleanup.hpp"
#include "synthetic_page.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>
#include <vector>

using namespace sohoa;
using namespace sohoa::imaging;
using namespace sohoa::imaging::test;

namespace {

bool only_black_and_white(const cv::Mat& image) {
  return cv::countNonZero((image != 0) & (image != 255)) == 0;
}

void check_consistent(const CleanPage& clean) {
  CHECK(clean.ocr_image.type() == CV_8UC1);
  CHECK(clean.ocr_image.size() == clean.archival.size());
  CHECK(only_black_and_white(clean.ocr_image));
  CHECK(clean.dpi >= 200);
}

} // namespace

TEST_CASE("colour stays colour, grey stays grey") {
  const cv::Mat page = skewed(text_page(), 1.5);
  const CleanPage colour = clean_page(raster(page, ColourKind::colour));
  CHECK(colour.kind == ColourKind::colour);
  CHECK(colour.archival.type() == CV_8UC3);
  CHECK(colour.dpi == 300);
  check_consistent(colour);
  const CleanPage grey = clean_page(raster(grey_of(page), ColourKind::grey));
  CHECK(grey.kind == ColourKind::grey);
  CHECK(grey.archival.type() == CV_8UC1);
  CHECK_FALSE(only_black_and_white(grey.archival));
  check_consistent(grey);
  // Uncovered corners take the paper colour, not black.
  const cv::Vec3b corner = colour.archival.at<cv::Vec3b>(0, colour.archival.cols - 1);
  CHECK(corner[0] > 200);
  CHECK(corner[1] > 200);
  CHECK(corner[2] > 200);
}

TEST_CASE("bitonal input stays bitonal through deskew") {
  cv::Mat bitonal;
  cv::threshold(grey_of(skewed(text_page(), -2.0)), bitonal, 140, 255, cv::THRESH_BINARY);
  const CleanPage clean = clean_page(raster(bitonal, ColourKind::bitonal));
  CHECK(clean.kind == ColourKind::bitonal);
  REQUIRE(clean.archival.type() == CV_8UC1);
  CHECK(only_black_and_white(clean.archival));
  CHECK(std::abs(clean.skew_deg + 2.0) < 0.2);
  check_consistent(clean);
  // Corners uncovered by the rotation are white paper.
  CHECK(clean.archival.at<uchar>(0, 0) == 255);
}

TEST_CASE("low resolution scans are upsampled to at least 200 dpi") {
  cv::Mat page;
  cv::resize(text_page(), page, {}, 0.5, 0.5, cv::INTER_AREA); // 150 dpi
  const CleanPage clean = clean_page(raster(page, ColourKind::colour, 150));
  CHECK(clean.dpi >= 200);
  CHECK(clean.archival.cols >= page.cols * 200 / 150 - 2);
  CHECK(clean.archival.rows >= page.rows * 200 / 150 - 2);
  check_consistent(clean);
  CHECK_FALSE(clean.blank);

  cv::Mat bitonal;
  cv::threshold(grey_of(page), bitonal, 140, 255, cv::THRESH_BINARY);
  const CleanPage clean_bitonal = clean_page(raster(bitonal, ColourKind::bitonal, 100));
  CHECK(clean_bitonal.dpi >= 200);
  CHECK(only_black_and_white(clean_bitonal.archival));
  check_consistent(clean_bitonal);
}

TEST_CASE("degenerate images do not crash") {
  const std::vector<cv::Size> sizes = {{1, 1}, {2, 3}, {1, 5000}, {5000, 1}, {7, 4000}, {64, 64}};
  for (const cv::Size size : sizes) {
    for (const ColourKind kind : {ColourKind::colour, ColourKind::grey, ColourKind::bitonal}) {
      const int type = kind == ColourKind::colour ? CV_8UC3 : CV_8UC1;
      for (const double value : {0.0, 255.0}) {
        const cv::Mat pixels(size, type, cv::Scalar::all(value));
        const CleanPage clean = clean_page(raster(pixels, kind));
        CHECK(!clean.archival.empty());
        check_consistent(clean);
      }
    }
  }
  // All black and all white A4 pages, and one of random noise.
  const CleanPage black =
      clean_page(raster(cv::Mat(3508, 2480, CV_8UC3, cv::Scalar::all(0)), ColourKind::colour));
  check_consistent(black);
  const CleanPage white =
      clean_page(raster(cv::Mat(3508, 2480, CV_8UC1, cv::Scalar::all(255)), ColourKind::grey));
  CHECK(white.blank);
  check_consistent(white);
  cv::Mat noise(900, 700, CV_8UC3);
  cv::randu(noise, 0, 256);
  check_consistent(clean_page(raster(noise, ColourKind::colour)));
  // A tiny scan at a very low resolution is enlarged, not refused.
  const CleanPage tiny =
      clean_page(raster(cv::Mat(2, 2, CV_8UC1, cv::Scalar(0)), ColourKind::grey, 10));
  CHECK(tiny.archival.size() == cv::Size(40, 40));
  CHECK(tiny.dpi == 200);
}

TEST_CASE("unusable images are refused with an imaging error") {
  const auto code_of = [](const RasterPage& page) {
    try {
      clean_page(page);
    } catch (const Error& e) {
      CHECK(e.stage() == Stage::imaging);
      CHECK(e.file() == "synthetic.png");
      return e.code();
    }
    return std::string("none");
  };
  CHECK(code_of(raster(cv::Mat(), ColourKind::colour)) == "empty_image");
  CHECK(code_of(raster(cv::Mat(10, 10, CV_16UC1, cv::Scalar(0)), ColourKind::grey)) ==
        "unsupported_pixel_type");
  CHECK(code_of(raster(cv::Mat(10, 10, CV_8UC4, cv::Scalar(0)), ColourKind::colour)) ==
        "unsupported_pixel_type");
  CHECK(code_of(raster(cv::Mat(10, 10, CV_8UC1, cv::Scalar(0)), ColourKind::colour)) ==
        "kind_mismatch");
  CHECK(code_of(raster(cv::Mat(10, 10, CV_8UC3, cv::Scalar(0)), ColourKind::bitonal)) ==
        "kind_mismatch");
  CHECK(code_of(raster(cv::Mat(10, 10, CV_8UC1, cv::Scalar(0)), ColourKind::grey, 0)) ==
        "invalid_dpi");
  CHECK(code_of(raster(cv::Mat(4000, 3000, CV_8UC1, cv::Scalar(0)), ColourKind::grey, 20)) ==
        "too_many_pixels");
}

TEST_CASE("time per 300-dpi A4 colour page on one thread (information only)") {
  cv::Mat page = skewed(text_page(), 1.7);
  cv::circle(page, {1600, 2900}, 250, cv::Scalar(45, 40, 205), 14, cv::LINE_AA);
  add_noise(page, 4, 5);
  const int threads = cv::getNumThreads();
  cv::setNumThreads(1);
  std::vector<double> wall;
  std::vector<double> cpu;
  CleanPage clean;
  for (int run = 0; run < 3; ++run) {
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    clean = clean_page(raster(page, ColourKind::colour));
    cpu.push_back(1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
    wall.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  cv::setNumThreads(threads);
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  // CPU time is what the page costs; wall time also counts other processes' load.
  MESSAGE("clean_page, 2480x3508 colour, one thread: CPU median " << cpu[1] << " ms, wall median "
                                                                  << wall[1] << " ms");
  CHECK(std::abs(clean.skew_deg - 1.7) < 0.2);
  check_consistent(clean);
}

TEST_CASE("a skewed bitonal scan on a dark scanner bed is deskewed from its text") {
  // The dark bed's straight edges lie at 0 degrees and outweigh the text lines
  // unless the skew search ignores what touches the image edge.
  cv::Mat grey = grey_of(skewed(test::text_page(30), -2.0));
  cv::Mat bitonal;
  cv::threshold(grey, bitonal, 128, 255, cv::THRESH_BINARY);
  bitonal(cv::Rect(bitonal.cols - 120, 0, 120, bitonal.rows)).setTo(cv::Scalar(0));
  bitonal(cv::Rect(0, bitonal.rows - 150, bitonal.cols, 150)).setTo(cv::Scalar(0));
  const CleanPage page = imaging::clean_page(test::raster(bitonal, ColourKind::bitonal));
  CHECK(page.kind == ColourKind::bitonal);
  CHECK(page.skew_deg == doctest::Approx(-2.0).epsilon(0.1));
}
