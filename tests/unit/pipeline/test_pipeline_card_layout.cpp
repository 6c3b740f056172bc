// The zones of a card's reading: an expiry row that Tesseract ran on into the
// field column gives the column its word back, in the column's place.
#include "pipeline/card_layout.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace sohoa;

namespace {

constexpr double k_px_per_mm = 300 / 25.4;

int px(double mm) {
  return static_cast<int>(mm * k_px_per_mm);
}

struct Word {
  std::string text;
  double x_mm;
  int y;
  int h;
  float confidence = 0.95F;
};

OcrLine line_of(const std::vector<Word>& words) {
  OcrLine line;
  for (const auto& w : words) {
    const int width = static_cast<int>(w.text.size()) * 11;
    line.words.push_back({w.text, Box{px(w.x_mm), w.y, width, w.h}, w.confidence});
    line.box = unite(line.box, line.words.back().box);
  }
  line.baseline = line.box.bottom();
  return line;
}

std::string text_of(const OcrLine& line) {
  std::string out;
  for (const auto& w : line.words) {
    out += (out.empty() ? "" : " ") + w.text;
  }
  return out;
}

int index_of(const PageText& t, const std::string& word) {
  for (std::size_t i = 0; i < t.lines.size(); ++i) {
    const auto& words = t.lines[i].words;
    if (std::any_of(words.begin(), words.end(), [&](const OcrWord& w) { return w.text == word; })) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

} // namespace

TEST_CASE("an expiry row read first gives the residence's last word back in its place") {
  const cv::Rect card(0, 0, px(85.6), px(54));
  PageText t;
  // Read first: the expiry date, a stray mark off the photo's edge, and the
  // residence's last word, all on one line.
  t.lines.push_back(line_of({{"Có", 5, 552, 18},
                             {"đến:", 9, 552, 18},
                             {"02/04/2020", 12.5, 552, 18},
                             {"\xE2\x80\x94", 22.2, 532, 47, 0.08F},
                             {"Minh", 24, 537, 23}}));
  t.lines.push_back(line_of({{"CĂN", 30, px(10), 28}, {"CƯỚC", 36, px(10), 28}}));
  t.lines.push_back(line_of({{"Quê", 24, px(38), 20}, {"quán:", 28, px(38), 20}}));
  t.lines.push_back(line_of({{"thành", 24, px(41.5), 22}, {"Chí", 50, px(41.5), 22}}));
  t.lines.push_back(line_of({{"Nơi", 24, px(49), 20}, {"trú:", 28, px(49), 20}}));
  pipeline::order_card_zones(t, card);
  const int minh = index_of(t, "Minh");
  REQUIRE(minh >= 0);
  CHECK(text_of(t.lines[minh]) == "Minh");
  CHECK(index_of(t, "Chí") < minh);
  CHECK(minh < index_of(t, "Nơi"));
  CHECK(index_of(t, "02/04/2020") != minh);
}

TEST_CASE("an expiry row with nothing of the column stays whole") {
  const cv::Rect card(0, 0, px(85.6), px(54));
  PageText t;
  t.lines.push_back(line_of({{"Quê", 24, px(38), 20}, {"quán:", 28, px(38), 20}}));
  t.lines.push_back(
      line_of({{"Có", 5, 552, 18}, {"đến:", 9, 552, 18}, {"02/04/2020", 12.5, 552, 18}}));
  pipeline::order_card_zones(t, card);
  REQUIRE(t.lines.size() == 2);
  CHECK(text_of(t.lines[index_of(t, "Có")]) == "Có đến: 02/04/2020");
}

TEST_CASE("a part split off beside a field row follows that row") {
  const cv::Rect card(0, 0, px(85.6), px(54));
  PageText t;
  // The residence label's row, its tall label boxes reaching below the value
  // beside it; the value's words came on the expiry's line.
  t.lines.push_back(line_of({{"Quê", 24, px(38), 20}, {"quán:", 28, px(38), 20}}));
  t.lines.push_back(line_of({{"Nơi", 24, px(47), 46}, {"trú:", 28, px(47), 46}}));
  t.lines.push_back(line_of({{"Có", 5, px(47.3), 18},
                             {"02/04/2020", 9, px(47.3), 18},
                             {"thôn", 24.5, px(47.2), 21},
                             {"Hạ,", 29, px(47.2), 21}}));
  t.lines.push_back(line_of({{"Hải", 24, px(51), 20}, {"Hậu", 28, px(51), 20}}));
  pipeline::order_card_zones(t, card);
  const int value = index_of(t, "thôn");
  REQUIRE(value >= 0);
  CHECK(text_of(t.lines[value]) == "thôn Hạ,");
  CHECK(index_of(t, "Nơi") + 1 == value);
  CHECK(value < index_of(t, "Hải"));
}
