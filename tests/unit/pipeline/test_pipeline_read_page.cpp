// The page-reading policy's decisions, on scripted readings: which orientation is
// trusted, when OSD is asked, which turned readings are tried and which one is kept.
#include "pipeline/read_page.hpp"
#include <doctest/doctest.h>

#include <map>
#include <opencv2/core.hpp>
#include <vector>

using namespace sohoa;
using sohoa::pipeline::PageReader;
using sohoa::pipeline::read_page;

namespace {

// Three words lying flat (wider than tall), or standing (a page read sideways).
PageText reading(float confidence, bool sideways = false) {
  PageText text;
  text.confidence = confidence;
  text.lines.push_back({});
  for (const char* word : {"Họ tên", "Ngày sinh", "Quê quán"}) {
    text.lines[0].words.push_back(
        {word, sideways ? Box{0, 0, 30, 120} : Box{0, 0, 120, 30}, confidence});
  }
  return text;
}

// Answers by the page's rotation (what the policy has turned it to) and records
// every question asked, in order.
class ScriptedReader final : public PageReader {
public:
  std::map<int, PageText> text_at;             // rotation -> its reading
  std::map<int, ocr::OrientationGuess> osd_at; // rotation -> OSD's answer
  std::vector<int> reads;                      // rotations read
  std::vector<int> osd_asked;                  // rotations OSD was asked about

  PageText recognize(const CleanPage& page) override {
    reads.push_back(page.rotation);
    return text_at.at(page.rotation);
  }
  std::optional<ocr::OrientationGuess> detect_orientation(const CleanPage& page) override {
    osd_asked.push_back(page.rotation);
    const auto found = osd_at.find(page.rotation);
    if (found == osd_at.end()) {
      return std::nullopt;
    }
    return found->second;
  }
};

CleanPage small_page() {
  CleanPage page;
  page.archival = cv::Mat(20, 40, CV_8UC1, cv::Scalar(255));
  page.ocr_image = page.archival.clone();
  page.dpi = 300;
  return page;
}

} // namespace

TEST_CASE("a settled orientation and a good reading: one read, no OSD, no turn") {
  ScriptedReader reader;
  reader.text_at[0] = reading(0.92F);
  CleanPage page = small_page();
  const PageText text = read_page(page, true, reader);
  CHECK(text.confidence == doctest::Approx(0.92));
  CHECK(page.rotation == 0);
  CHECK(reader.reads == std::vector<int>{0});
  CHECK(reader.osd_asked.empty());
}

TEST_CASE(
    "an unsettled orientation asks OSD only after a poor reading, and follows a sure answer") {
  SUBCASE("a confident upright reading: no OSD, one read") {
    ScriptedReader reader;
    reader.osd_at[0] = {90, 3.0F};
    reader.text_at[0] = reading(0.9F);
    CleanPage page = small_page();
    read_page(page, false, reader);
    CHECK(page.rotation == 0);
    CHECK(reader.reads == std::vector<int>{0});
    CHECK(reader.osd_asked.empty());
  }
  SUBCASE("a poor reading and a sure answer: the page is turned and its reading kept") {
    ScriptedReader reader;
    reader.osd_at[0] = {90, 3.0F};
    reader.text_at[0] = reading(0.4F);
    reader.text_at[90] = reading(0.9F);
    CleanPage page = small_page();
    const PageText text = read_page(page, false, reader);
    CHECK(page.rotation == 90);
    CHECK(text.confidence == doctest::Approx(0.9));
    CHECK(reader.reads == std::vector<int>{0, 90});
    CHECK(reader.osd_asked == std::vector<int>{0});
    CHECK(page.archival.size() == cv::Size(20, 40)); // the pixels turned with it
  }
  SUBCASE("a poor reading and a guess (under 2): the turn is tried, the better reading kept") {
    ScriptedReader reader;
    reader.osd_at[0] = {90, 1.5F};
    reader.text_at[0] = reading(0.4F);
    reader.text_at[90] = reading(0.3F);
    reader.text_at[180] = reading(0.42F); // within the half turn's margin: not kept
    reader.text_at[270] = reading(0.38F); // garbage at 0.4: the other quarter is read too
    CleanPage page = small_page();
    read_page(page, false, reader);
    CHECK(page.rotation == 0);
    CHECK(reader.reads == std::vector<int>{0, 90, 180, 270});
    CHECK(reader.osd_asked == std::vector<int>{0}); // asked once, remembered
  }
}

TEST_CASE("a sideways reading is read again a quarter turned and the flat one kept") {
  ScriptedReader reader;
  reader.text_at[0] = reading(0.9F, true);
  reader.text_at[90] = reading(0.88F);
  CleanPage page = small_page();
  const PageText text = read_page(page, true, reader);
  CHECK(page.rotation == 90);
  CHECK(text.confidence == doctest::Approx(0.88));
  // The second quarter turn starts from the kept page: back at 0, already read
  // (sideways), refused without reading it again.
  CHECK(reader.reads == std::vector<int>{0, 90});
  CHECK(reader.osd_asked.empty()); // 0.88 is no poor reading
}

TEST_CASE("a poor reading asks OSD and keeps the turned reading only when it is better") {
  SUBCASE("OSD's half turn reads better: kept, and no second half turn") {
    ScriptedReader reader;
    reader.text_at[0] = reading(0.4F);
    reader.osd_at[0] = {180, 0.8F}; // weak, but worth a try on a poor reading
    reader.text_at[180] = reading(0.85F);
    CleanPage page = small_page();
    read_page(page, true, reader);
    CHECK(page.rotation == 180);
    CHECK(reader.reads == std::vector<int>{0, 180});
    CHECK(reader.osd_asked == std::vector<int>{0});
  }
  SUBCASE("OSD's quarter turn reads worse: refused, then the half turn decides") {
    ScriptedReader reader;
    reader.text_at[0] = reading(0.5F);
    reader.osd_at[0] = {90, 4.0F};
    reader.text_at[90] = reading(0.3F);
    reader.text_at[180] = reading(0.8F);
    CleanPage page = small_page();
    read_page(page, true, reader);
    CHECK(page.rotation == 180);
    CHECK(reader.reads == std::vector<int>{0, 90, 180});
  }
  SUBCASE("OSD too unsure to try (under 0.5): only the half turn is read") {
    ScriptedReader reader;
    reader.text_at[0] = reading(0.5F);
    reader.osd_at[0] = {90, 0.3F};
    reader.text_at[180] = reading(0.9F);
    CleanPage page = small_page();
    read_page(page, true, reader);
    CHECK(page.rotation == 180);
    CHECK(reader.reads == std::vector<int>{0, 180});
  }
}

TEST_CASE("a half-turned reading must win by more than a wobble to be kept") {
  ScriptedReader reader;
  reader.text_at[0] = reading(0.50F);
  SUBCASE("by 0.03: the page stays") {
    reader.text_at[180] = reading(0.53F);
    CleanPage page = small_page();
    const PageText text = read_page(page, true, reader);
    CHECK(page.rotation == 0);
    CHECK(text.confidence == doctest::Approx(0.50));
  }
  SUBCASE("by 0.1: the page is turned") {
    reader.text_at[180] = reading(0.60F);
    CleanPage page = small_page();
    const PageText text = read_page(page, true, reader);
    CHECK(page.rotation == 180);
    CHECK(text.confidence == doctest::Approx(0.60));
  }
}

TEST_CASE("a sideways page whose quarter turn reads poorly reaches upright by the half turn") {
  // Turned 270 on the scan: read at 90 it is upside down (poor), at 270 upright.
  ScriptedReader reader;
  reader.text_at[0] = reading(0.9F, true);
  reader.text_at[90] = reading(0.45F);
  reader.text_at[270] = reading(0.91F);
  CleanPage page = small_page();
  const PageText text = read_page(page, true, reader);
  CHECK(page.rotation == 270);
  CHECK(text.confidence == doctest::Approx(0.91));
  CHECK(reader.reads == std::vector<int>{0, 90, 270}); // 0 is not read twice
}

TEST_CASE("OSD is asked once per orientation: a poor reading after an unsure one reuses it") {
  ScriptedReader reader;
  reader.osd_at[0] = {0, 4.0F}; // upright, sure: nothing to turn
  reader.text_at[0] = reading(0.5F);
  reader.text_at[180] = reading(0.52F); // within the wobble: not kept
  CleanPage page = small_page();
  const PageText text = read_page(page, false, reader);
  CHECK(page.rotation == 0);
  CHECK(text.confidence == doctest::Approx(0.5));
  CHECK(reader.osd_asked == std::vector<int>{0});
  CHECK(reader.reads == std::vector<int>{0, 180});
}

TEST_CASE("a garbage reading is read at the quarter turns too, the better one kept") {
  // A dark shading's profile turned the page a quarter wrongly; OSD has no answer
  // and the half turn reads no better.
  ScriptedReader reader;
  reader.text_at[0] = reading(0.3F);
  reader.text_at[180] = reading(0.32F);
  reader.text_at[90] = reading(0.33F); // within the margin: not kept
  reader.text_at[270] = reading(0.7F);
  CleanPage page = small_page();
  const PageText text = read_page(page, true, reader);
  CHECK(page.rotation == 270);
  CHECK(text.confidence == doctest::Approx(0.7));
  CHECK(reader.reads == std::vector<int>{0, 180, 90, 270});

  // A poor reading that is no garbage is not turned a quarter.
  ScriptedReader poor;
  poor.text_at[0] = reading(0.5F);
  poor.text_at[180] = reading(0.4F);
  CleanPage other = small_page();
  read_page(other, true, poor);
  CHECK(other.rotation == 0);
  CHECK(poor.reads == std::vector<int>{0, 180});
}
