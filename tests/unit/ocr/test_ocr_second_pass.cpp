#include "ocr/missed_text.hpp"
#include "ocr/second_pass.hpp"
#include "render.hpp"
#include <doctest/doctest.h>

using namespace sohoa;

namespace {

const test::CairoCacheRelease k_cairo_cache_release;

OcrWord word_of(const test::RenderedWord& w) {
  return OcrWord{w.text, w.box, 0.95f};
}

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

TEST_CASE("leader dots read as letters become dots; words, dashes and leaders stay") {
  PageText page;
  OcrLine line;
  line.words = {{"Thiên", Box{100, 100, 120, 40}, 0.95f},
                {"Huế", Box{240, 100, 90, 40}, 0.95f},
                {"2221122122122", Box{340, 136, 315, 4}, 0.18f}, // dots on the baseline
                {"PL", Box{660, 136, 945, 4}, 0.87f},
                {"-", Box{1620, 120, 14, 5}, 0.93f}, // a dash is flat by nature
                {"......", Box{1640, 136, 100, 4}, 0.9f},
                {"Nam", Box{1760, 100, 80, 40}, 0.95f}};
  page.lines.push_back(line);
  OcrLine text_line; // most of a page is text: it sets the text height
  for (int i = 0; i < 6; ++i) {
    text_line.words.push_back({"chữ", Box{100 + 120 * i, 200, 90, 40}, 0.95f});
  }
  page.lines.push_back(text_line);
  ocr::dots_for_flat_words(page);
  const auto& words = page.lines[0].words;
  CHECK(words[0].text == "Thiên");
  CHECK(words[1].text == "Huế");
  CHECK(words[2].text.find_first_not_of('.') == std::string::npos);
  CHECK(words[2].text.size() >= 3);
  CHECK(words[3].text.find_first_not_of('.') == std::string::npos);
  CHECK(words[3].text.size() > words[2].text.size()); // wider leader, more dots
  CHECK(words[4].text == "-");
  CHECK(words[5].text == "......");
  CHECK(words[6].text == "Nam");
}

TEST_CASE("junk read over a dotted leader is dropped; words beside it stay") {
  PageText page;
  OcrLine line;
  line.words = {{"22/05/2026", Box{788, 1469, 228, 34}, 0.58f},
                {std::string(100, '.'), Box{1038, 1499, 1231, 3}, 0.0f},
                {"2252122321", Box{1507, 1461, 119, 57}, 0.0f}, // over the dots
                {"81111118112", Box{1891, 1461, 291, 57}, 0.15f},
                {"Nam", Box{2300, 1469, 80, 34}, 0.1f}}; // unsure, past the dots
  page.lines.push_back(line);
  ocr::drop_leader_echoes(page);
  const auto& words = page.lines[0].words;
  REQUIRE(words.size() == 3);
  CHECK(words[0].text == "22/05/2026");
  CHECK(words[1].text.front() == '.');
  CHECK(words[2].text == "Nam");
}
