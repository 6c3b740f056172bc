// Speck removal sized from the stroke width: a copy of a copy's thick strokes and
// toner specks lose the specks, thin type keeps the dots of its letters.
#include "imaging/ocr_image.hpp"
#include "imaging/stroke_width.hpp"

#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>

using namespace sohoa::imaging;

namespace {

// White page with horizontal bars `width` pixels thick (0 = ink).
cv::Mat bars(int width) {
  cv::Mat page(600, 800, CV_8UC1, cv::Scalar(255));
  for (int y = 50; y < 550; y += 60) {
    cv::rectangle(page, cv::Rect(40, y, 700, width), cv::Scalar(0), cv::FILLED);
  }
  return page;
}

int ink_blobs_in(const cv::Mat& binary, const cv::Rect& where) {
  cv::Mat labels;
  return cv::connectedComponents(binary(where) == 0, labels, 8) - 1;
}

} // namespace

TEST_CASE("typical_stroke_width measures the width of long strokes") {
  CHECK(typical_stroke_width(bars(4)) == doctest::Approx(4).epsilon(0.15));
  CHECK(typical_stroke_width(bars(10)) == doctest::Approx(10).epsilon(0.15));
  CHECK(typical_stroke_width(cv::Mat(50, 50, CV_8UC1, cv::Scalar(255))) == 0);
  CHECK(typical_stroke_width(cv::Mat()) == 0);
}

TEST_CASE("the speck limit follows the strokes and stays under a toner speck's size") {
  const int thin = speck_area_for_strokes(4, 300);
  const int thick = speck_area_for_strokes(9, 300);
  CHECK(thin < 16 * 0.8); // a 4-px dot of thin type survives
  CHECK(thick > thin);
  CHECK(thick < 81 * 0.8);                      // and a 9-px dot of thick type
  CHECK(speck_area_for_strokes(40, 300) <= 18); // a 0.4 mm speck at most
}

TEST_CASE("a thick-stroked page loses its toner specks, keeps its stroke-sized dots") {
  cv::Mat grey = bars(9);
  // Dots of letters (a stroke square) in one band, specks (5 px across) in another:
  // more than a 3x3 median removes.
  for (int x = 60; x < 700; x += 60) {
    cv::rectangle(grey, cv::Rect(x, 20, 8, 8), cv::Scalar(0), cv::FILLED);
    cv::circle(grey, cv::Point(x + 25, 580), 2, cv::Scalar(60), cv::FILLED);
  }
  cv::Mat page;
  cv::cvtColor(grey, page, cv::COLOR_GRAY2BGR);
  const cv::Mat ocr = make_ocr_image(page, sohoa::ColourKind::colour, 300, false);
  CHECK(ink_blobs_in(ocr, cv::Rect(0, 10, 800, 30)) == 11); // every dot
  CHECK(ink_blobs_in(ocr, cv::Rect(0, 570, 800, 20)) == 0); // no speck
}
