#include "sohoa/pipeline/document.hpp"
#include "pipeline/read_page.hpp"
#include <doctest/doctest.h>

using namespace sohoa;

namespace {

PageText page_of(const std::vector<OcrWord>& words) {
  PageText page;
  page.lines.push_back({});
  page.lines[0].words = words;
  return page;
}

} // namespace

TEST_CASE("a page read a quarter turn off upright is told by its tall words") {
  // "Nơi nhận:", "Như Điều 4;" read off a signature page turned by 90 degrees.
  const PageText sideways = page_of({{"Nơi", Box{3109, 308, 39, 83}, 0.95f},
                                     {"nhận:", Box{3099, 406, 50, 131}, 0.95f},
                                     {"Như", Box{3038, 340, 37, 88}, 0.95f},
                                     {"Điều", Box{3038, 441, 38, 93}, 0.95f},
                                     {"4;", Box{3031, 550, 41, 34}, 0.95f}});
  CHECK(pipeline::reads_sideways(sideways));
  const PageText upright = page_of({{"Nơi", Box{317, 2148, 72, 34}, 0.95f},
                                    {"nhận:", Box{404, 2147, 110, 44}, 0.95f},
                                    {"Như", Box{345, 2209, 74, 31}, 0.95f},
                                    {"Điều", Box{434, 2207, 80, 33}, 0.95f},
                                    {"I", Box{600, 2207, 10, 33}, 0.95f}});
  CHECK_FALSE(pipeline::reads_sideways(upright));
  CHECK_FALSE(pipeline::reads_sideways(PageText{})); // nothing read: no verdict
  // A few short words are no evidence either way.
  CHECK_FALSE(pipeline::reads_sideways(page_of({{"Ký", Box{0, 0, 20, 40}, 0.9f}})));
}
