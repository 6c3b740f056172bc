// Card model and side from a reading: on the lines the generator prints on its
// 2016, 2021 chip and 2024 card fronts, with and without their tone marks (what a
// poor reading keeps), and on the backs' printed cues.
#include "sohoa/forms/card_model.hpp"
#include "support/generated_card.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

using namespace sohoa;
using namespace sohoa::forms;

namespace {

PageText reading_of(const std::vector<std::string>& lines) {
  PageText text;
  for (const auto& line : lines) {
    OcrLine l;
    std::size_t start = 0;
    while (start < line.size()) {
      const std::size_t end = std::min(line.find(' ', start), line.size());
      if (end > start) {
        l.words.push_back({line.substr(start, end - start), {}, 0.9F});
      }
      start = end + 1;
    }
    text.lines.push_back(l);
  }
  return text;
}

// Tone marks and the letters' hats dropped, as OCR of small print often does.
std::string unaccented(const std::string& s) {
  static const std::vector<std::pair<std::string, std::string>> marks = {
      {"Ă", "A"}, {"Ư", "U"}, {"Ớ", "O"}, {"Ô", "O"}, {"Â", "A"}, {"ư", "u"}, {"ớ", "o"},
      {"ố", "o"}, {"ọ", "o"}, {"à", "a"}, {"á", "a"}, {"ị", "i"}, {"ế", "e"}, {"ơ", "o"},
      {"ê", "e"}, {"đ", "d"}, {"Đ", "D"}, {"ố", "o"}, {"ú", "u"}, {"ũ", "u"}, {"ư", "u"}};
  std::string out = s;
  for (const auto& [from, to] : marks) {
    for (std::size_t at = out.find(from); at != std::string::npos; at = out.find(from, at)) {
      out.replace(at, from.size(), to);
    }
  }
  return out;
}

CardModel model_for(const std::string& face) {
  if (face == "card_2024") {
    return CardModel::can_cuoc_2024;
  }
  return face == "card_chip_2021" ? CardModel::cccd_chip_2021 : CardModel::cccd_2016;
}

} // namespace

TEST_CASE("identify_card tells the generated card fronts' models apart") {
  std::set<std::string> faces;
  for (std::uint64_t seed = 1; seed <= 16; ++seed) {
    const auto card = test::generated_card(seed, seed % 3 != 0);
    faces.insert(card.face);
    const auto& lines = card.doc.pages.front().lines;
    INFO("seed " << seed << ", " << card.face);
    const CardIdentity id = identify_card(reading_of(lines));
    CHECK(id.side == CardSide::front);
    CHECK(id.model == model_for(card.face));
    CHECK(id.cues >= 6);
    std::vector<std::string> plain;
    for (const auto& line : lines) {
      plain.push_back(unaccented(line));
    }
    CHECK(identify_card(reading_of(plain)).model == model_for(card.face));
  }
  CHECK(faces.size() == 3); // each face was tried
}

TEST_CASE("identify_card reads the backs' cues") {
  const CardIdentity chip = identify_card(
      reading_of({"Đặc điểm nhận dạng / Personal identification: Nốt ruồi C:1cm trên sau mép trái",
                  "Ngày, tháng, năm / Date, month, year: 12/05/2021",
                  "CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI",
                  "IDVNM0790123456079012345678<<1", "9005120M3005124VNM<<<<<<<<<<<8",
                  "NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<"}));
  CHECK(chip.side == CardSide::back);
  CHECK(chip.model == CardModel::cccd_chip_2021);
  const CardIdentity old = identify_card(reading_of(
      {"Đặc điểm nhận dạng: Sẹo chấm C:2cm trên đầu lông mày phải", "Ngày 12 tháng 05 năm 2018",
       "CỤC TRƯỞNG CỤC CẢNH SÁT ĐKQL CƯ TRÚ VÀ DLQG VỀ DÂN CƯ", "Ngón trỏ trái", "Ngón trỏ phải"}));
  CHECK(old.side == CardSide::back);
  CHECK(old.model == CardModel::cccd_2016);
  const CardIdentity new_back = identify_card(reading_of(
      {"Nơi cư trú / Place of residence: 12 Lê Lợi, Bến Nghé, Quận 1, TP Hồ Chí Minh",
       "Nơi đăng ký khai sinh / Place of birth: Thành phố Hồ Chí Minh",
       "Ngày cấp / Date of issue: 01/07/2024", "BỘ CÔNG AN", "IDVNM0790123456079012345678<<1"}));
  CHECK(new_back.side == CardSide::back);
  CHECK(new_back.model == CardModel::can_cuoc_2024);
}

TEST_CASE("identify_card finds no card in a form's reading") {
  const CardIdentity none =
      identify_card(reading_of({"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỜ KHAI ĐĂNG KÝ KHAI SINH",
                                "Kính gửi: UBND phường"}));
  CHECK(none.model == CardModel::unknown);
  CHECK(none.cues <= 1);
  CHECK(to_string(CardModel::can_cuoc_2024) == "2024");
  CHECK(to_string(CardSide::back) == "back");
}
