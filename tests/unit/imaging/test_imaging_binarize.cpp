#include "imaging/binarize.hpp"
#include "imaging/illumination.hpp"
#include "synthetic_page.hpp"

#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>

using namespace sohoa;
using namespace sohoa::imaging;
using namespace sohoa::imaging::test;

TEST_CASE("flattening and Sauvola read text under uneven light") {
  const cv::Mat page = grey_of(text_page(20));
  const cv::Mat text = page < 128;
  // Light falling off from right to left, down to a third on the far left.
  cv::Mat light(page.size(), CV_32F);
  for (int x = 0; x < page.cols; ++x) {
    light.col(x).setTo(0.35 + 0.65 * x / page.cols);
  }
  cv::Mat lit;
  page.convertTo(lit, CV_32F);
  lit = lit.mul(light);
  lit.convertTo(lit, CV_8U);
  const cv::Mat binary =
      sauvola_binarize(flatten_illumination(lit, 300), {sauvola_window_for_dpi(300)});
  CHECK(binary.type() == CV_8UC1);
  CHECK(ink_share(binary, text) > 0.9);
  CHECK(ink_share(binary, ~text) < 0.01);
  // Left third, the darkest: still text, and the paper there is paper.
  const cv::Rect left(0, 0, page.cols / 3, page.rows);
  CHECK(ink_share(binary(left), text(left)) > 0.9);
  CHECK(ink_share(binary(left), ~text(left)) < 0.01);
}

TEST_CASE("faded text is kept and show-through is not") {
  // Faded typewriting at grey 175 on paper at 240; the mirrored text of the other
  // side shows through at 222.
  cv::Mat page(1200, 2480, CV_8UC1, cv::Scalar(240));
  cv::Mat text(page.size(), CV_8UC1, cv::Scalar(0));
  cv::Mat behind(page.size(), CV_8UC1, cv::Scalar(0));
  for (int i = 0; i < 12; ++i) {
    cv::putText(text, k_lines[static_cast<size_t>(i) % k_lines.size()], {200, 120 + i * 90},
                cv::FONT_HERSHEY_SIMPLEX, 1.35, cv::Scalar(255), 3);
    cv::putText(behind, k_lines[static_cast<size_t>(i + 3) % k_lines.size()], {200, 160 + i * 90},
                cv::FONT_HERSHEY_SIMPLEX, 1.35, cv::Scalar(255), 3);
  }
  cv::flip(behind, behind, 1);
  behind &= ~text;
  page.setTo(222, behind);
  page.setTo(175, text);
  add_noise(page, 4, 17);
  const cv::Mat binary =
      sauvola_binarize(flatten_illumination(page, 300), {sauvola_window_for_dpi(300)});
  MESSAGE("faded text ink share " << ink_share(binary, text) << ", show-through "
                                  << ink_share(binary, behind));
  CHECK(ink_share(binary, text) > 0.8);
  CHECK(ink_share(binary, behind) < 0.05);
  CHECK(ink_share(binary, ~(text | behind)) < 0.01);
}

TEST_CASE("Sauvola output holds only 0 and 255 and handles tiny images") {
  cv::Mat grey(5, 3, CV_8UC1);
  cv::randu(grey, 0, 256);
  const cv::Mat binary = sauvola_binarize(grey, {31, 0.34, 128});
  CHECK(binary.size() == grey.size());
  CHECK(cv::countNonZero((binary != 0) & (binary != 255)) == 0);
  CHECK(sauvola_binarize(cv::Mat(1, 1, CV_8UC1, cv::Scalar(0))).size() == cv::Size(1, 1));
  CHECK(sauvola_window_for_dpi(300) % 2 == 1);
}

TEST_CASE("remove_specks drops small blobs and keeps strokes") {
  cv::Mat binary(100, 100, CV_8UC1, cv::Scalar(255));
  binary.at<uchar>(10, 10) = 0;
  binary(cv::Rect(20, 20, 2, 2)).setTo(0);
  cv::line(binary, {40, 50}, {90, 50}, cv::Scalar(0), 2);
  remove_specks(binary, 4);
  CHECK(binary.at<uchar>(10, 10) == 255);
  CHECK(binary.at<uchar>(20, 20) == 255);
  CHECK(binary.at<uchar>(50, 60) == 0);
}

TEST_CASE("paper colour is the colour of the bright majority") {
  cv::Mat page = text_page(30);
  const cv::Scalar paper = estimate_paper_colour(page);
  CHECK(std::abs(paper[0] - k_paper[0]) < 3);
  CHECK(std::abs(paper[1] - k_paper[1]) < 3);
  CHECK(std::abs(paper[2] - k_paper[2]) < 3);
}
