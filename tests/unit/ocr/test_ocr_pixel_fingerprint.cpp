#include "ocr/pixel_fingerprint.hpp"
#include <doctest/doctest.h>

using namespace sohoa;

TEST_CASE("the fingerprint follows the pixels, not the buffer") {
  cv::Mat page(300, 203, CV_8UC1, cv::Scalar(255));
  page(cv::Rect(20, 30, 50, 10)).setTo(0);
  const std::uint64_t first = ocr::pixel_fingerprint(page);
  CHECK(ocr::pixel_fingerprint(page.clone()) == first);
  // A view into a wider image with the same pixels (rows not contiguous).
  cv::Mat wide(300, 260, CV_8UC1, cv::Scalar(7));
  page.copyTo(wide(cv::Rect(0, 0, 203, 300)));
  CHECK(ocr::pixel_fingerprint(wide(cv::Rect(0, 0, 203, 300))) == first);

  cv::Mat changed = page.clone();
  changed.at<unsigned char>(299, 202) = 254; // the last byte, past the 8-byte words
  CHECK(ocr::pixel_fingerprint(changed) != first);
  cv::Mat turned;
  cv::transpose(page, turned);
  CHECK(ocr::pixel_fingerprint(turned) != first);
  CHECK(ocr::pixel_fingerprint(page.reshape(1, 203)) != first);
  cv::Mat colour(300, 203, CV_8UC3, cv::Scalar::all(255));
  CHECK(ocr::pixel_fingerprint(colour) !=
        ocr::pixel_fingerprint(cv::Mat(300, 203, CV_8UC1, cv::Scalar(255))));
}
