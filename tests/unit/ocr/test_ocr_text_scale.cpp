#include "ocr/text_scale.hpp"
#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>

using namespace sohoa;

namespace {

// A white page with rows of glyph-like black boxes of the given height.
cv::Mat page_with_glyphs(int glyph_height, int count) {
  cv::Mat page(1200, 1600, CV_8UC1, cv::Scalar(255));
  int x = 20;
  int y = 20;
  for (int i = 0; i < count; ++i) {
    cv::rectangle(page, cv::Rect(x, y, std::max(2, glyph_height * 2 / 3), glyph_height),
                  cv::Scalar(0), cv::FILLED);
    x += glyph_height + 6;
    if (x > 1500) {
      x = 20;
      y += glyph_height * 2;
    }
  }
  return page;
}

} // namespace

TEST_CASE("median glyph height measures the print size") {
  CHECK(ocr::median_glyph_height(page_with_glyphs(12, 200)) == doctest::Approx(12));
  CHECK(ocr::median_glyph_height(page_with_glyphs(30, 200)) == doctest::Approx(30));
  // Too few glyphs say nothing.
  CHECK(ocr::median_glyph_height(page_with_glyphs(12, 10)) == 0);
  CHECK(ocr::median_glyph_height(cv::Mat()) == 0);
}

TEST_CASE("small print is enlarged, normal print is not") {
  CHECK(ocr::upscale_factor_for(0) == 1);
  CHECK(ocr::upscale_factor_for(25) == 1);
  CHECK(ocr::upscale_factor_for(14) == 2);
  CHECK(ocr::upscale_factor_for(8) == 3);
}

TEST_CASE("boxes found on an enlarged image come back to page pixels") {
  PageText page;
  OcrLine line;
  line.box = {200, 300, 400, 60};
  line.baseline = 354;
  line.words.push_back({"Số", {200, 300, 100, 60}, 0.9F});
  page.lines.push_back(line);
  ocr::scale_down(page, 2, 800, 600);
  CHECK(page.width == 800);
  CHECK(page.lines[0].box == Box{100, 150, 200, 30});
  CHECK(page.lines[0].baseline == 177);
  CHECK(page.lines[0].words[0].box == Box{100, 150, 50, 30});
}

TEST_CASE("the inked part of a page of small print, with a margin, inside the page") {
  cv::Mat page(1000, 800, CV_8UC1, cv::Scalar(255));
  page(cv::Rect(300, 400, 120, 60)).setTo(0);
  CHECK(ocr::ink_area(page, 20) == cv::Rect(280, 380, 160, 100));
  page(cv::Rect(790, 990, 10, 10)).setTo(0);
  CHECK(ocr::ink_area(page, 20) == cv::Rect(280, 380, 520, 620));
  const cv::Mat blank(100, 200, CV_8UC1, cv::Scalar(255));
  CHECK(ocr::ink_area(blank, 20) == cv::Rect(0, 0, 200, 100));
}

TEST_CASE("words read on a crop are moved to page pixels") {
  PageText page;
  OcrLine line;
  line.box = {10, 20, 100, 30};
  line.baseline = 45;
  line.words.push_back(OcrWord{"Nam", {12, 22, 40, 26}, 0.9f});
  page.lines.push_back(line);
  ocr::move_to_page(page, cv::Point(300, 400), 2480, 3508);
  CHECK(page.width == 2480);
  CHECK(page.height == 3508);
  CHECK(page.lines[0].box == Box{310, 420, 100, 30});
  CHECK(page.lines[0].baseline == 445);
  CHECK(page.lines[0].words[0].box == Box{312, 422, 40, 26});
}
