#pragma once
// Which model and side of a Vietnamese identity card a reading shows, from what
// each model prints: its title, its labels, where the expiry stands, the machine
// readable zone of the chip cards' back.
//   2016 Căn cước công dân: expiry label in two lines ("Có giá trị đến:" over
//        "Date of expiry"); back: fingerprints, "Đặc điểm nhận dạng", no MRZ.
//   2021 Căn cước công dân with chip: "Có giá trị đến / Date of expiry" on one
//        line; back: "Đặc điểm nhận dạng" and an MRZ ("IDVNM...").
//   2024 Căn cước (Luật Căn cước 2023): title "CĂN CƯỚC / IDENTITY CARD", "Số định
//        danh cá nhân", "Nơi cư trú"; back: "Nơi đăng ký khai sinh", MRZ.
#include "sohoa/core/ocr_types.hpp"

#include <string>

namespace sohoa::forms {

enum class CardModel { unknown, cccd_2016, cccd_chip_2021, can_cuoc_2024 };
enum class CardSide { unknown, front, back };

struct CardIdentity {
  CardModel model = CardModel::unknown;
  CardSide side = CardSide::unknown;
  int cues = 0; // printed cues found for the side: more is surer
};

CardIdentity identify_card(const PageText& text);

// "2016", "2021", "2024" or "unknown"; "front", "back" or "unknown".
std::string to_string(CardModel model);
std::string to_string(CardSide side);

} // namespace sohoa::forms
