#include "ocr/missed_text.hpp"
#include "render.hpp"
#include <doctest/doctest.h>

using namespace sohoa;

namespace {

const test::CairoCacheRelease k_cairo_cache_release;

OcrWord word_of(const test::RenderedWord& w) { return OcrWord{w.text, w.box, 0.95f}; }

// A page where OCR returned the words of `read` and nothing of `dropped`.
struct Scene {
  cv::Mat image;
  PageText page;
  test::RenderedLine dropped;
};

Scene scene_with_dropped_part(const std::string& dropped_text) {
  test::PageRenderer renderer(2480, 700);
  Scene s;
  const auto first = renderer.draw_line(200, 200, "1. Họ và tên: Nguyễn Hoàng Lộc");
  const auto second = renderer.draw_line(200, 300, "3. Ngày, tháng, năm sinh: 29/04/1992");
  s.dropped = renderer.draw_line(first.box.right() + 120, 200, dropped_text);
  s.image = renderer.bitonal();
  s.page.width = s.image.cols;
  s.page.height = s.image.rows;
  for (const auto* line : {&first, &second}) {
    OcrLine l;
    l.box = line->box;
    for (const auto& w : line->words) {
      l.words.push_back(word_of(w));
    }
    s.page.lines.push_back(l);
  }
  return s;
}

bool covers(const Box& outer, const Box& inner) {
  return inner.x >= outer.x && inner.right() <= outer.right() && inner.y >= outer.y - 2 &&
         inner.bottom() <= outer.bottom() + 2;
}

} // namespace

TEST_CASE("ink no word covers is found as one region per line piece") {
  const Scene s = scene_with_dropped_part("2. Giới tính: Nam");
  const auto regions = ocr::missed_text_regions(s.image, s.page);
  REQUIRE(regions.size() == 1);
  // The whole dropped piece, and nothing of the words already read.
  CHECK(regions[0].x <= s.dropped.box.x + 2);
  CHECK(regions[0].right() >= s.dropped.box.right() - 2);
  CHECK(regions[0].x > s.page.lines[0].box.right());
}

TEST_CASE("dotted leaders, specks and a fully read page give no region") {
  Scene leader = scene_with_dropped_part(std::string(40, '.'));
  CHECK(ocr::missed_text_regions(leader.image, leader.page).empty());
  Scene read = scene_with_dropped_part("2. Giới tính: Nam");
  OcrLine dropped_line;
  for (const auto& w : read.dropped.words) {
    dropped_line.words.push_back(word_of(w));
  }
  read.page.lines.push_back(dropped_line);
  CHECK(ocr::missed_text_regions(read.image, read.page).empty());
  PageText nothing_read;
  CHECK(ocr::missed_text_regions(read.image, nothing_read).empty());
}

TEST_CASE("recovered words join the line they sit on, in x order, or make a new line") {
  Scene s = scene_with_dropped_part("2. Giới tính: Nam");
  std::vector<OcrWord> words;
  for (const auto& w : s.dropped.words) {
    words.push_back(word_of(w));
  }
  ocr::merge_recovered_words(s.page, words);
  REQUIRE(s.page.lines.size() == 2);
  const auto& first = s.page.lines[0].words;
  REQUIRE(first.size() == 11);
  CHECK(first[6].text == "Lộc");
  CHECK(first[7].text == "2.");
  CHECK(first.back().text == "Nam");
  CHECK(covers(s.page.lines[0].box, s.dropped.box));

  OcrWord below{"Ký", Box{300, 600, 60, 40}, 0.9f};
  ocr::merge_recovered_words(s.page, {below});
  REQUIRE(s.page.lines.size() == 3);
  CHECK(s.page.lines[2].words.front().text == "Ký");
  OcrWord above{"Mẫu", Box{2000, 20, 90, 40}, 0.9f};
  ocr::merge_recovered_words(s.page, {above});
  REQUIRE(s.page.lines.size() == 4);
  CHECK(s.page.lines[0].words.front().text == "Mẫu");
}
