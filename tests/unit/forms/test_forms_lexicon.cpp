#include "catalog_fixture.hpp"
#include "sohoa/core/error.hpp"
#include "fixture.hpp"
#include "sohoa/forms/lexicon.hpp"
#include <doctest/doctest.h>

using namespace sohoa;
using namespace sohoa::forms;
using namespace sohoa::forms::test;

namespace {

Lexicon small_lexicon() {
  return Lexicon(
      {"hồ", "hổ", "hộ", "sơ", "số", "ngày", "người", "ngươi", "quyết", "định", "tên", "nộp", "bộ"},
      {"hồ sơ", "Quyết định"});
}

std::string corrected(const std::string& text, const Lexicon& lexicon, int* changes = nullptr) {
  PageBuilder b;
  b.text(100, text);
  std::vector<PageText> pages{b.build()};
  const int n = post_correct(pages, lexicon);
  if (changes != nullptr) {
    *changes = n;
  }
  return pages[0].plain_text();
}

} // namespace

TEST_CASE("a tone slip inside a known phrase is corrected") {
  const Lexicon lexicon = small_lexicon();
  int changes = 0;
  CHECK(corrected("nộp bộ hổ sơ", lexicon, &changes) == "nộp bộ hồ sơ");
  CHECK(changes == 1);
  CHECK(corrected("Hổ sơ", lexicon) == "Hồ sơ");
  CHECK(corrected("HỔ SƠ:", lexicon) == "HỒ SƠ:");
  CHECK(corrected("(hổ sơ)", lexicon) == "(hồ sơ)");
}

TEST_CASE("real words are left alone outside a known phrase") {
  const Lexicon lexicon = small_lexicon();
  int changes = 0;
  CHECK(corrected("con hổ", lexicon, &changes) == "con hổ");
  CHECK(corrected("hộ tên", lexicon) == "hộ tên");
  CHECK(corrected("hồ sơ", lexicon) == "hồ sơ");
  CHECK(corrected("số 12/QĐ-UBND ngày 05/01/2026", lexicon, &changes) ==
        "số 12/QĐ-UBND ngày 05/01/2026");
  CHECK(changes == 0);
}

TEST_CASE("a non-word with one lexicon word of its folded form is corrected") {
  const Lexicon lexicon = small_lexicon();
  CHECK(corrected("quyêt định", lexicon) == "quyết định");
  CHECK(corrected("QUYÊT ĐỊNH", lexicon) == "QUYẾT ĐỊNH"); // through the phrase
  CHECK(corrected("tén", lexicon) == "tên");
  // "nguời" folds to both "người" and "ngươi": ambiguous, kept.
  CHECK(corrected("nguời", lexicon) == "nguời");
  // A name outside the lexicon with no folded match stays.
  CHECK(corrected("Xuyến", lexicon) == "Xuyến");
}

TEST_CASE("names are not corrected word by word") {
  const Lexicon lexicon({"tạ", "thanh", "mỹ", "ông"}, {});
  CHECK(corrected("ông Tạ Thanh My", lexicon) == "ông Tạ Thanh My");
  CHECK(corrected("TẠ THANH MY", lexicon) == "TẠ THANH MY");
  CHECK(corrected("ông my", lexicon) == "ông mỹ");
}

TEST_CASE("boxes and confidences are not touched") {
  const Lexicon lexicon = small_lexicon();
  PageBuilder b;
  b.text(100, "hổ sơ", 300, 0.7F);
  std::vector<PageText> pages{b.build()};
  const Box before = pages[0].lines[0].words[0].box;
  post_correct(pages, lexicon);
  CHECK(pages[0].lines[0].words[0].text == "hồ");
  CHECK(pages[0].lines[0].words[0].box == before);
  CHECK(pages[0].lines[0].words[0].confidence == doctest::Approx(0.7F));
}

TEST_CASE("the hunspell dictionary and schema labels make the lexicon") {
  const auto lexicon = Lexicon::load(catalog());
  CHECK(lexicon->size() > 6000);
  CHECK(lexicon->contains("hồ"));
  CHECK(lexicon->contains("tịch"));
  CHECK(corrected("Nộp hổ sơ tại bộ phận một cửa", *lexicon) == "Nộp hồ sơ tại bộ phận một cửa");
  CHECK(corrected("Họ, chữ đệm, tên người yêu cầu:", *lexicon) ==
        "Họ, chữ đệm, tên người yêu cầu:");
  CHECK_THROWS_AS(Lexicon::load(catalog(), "/nonexistent/vi.dic"), sohoa::Error);
}

TEST_CASE("a syllable is known with its tone mark on either vowel and from proper names") {
  const Lexicon lexicon({"hoá", "thuỳ", "khoẻ"}, {}, {"Huế", "Đắk Lắk"});
  CHECK(lexicon.is_syllable("hoá"));
  CHECK(lexicon.is_syllable("hóa")); // the newer placement of the same tone
  CHECK(lexicon.is_syllable("thùy"));
  CHECK(lexicon.is_syllable("khỏe"));
  CHECK_FALSE(lexicon.is_syllable("hòa")); // another tone is another syllable
  CHECK(lexicon.is_syllable("huế"));
  CHECK(lexicon.is_syllable("lắk"));
  CHECK_FALSE(lexicon.is_syllable("vự"));
  // Proper names check syllables only: they correct nothing.
  CHECK_FALSE(lexicon.contains("huế"));
}

TEST_CASE("the loaded lexicon knows the gazetteer's place names") {
  const auto lexicon = Lexicon::load(catalog());
  CHECK(lexicon->is_syllable("huế"));
  CHECK(lexicon->is_syllable("thuột"));
  CHECK(lexicon->is_syllable("hóa"));
}
