#include "sohoa/core/error.hpp"
#include "sohoa/ocr/alto.hpp"
#include <cmath>
#include <doctest/doctest.h>

using namespace sohoa;

namespace {

OcrWord word(std::string text, Box box, float confidence) {
  return {std::move(text), box, confidence};
}

// Two pages: a two-column header (two blocks), a block with two paragraphs.
std::vector<PageText> sample_pages() {
  PageText p1;
  p1.width = 2480;
  p1.height = 3508;
  p1.lines.push_back(
      {{180, 200, 900, 60},
       248,
       0,
       0,
       {word("ỦY", {180, 200, 90, 60}, 0.961f), word("BAN", {290, 200, 120, 60}, 0.93456f)}});
  p1.lines.push_back(
      {{1300, 200, 1000, 60},
       250,
       1,
       1,
       {word("CỘNG", {1300, 200, 200, 60}, 0.9f), word("HÒA", {1520, 200, 160, 60}, 0.871f)}});
  p1.lines.push_back(
      {{180, 400, 2000, 60},
       449,
       2,
       2,
       {word("Họ,", {180, 400, 110, 60}, 0.5f), word("tên:", {300, 400, 120, 62}, 0.25f),
        word("Nguyễn", {440, 398, 260, 64}, 0.999f)}});
  p1.lines.push_back({{180, 480, 1500, 60}, 530, 2, 2, {word("Văn", {180, 480, 140, 60}, 1.0f)}});
  p1.lines.push_back({{180, 600, 1500, 60}, 651, 2, 3, {word("An", {180, 600, 90, 60}, 0.0f)}});
  p1.confidence = 0.7654f;
  PageText p2;
  p2.width = 1000;
  p2.height = 1400;
  p2.lines.push_back({{10, 20, 300, 40}, 55, 0, 0, {word("trang", {10, 20, 300, 40}, 0.8f)}});
  p2.confidence = 0.8f;
  return {p1, p2};
}

float rounded(float c) {
  return std::round(c * 1000.0f) / 1000.0f;
}

void check_same(const std::vector<PageText>& a, const std::vector<PageText>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t p = 0; p < a.size(); ++p) {
    CHECK(a[p].width == b[p].width);
    CHECK(a[p].height == b[p].height);
    CHECK(a[p].confidence == doctest::Approx(rounded(b[p].confidence)).epsilon(1e-6));
    REQUIRE(a[p].lines.size() == b[p].lines.size());
    for (std::size_t l = 0; l < a[p].lines.size(); ++l) {
      const OcrLine& x = a[p].lines[l];
      const OcrLine& y = b[p].lines[l];
      CHECK(x.box == y.box);
      CHECK(x.baseline == y.baseline);
      CHECK(x.block == y.block);
      CHECK(x.paragraph == y.paragraph);
      REQUIRE(x.words.size() == y.words.size());
      for (std::size_t w = 0; w < x.words.size(); ++w) {
        CHECK(x.words[w].text == y.words[w].text);
        CHECK(x.words[w].box == y.words[w].box);
        CHECK(x.words[w].confidence ==
              doctest::Approx(rounded(y.words[w].confidence)).epsilon(1e-6));
      }
    }
  }
}

void check_bad_alto(const std::string& xml) {
  try {
    ocr::from_alto(xml);
    FAIL("accepted: " << xml);
  } catch (const Error& e) {
    CHECK(e.stage() == Stage::ocr);
    CHECK(e.code() == "bad_alto");
  }
}

const std::string k_head = R"(<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page WIDTH="100" HEIGHT="100">
<PrintSpace><TextBlock ID="b"><TextLine HPOS="0" VPOS="0" WIDTH="50" HEIGHT="10">)";
const std::string k_tail = "</TextLine></TextBlock></PrintSpace></Page></Layout></alto>";

} // namespace

TEST_CASE("ALTO round trip keeps words, boxes, lines, blocks and paragraphs") {
  const auto pages = sample_pages();
  const std::string xml = ocr::to_alto(pages, {"scan p1.tif", "0.1.0", {300, 200}});
  check_same(ocr::from_alto(xml), pages);
  // What an archive reader relies on.
  CHECK(xml.find("xmlns=\"http://www.loc.gov/standards/alto/ns-v4#\"") != std::string::npos);
  CHECK(xml.find("<MeasurementUnit>pixel</MeasurementUnit>") != std::string::npos);
  CHECK(xml.find("<fileName>scan p1.tif</fileName>") != std::string::npos);
  CHECK(xml.find("<softwareName>sohoa</softwareName>") != std::string::npos);
  CHECK(xml.find("<softwareVersion>0.1.0</softwareVersion>") != std::string::npos);
  CHECK(xml.find("CONTENT=\"Nguyễn\"") != std::string::npos);
  CHECK(xml.find("WC=\"0.935\"") != std::string::npos);
  CHECK(xml.find("BASELINE=\"449\"") != std::string::npos);
  CHECK(xml.find("<SP ") != std::string::npos);
  CHECK(xml.find("page dpi: 300,200") != std::string::npos);
  // Same input, same bytes: outputs are compared across runs.
  CHECK(ocr::to_alto(pages, {"scan p1.tif", "0.1.0", {300, 200}}) == xml);
  CHECK(ocr::from_alto(xml)[0].plain_text() == pages[0].plain_text());
}

TEST_CASE("ALTO keeps a word's second reading as its ALTERNATIVE") {
  auto pages = sample_pages();
  pages[0].lines[0].words[0].other_reading = "Nguyen";
  const std::string xml = ocr::to_alto(pages, {"scan p1.tif", "0.1.0", {300, 200}});
  CHECK(xml.find("<ALTERNATIVE PURPOSE=\"second-reading\">Nguyen</ALTERNATIVE>") !=
        std::string::npos);
  const auto back = ocr::from_alto(xml);
  CHECK(back[0].lines[0].words[0].other_reading == "Nguyen");
  CHECK_FALSE(back[0].lines[0].words[0].readings_agree());
  CHECK_FALSE(back[0].lines[0].words[1].read_twice());
}

TEST_CASE("ALTO escapes XML special characters and reads them back") {
  PageText page;
  page.width = 800;
  page.height = 200;
  page.lines.push_back(
      {{0, 0, 800, 50},
       45,
       0,
       0,
       {word("A&B", {0, 0, 100, 50}, 0.9f), word("<b>", {110, 0, 80, 50}, 0.9f),
        word("\"quoted\"", {200, 0, 150, 50}, 0.9f), word("it's", {360, 0, 80, 50}, 0.9f),
        word("x>y", {450, 0, 80, 50}, 0.9f), word("&amp;", {540, 0, 120, 50}, 0.9f)}});
  page.confidence = 0.9f;
  const std::string xml = ocr::to_alto({page}, {"a&b <c>.tif", "1 \"q\"", {300}});
  CHECK(xml.find("CONTENT=\"A&amp;B\"") != std::string::npos);
  CHECK(xml.find("CONTENT=\"&lt;b&gt;\"") != std::string::npos);
  CHECK(xml.find("CONTENT=\"&quot;quoted&quot;\"") != std::string::npos);
  CHECK(xml.find("CONTENT=\"&amp;amp;\"") != std::string::npos);
  CHECK(xml.find("<b>") == std::string::npos);
  check_same(ocr::from_alto(xml), {page});
}

TEST_CASE("control characters are dropped instead of breaking the XML") {
  PageText page;
  page.width = 100;
  page.height = 100;
  page.lines.push_back(
      {{0, 0, 50, 10}, 10, 0, 0, {word(std::string("a\x01") + "b", {0, 0, 50, 10}, 1)}});
  const auto back = ocr::from_alto(ocr::to_alto({page}, {}));
  REQUIRE(back.size() == 1);
  REQUIRE(back[0].word_count() == 1);
  CHECK(back[0].lines[0].words[0].text == "ab");
}

TEST_CASE("an empty page and an empty document round trip") {
  PageText empty;
  empty.width = 2480;
  empty.height = 3508;
  const auto back = ocr::from_alto(ocr::to_alto({empty}, {}));
  REQUIRE(back.size() == 1);
  CHECK(back[0].lines.empty());
  CHECK(back[0].width == 2480);
  CHECK(back[0].confidence == 0.0f);
  CHECK(ocr::from_alto(ocr::to_alto({}, {})).empty());
}

TEST_CASE("ALTO from other tools: float coordinates, foreign IDs, point baselines") {
  const std::string xml = R"(<?xml version="1.0"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page WIDTH="200.4" HEIGHT="100">
<PrintSpace>
<TextBlock ID="block_1"><TextLine HPOS="10.6" VPOS="5" WIDTH="80" HEIGHT="20" BASELINE="10,24 90,26">
<String CONTENT="Xin" HPOS="10" VPOS="5" WIDTH="30" HEIGHT="20" WC="0.5"/><SP/>
<String CONTENT="chào" HPOS="50" VPOS="5" WIDTH="40" HEIGHT="20"/></TextLine></TextBlock>
<ComposedBlock><TextBlock ID="block_2"><TextLine HPOS="10" VPOS="50" WIDTH="80" HEIGHT="20">
<String CONTENT="bạn" HPOS="10" VPOS="50" WIDTH="30" HEIGHT="20" WC="1"/></TextLine></TextBlock>
</ComposedBlock></PrintSpace></Page></Layout></alto>)";
  const auto pages = ocr::from_alto(xml);
  REQUIRE(pages.size() == 1);
  const PageText& p = pages[0];
  CHECK(p.width == 200);
  REQUIRE(p.lines.size() == 2);
  CHECK(p.lines[0].box == Box{11, 5, 80, 20});
  CHECK(p.lines[0].baseline == 25);
  CHECK(p.lines[1].baseline == 70); // none given: the box bottom
  CHECK(p.lines[0].block == 0);
  CHECK(p.lines[1].block == 1);
  CHECK(p.lines[1].paragraph == 1);
  CHECK(p.plain_text() == "Xin chào\n\nbạn");
  CHECK(p.confidence == doctest::Approx(0.5)); // no PC: the mean of WC (missing WC = 0)
}

TEST_CASE("malformed ALTO is refused with bad_alto") {
  check_bad_alto("");
  check_bad_alto("not xml at all");
  check_bad_alto("<alto><Layout><Page>");                    // truncated
  check_bad_alto("<root><Layout/></root>");                  // not ALTO
  check_bad_alto("<alto><Description/></alto>");             // no Layout
  check_bad_alto(k_head + R"(<String HPOS="1"/>)" + k_tail); // no CONTENT
  check_bad_alto(k_head + R"(<String CONTENT="a" HPOS="abc"/>)" + k_tail);
  check_bad_alto(k_head + R"(<String CONTENT="a" WIDTH="-5"/>)" + k_tail);
  check_bad_alto(k_head + R"(<String CONTENT="a" WC="1.5"/>)" + k_tail);
  check_bad_alto(k_head + R"(<String CONTENT="a" HPOS="1e300"/>)" + k_tail);
  check_bad_alto(k_head + R"(<String CONTENT="a & b"/>)" + k_tail); // raw ampersand
  check_bad_alto(R"(<?xml version="1.0"?><!DOCTYPE alto [<!ENTITY e "x">]><alto><Layout/></alto>)");
  // The well-formed control: the same frame with a valid String parses.
  CHECK(ocr::from_alto(k_head + R"(<String CONTENT="a"/>)" + k_tail).at(0).word_count() == 1);
}
