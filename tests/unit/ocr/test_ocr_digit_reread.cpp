#include "ocr/digit_reread.hpp"
#include "sohoa/ocr/engine.hpp"
#include "ocr/tessdata.hpp"
#include "render.hpp"
#include <doctest/doctest.h>

using namespace sohoa;

namespace {

const test::CairoCacheRelease k_cairo_cache_release;

OcrWord word(const std::string& text, float confidence) {
  OcrWord w;
  w.text = text;
  w.confidence = confidence;
  return w;
}

std::string all_words(const PageText& page) {
  std::string out;
  for (const auto& line : page.lines) {
    for (const auto& w : line.words) {
      out += w.text + " ";
    }
  }
  return out;
}

} // namespace

TEST_CASE("mostly-digit words get a second look, words with letters do not") {
  CHECK(ocr::wants_digit_reread(word("(89092948462", 0.95f)));       // a misread leading 0
  CHECK(ocr::wants_digit_reread(word("29/04/1992", 0.7f)));          // unsure date
  CHECK(ocr::wants_digit_reread(word("0937.112.777", 0.8f)));        // unsure phone
  CHECK_FALSE(ocr::wants_digit_reread(word("089092948462", 0.97f))); // confident number
  CHECK_FALSE(ocr::wants_digit_reread(word("163,", 0.5f)));          // too few digits
  CHECK_FALSE(ocr::wants_digit_reread(word("Số", 0.3f)));
  CHECK_FALSE(ocr::wants_digit_reread(word("123/QĐ-UBND", 0.5f))); // letters are most of it
}

TEST_CASE("the second reading wins only as a cleaner number that loses no digit") {
  const OcrWord first = word("(89092948462", 0.82f);
  CHECK(ocr::prefer_digit_reading(first, "089092948462", 0.9f));
  CHECK(ocr::prefer_digit_reading(first, "089092948462", 0.79f));      // within the slack
  CHECK_FALSE(ocr::prefer_digit_reading(first, "089092948462", 0.5f)); // too unsure
  CHECK_FALSE(ocr::prefer_digit_reading(first, "8909294846", 0.95f));  // lost a digit
  CHECK_FALSE(ocr::prefer_digit_reading(first, "0890 9294", 0.95f));   // not one number
  CHECK_FALSE(ocr::prefer_digit_reading(word("29/04/1992", 0.7f), "29/04/1992", 0.99f));
}

TEST_CASE("a bold number before a dotted leader reads whole through the engine") {
  test::PageRenderer renderer(2480, 400);
  renderer.set_font(13, false);
  const auto label = renderer.draw_line(300, 200, "9. Số định danh cá nhân của chủ hộ:");
  renderer.set_font(13, true);
  const int value_x = label.box.right() + 30;
  renderer.draw_line(value_x, 200, "036052984442");
  renderer.set_font(13, false);
  renderer.draw_line(value_x + 340, 200, std::string(60, '.'));
  const cv::Mat image = renderer.bitonal();

  ocr::OcrOptions options;
  ocr::OcrEngine engine(options);
  const PageText page = engine.recognize(image, 300);
  MESSAGE("read: " << all_words(page));
  CHECK(all_words(page).find("036052984442") != std::string::npos);
}

TEST_CASE("a word box that ends inside a number grows over the rest of it") {
  // Seen on a generated CT01 form: Tesseract's vie model ended the word
  // "036052984" three digits early and folded "442" into the dotted leader.
  test::PageRenderer renderer(1600, 300);
  renderer.set_font(13, true);
  const auto number = renderer.draw_line(200, 150, "036052984442");
  renderer.set_font(13, false);
  renderer.draw_line(number.box.right() + 12, 150, std::string(40, '.'));
  const cv::Mat image = renderer.bitonal();
  const Box whole = number.words.front().box;

  PageText page;
  page.lines.push_back({});
  OcrWord cut = word("036052984", 0.99f);
  cut.box = whole;
  cut.box.w = whole.w * 9 / 12; // the box as Tesseract gave it
  page.lines[0].words.push_back(cut);

  ocr::DigitRereader rereader(ocr::resolve_tessdata_dir(""));
  REQUIRE(rereader.available());
  CHECK(rereader.reread(image, 300, page) == 1);
  const OcrWord& read = page.lines[0].words[0];
  CHECK(read.text == "036052984442");
  CHECK(read.box.right() >= whole.right() - 2);
  CHECK(read.box.right() <= whole.right() + 12); // not over the leader
}

TEST_CASE("without the English model the step is off, not an error") {
  ocr::DigitRereader rereader("/nonexistent/tessdata");
  CHECK_FALSE(rereader.available());
  PageText page;
  page.lines.push_back({});
  page.lines[0].words.push_back(word("(89092948462", 0.5f));
  const cv::Mat image(100, 400, CV_8UC1, cv::Scalar(255));
  CHECK(rereader.reread(image, 300, page) == 0);
  CHECK(page.lines[0].words[0].text == "(89092948462");
}
