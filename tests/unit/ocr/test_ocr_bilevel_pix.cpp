#include "ocr/bilevel_pix.hpp"
#include <doctest/doctest.h>

using namespace sohoa;

TEST_CASE("a two-level page becomes a 1-bit Pix with ink set, at its resolution") {
  cv::Mat page(40, 70, CV_8UC1, cv::Scalar(255));
  page(cv::Rect(3, 5, 33, 2)).setTo(0); // crosses a 32-pixel word boundary
  page.at<unsigned char>(39, 69) = 0;
  REQUIRE(ocr::is_two_level(page));
  const ocr::PixPtr pix = ocr::two_level_pix(page, 300);
  REQUIRE(pix);
  CHECK(pixGetDepth(pix.get()) == 1);
  CHECK(pixGetWidth(pix.get()) == 70);
  CHECK(pixGetHeight(pix.get()) == 40);
  CHECK(pixGetXRes(pix.get()) == 300);
  int mismatches = 0;
  for (int y = 0; y < page.rows; ++y) {
    for (int x = 0; x < page.cols; ++x) {
      l_uint32 bit = 0;
      pixGetPixel(pix.get(), x, y, &bit);
      mismatches += (bit == 1) != (page.at<unsigned char>(y, x) == 0) ? 1 : 0;
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("grey levels and colour are not two-level") {
  cv::Mat page(10, 10, CV_8UC1, cv::Scalar(255));
  page.at<unsigned char>(9, 9) = 128;
  CHECK_FALSE(ocr::is_two_level(page));
  CHECK_FALSE(ocr::is_two_level(cv::Mat(10, 10, CV_8UC3, cv::Scalar::all(255))));
  CHECK(ocr::is_two_level(cv::Mat(10, 10, CV_8UC1, cv::Scalar(0))));
}
