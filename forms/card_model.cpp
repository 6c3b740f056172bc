#include "sohoa/forms/card_model.hpp"

#include "text_fold.hpp"

#include <algorithm>
#include <vector>

namespace sohoa::forms {
namespace {

// A line as matching sees it: folded, punctuation made spaces, spaces collapsed.
std::string folded_line(const OcrLine& line) {
  std::string joined;
  for (const auto& w : line.words) {
    joined += w.text;
    joined += ' ';
  }
  std::string out;
  for (const char c : fold(joined)) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

bool has(const std::string& line, const char* phrase) {
  return line.find(phrase) != std::string::npos;
}

bool any_line(const std::vector<std::string>& lines, const char* phrase) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& l) { return has(l, phrase); });
}

int count_cues(const std::vector<std::string>& lines, const std::vector<const char*>& cues) {
  return static_cast<int>(std::count_if(cues.begin(), cues.end(),
                                        [&](const char* cue) { return any_line(lines, cue); }));
}

// The title of the 2024 card stands alone on its line: "CĂN CƯỚC", not followed
// by "CÔNG DÂN".
bool new_title(const std::vector<std::string>& lines) {
  return std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
    return l == "can cuoc" || l == "identity card" || has(l, "so dinh danh ca nhan") ||
           has(l, "personal identification number") || has(l, "chu dem va ten khai sinh");
  });
}

bool old_title(const std::vector<std::string>& lines) {
  return any_line(lines, "can cuoc cong dan") || any_line(lines, "citizen identity card");
}

// The machine readable zone of a chip card's back: "IDVNM" then digits.
bool has_mrz(const std::vector<std::string>& lines) {
  return std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
    return l.rfind("idvnm", 0) == 0 || has(l, " idvnm");
  });
}

CardModel front_model(const std::vector<std::string>& lines) {
  if (new_title(lines)) {
    return CardModel::can_cuoc_2024;
  }
  // The expiry's label: one line on the chip card, two on the 2016 card.
  const bool one_line_expiry = std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
    return has(l, "co gia tri den") && has(l, "date of expiry");
  });
  if (one_line_expiry) {
    return CardModel::cccd_chip_2021;
  }
  if (any_line(lines, "co gia tri den") || any_line(lines, "date of expiry") || old_title(lines)) {
    return CardModel::cccd_2016;
  }
  return CardModel::unknown;
}

CardModel back_model(const std::vector<std::string>& lines) {
  if (any_line(lines, "noi dang ky khai sinh") || any_line(lines, "place of birth")) {
    return CardModel::can_cuoc_2024;
  }
  if (has_mrz(lines)) {
    return CardModel::cccd_chip_2021;
  }
  if (any_line(lines, "dac diem nhan dang") || any_line(lines, "ngon tro")) {
    return CardModel::cccd_2016;
  }
  return CardModel::unknown;
}

} // namespace

CardIdentity identify_card(const PageText& text) {
  std::vector<std::string> lines;
  for (const auto& line : text.lines) {
    lines.push_back(folded_line(line));
  }
  static const std::vector<const char*> front_cues = {
      "ho va ten",  "full name",          "ngay sinh",     "date of birth",   "gioi tinh",
      "quoc tich",  "nationality",        "que quan",      "place of origin", "thuong tru",
      "noi cu tru", "place of residence", "date of expiry"};
  static const std::vector<const char*> back_cues = {
      "dac diem nhan dang", "ngon tro",   "index finger",  "cuc truong",
      "canh sat",           "ngay cap",   "date of issue", "noi dang ky khai sinh",
      "place of birth",     "bo cong an", "idvnm"};
  CardIdentity id;
  const int front = count_cues(lines, front_cues) + (old_title(lines) || new_title(lines) ? 2 : 0);
  const int back = count_cues(lines, back_cues);
  if (front == 0 && back == 0) {
    return id;
  }
  id.side = front >= back ? CardSide::front : CardSide::back;
  id.cues = std::max(front, back);
  id.model = id.side == CardSide::front ? front_model(lines) : back_model(lines);
  return id;
}

std::string to_string(CardModel model) {
  switch (model) {
  case CardModel::cccd_2016:
    return "2016";
  case CardModel::cccd_chip_2021:
    return "2021";
  case CardModel::can_cuoc_2024:
    return "2024";
  case CardModel::unknown:
    break;
  }
  return "unknown";
}

std::string to_string(CardSide side) {
  switch (side) {
  case CardSide::front:
    return "front";
  case CardSide::back:
    return "back";
  case CardSide::unknown:
    break;
  }
  return "unknown";
}

} // namespace sohoa::forms
