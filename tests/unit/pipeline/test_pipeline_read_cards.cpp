// A card on a page read again from its normalized image: the better reading of
// the card is kept, its boxes brought back onto the card's place on the page,
// the page's other lines untouched.
#include "pipeline/read_cards.hpp"
#include "sohoa/imaging/card.hpp"

#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>

using namespace sohoa;
using sohoa::pipeline::PageReader;
using sohoa::pipeline::reread_cards;

namespace {

constexpr double k_dpi = 300;
constexpr double k_px = k_dpi / 25.4;
const cv::Point k_card_origin(static_cast<int>(40 * k_px), static_cast<int>(30 * k_px));

// A white A4 sheet carrying one tinted, bordered card with text on it.
CleanPage sheet_with_card() {
  CleanPage page;
  page.archival = cv::Mat(3508, 2480, CV_8UC3, cv::Scalar::all(255));
  const cv::Rect card(k_card_origin, cv::Size(static_cast<int>(imaging::k_card_width_mm * k_px),
                                              static_cast<int>(imaging::k_card_height_mm * k_px)));
  page.archival(card).setTo(cv::Scalar(236, 240, 232));
  cv::rectangle(page.archival, card, cv::Scalar(140, 140, 140), 3);
  for (int i = 0; i < 8; ++i) {
    cv::putText(page.archival, "Ho va ten / Full name: NGUYEN VAN A",
                k_card_origin + cv::Point(300, 260 + i * 40), cv::FONT_HERSHEY_SIMPLEX, 0.8,
                cv::Scalar(30, 30, 30), 2, cv::LINE_AA);
  }
  cv::cvtColor(page.archival, page.ocr_image, cv::COLOR_BGR2GRAY);
  page.dpi = k_dpi;
  return page;
}

OcrLine line_of(const std::vector<std::string>& words, Box first, float confidence) {
  OcrLine line;
  for (const auto& w : words) {
    line.words.push_back({w, first, confidence});
    first.x += first.w + 10;
  }
  for (const auto& w : line.words) {
    line.box = unite(line.box, w.box);
  }
  line.baseline = line.box.bottom();
  return line;
}

PageText text_of(std::vector<OcrLine> lines) {
  PageText t;
  t.lines = std::move(lines);
  double sum = 0;
  int n = 0;
  for (const auto& l : t.lines) {
    for (const auto& w : l.words) {
      sum += w.confidence;
      ++n;
    }
  }
  t.confidence = n == 0 ? 0.0F : static_cast<float>(sum / n);
  return t;
}

// The card's own reading, in the pixels of the normalized card image (600 dpi,
// a 2 mm margin): the field column right of the photo.
PageText card_reading(float confidence) {
  const int x = static_cast<int>((2 + 26) * 600 / 25.4);
  const int y = static_cast<int>((2 + 26) * 600 / 25.4);
  return text_of({line_of({"Họ", "và", "tên", "/", "Full", "name:"}, {x, y, 60, 40}, confidence),
                  line_of({"Ngày", "sinh", "/", "Date", "of", "birth:", "01/02/1990"},
                          {x, y + 80, 60, 40}, confidence),
                  line_of({"Quốc", "tịch", "/", "Nationality:", "Việt", "Nam"},
                          {x, y + 160, 60, 40}, confidence)});
}

class CardReader final : public PageReader {
public:
  PageText card;
  int card_reads = 0;
  PageText recognize(const CleanPage& page) override {
    ++card_reads;
    CHECK(page.dpi == imaging::k_normalized_card_dpi);
    return card;
  }
  std::optional<ocr::OrientationGuess> detect_orientation(const CleanPage&) override {
    return std::nullopt;
  }
};

bool on_card(const Box& b) {
  const cv::Rect card(k_card_origin,
                      cv::Size(static_cast<int>(86 * k_px), static_cast<int>(54 * k_px)));
  return card.contains(cv::Point(b.x, b.y)) && card.contains(cv::Point(b.right(), b.bottom()));
}

} // namespace

TEST_CASE("a card read better from its own image replaces the page's reading of it") {
  CleanPage page = sheet_with_card();
  const Box on_card_box{k_card_origin.x + 300, k_card_origin.y + 250, 40, 20};
  PageText text = text_of({line_of({"Ho", "va", "tcn"}, on_card_box, 0.45F),
                           line_of({"Trang", "1"}, {200, 3300, 60, 30}, 0.9F)});
  CardReader reader;
  reader.card = card_reading(0.92F);
  CHECK(reread_cards(page, text, reader) == 1);
  CHECK(reader.card_reads == 1); // confident upright: not read turned
  REQUIRE(text.lines.size() == 4);
  CHECK(text.lines[0].words.front().text == "Họ");
  CHECK(text.lines.back().words.front().text == "Trang"); // the page's own line stays
  for (std::size_t i = 0; i < 3; ++i) {
    for (const auto& w : text.lines[i].words) {
      CHECK(on_card(w.box));
    }
    // 600 dpi boxes come back at the page's 300 dpi.
    CHECK(text.lines[i].words.front().box.h == doctest::Approx(20).epsilon(0.15));
  }
  CHECK(text.confidence > 0.9F);
}

TEST_CASE("the page's reading of a card stays when it reads more of the card") {
  CleanPage page = sheet_with_card();
  const Box on_card_box{k_card_origin.x + 300, k_card_origin.y + 250, 40, 20};
  PageText text =
      text_of({line_of({"CĂN", "CƯỚC", "CÔNG", "DÂN"}, on_card_box, 0.8F),
               line_of({"Họ", "và", "tên", "/", "Full", "name:"},
                       {on_card_box.x, on_card_box.y + 40, 40, 20}, 0.8F),
               line_of({"Ngày", "sinh", "/", "Date", "of", "birth:"},
                       {on_card_box.x, on_card_box.y + 80, 40, 20}, 0.8F),
               line_of({"Giới", "tính", "/", "Sex:", "Nam", "Quốc", "tịch", "/", "Nationality:"},
                       {on_card_box.x, on_card_box.y + 120, 40, 20}, 0.8F)});
  const PageText before = text;
  CardReader reader;
  reader.card = card_reading(0.6F); // fewer labels, and doubtful: read turned too
  CHECK(reread_cards(page, text, reader) == 0);
  CHECK(reader.card_reads == 2);
  CHECK(text.plain_text() == before.plain_text());
}

TEST_CASE("a page without a card is read once") {
  CleanPage page = sheet_with_card();
  page.archival.setTo(cv::Scalar::all(255));
  PageText text = text_of({line_of({"Trang", "1"}, {200, 3300, 60, 30}, 0.9F)});
  CardReader reader;
  CHECK(reread_cards(page, text, reader) == 0);
  CHECK(reader.card_reads == 0);
}

namespace {

// The engine as read_page sees it: the page's pixels give the page's reading,
// a normalized card image the card's own.
class PageAndCardReader final : public PageReader {
public:
  PageText page_text;
  PageText card_text;
  int page_reads = 0;
  int card_reads = 0;
  PageText recognize(const CleanPage& page) override {
    if (page.dpi == imaging::k_normalized_card_dpi) {
      ++card_reads;
      return card_text;
    }
    ++page_reads;
    return page_text;
  }
  std::optional<ocr::OrientationGuess> detect_orientation(const CleanPage&) override {
    return std::nullopt;
  }
};

} // namespace

TEST_CASE("read_page reads the card from the card's own image, not from the page's reading") {
  CleanPage page = sheet_with_card();
  const Box on_card_box{k_card_origin.x + 300, k_card_origin.y + 250, 40, 20};
  PageAndCardReader engine;
  engine.page_text = text_of({line_of({"Ho", "va", "tcn"}, on_card_box, 0.9F),
                              line_of({"Trang", "1"}, {200, 3300, 60, 30}, 0.9F)});
  engine.card_text = card_reading(0.92F);
  const PageText text = pipeline::read_page(page, true, engine);
  CHECK(engine.page_reads == 1);
  CHECK(engine.card_reads == 1);
  REQUIRE(!text.lines.empty());
  CHECK(text.lines[0].words.front().text == "Họ");
}
