#include "card_value_shapes.hpp"

#include "page_rows.hpp"
#include "sohoa/forms/normalize.hpp"
#include "text_fold.hpp"
#include "value_words.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <regex>

namespace sohoa::forms {
namespace {

// Rows looked at for the next field's value: a label row of its own (the name's),
// or a row of noise between, comes before it.
constexpr std::size_t k_max_rows_to_value = 3;
// Rows an origin or residence wraps onto.
constexpr std::size_t k_max_continuation_rows = 2;
// A continuation row's unit word may follow a little noise OCR read off the
// photo's or the card's edge ("| HN Ì- thành phố ...").
constexpr std::size_t k_max_noise_words = 3;
// The value is as sure as its words, at half the weight of a matched label.
constexpr float k_shape_label_score = 0.5F;

// The fields this walk finds; it runs only when the labels gave fewer than this many.
constexpr std::array<const char*, 6> k_walked_fields = {
    "full_name", "date_of_birth", "gender", "nationality", "place_of_origin", "place_of_residence"};
constexpr int k_max_fields_found_by_label = 4;

// Words an address starts with, capitalized: a house number, a hamlet, a commune
// or ward, a street (folded).
constexpr std::array<std::string_view, 20> k_address_starts = {
    "so",    "xa",  "phuong", "thi",  "thon", "xom", "ap",  "ban",  "to",  "khu",
    "duong", "pho", "khom",   "lang", "khoi", "ngo", "hem", "kiet", "doi", "cum"};
// Unit words a wrapped address continues with, in lower case (folded).
constexpr std::array<std::string_view, 7> k_unit_words = {"thanh", "tinh",   "huyen", "quan",
                                                          "thi",   "phuong", "xa"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& words, const std::string& folded) {
  return std::find(words.begin(), words.end(), folded) != words.end();
}

// A value's words from one row.
struct Value : ValueWords {
  void add(const OcrLine& row, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to && i < row.words.size(); ++i) {
      ValueWords::add(row.words[i]);
    }
    ++rows;
  }

  RawField raw(int page) const { return card_order_field(page, k_shape_label_score); }
};

std::string row_text(const OcrLine& row) {
  std::string s;
  for (const auto& w : row.words) {
    s += s.empty() ? "" : " ";
    s += w.text;
  }
  return s;
}

bool holds_card_number(const OcrLine& row) {
  return normalize_id_digits(row_text(row)).size() == 12;
}

bool letters_only(const std::string& folded) {
  return !folded.empty() &&
         std::all_of(folded.begin(), folded.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// The run of capitalized name words that ends the row, when it has two or more.
std::optional<std::size_t> name_start(const OcrLine& row) {
  std::size_t start = row.words.size();
  while (start > 0) {
    const OcrWord& w = row.words[start - 1];
    if (!letters_only(fold_alnum(w.text)) || !is_upper_case_text(w.text)) {
      break;
    }
    --start;
  }
  // A lone capital before the name is a mark read off the photo's edge ("Z HUỲNH
  // THỦ LOAN").
  while (row.words.size() - start > 2 && fold_alnum(row.words[start].text).size() == 1) {
    ++start;
  }
  if (row.words.size() - start < 2) {
    return std::nullopt;
  }
  return start;
}

// The last day, month and year of the row, digits of the words that hold it.
struct DateAt {
  std::string text; // dd/mm/yyyy
  std::size_t first = 0;
  std::size_t last = 0;
};

std::optional<DateAt> date_in(const OcrLine& row) {
  static const std::regex date(R"((\d{1,2})\D{0,2}?(\d{1,2})\D{0,2}?(\d{4}))");
  std::optional<DateAt> found;
  for (std::size_t first = 0; first < row.words.size(); ++first) {
    std::string joined;
    for (std::size_t last = first; last < row.words.size() && last < first + 3; ++last) {
      joined += fix_digit_slips(row.words[last].text);
      std::smatch m;
      if (!std::regex_search(joined, m, date) || m.position(0) != 0) {
        continue;
      }
      const int day = std::stoi(m[1]);
      const int month = std::stoi(m[2]);
      const int year = std::stoi(m[3]);
      if (day < 1 || day > 31 || month < 1 || month > 12 || year < 1900 || year > 2100) {
        continue;
      }
      const auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
      found = DateAt{two(day) + "/" + two(month) + "/" + m[3].str(), first, last};
      break;
    }
  }
  return found;
}

// Index of the first word of an address in the row: a capitalized address word
// with more of the value after it.
std::optional<std::size_t> address_start(const OcrLine& row) {
  for (std::size_t i = 0; i + 1 < row.words.size(); ++i) {
    const std::string& text = row.words[i].text;
    if (starts_upper(text) && one_of(k_address_starts, fold_alnum(text))) {
      return i;
    }
  }
  return std::nullopt;
}

// Index of the lower-case unit word that continues a wrapped address, after at
// most a little edge noise.
std::optional<std::size_t> continuation_start(const OcrLine& row) {
  for (std::size_t i = 0; i < row.words.size() && i <= k_max_noise_words; ++i) {
    const std::string& text = row.words[i].text;
    const std::string folded = fold_alnum(text);
    if (one_of(k_unit_words, folded)) {
      return starts_upper(text) ? std::nullopt : std::optional<std::size_t>(i);
    }
    if (one_of(k_address_starts, folded) && starts_upper(text)) {
      return std::nullopt; // the next field's value
    }
  }
  return std::nullopt;
}

class ShapeWalk {
public:
  ShapeWalk(const std::vector<OcrLine>& rows, RawFields& found) : m_rows(rows), m_found(found) {}

  void run() {
    std::size_t r = 0;
    while (r < m_rows.size() && !holds_card_number(m_rows[r])) {
      ++r;
    }
    if (r == m_rows.size()) {
      return;
    }
    m_number = normalize_id_digits(row_text(m_rows[r]));
    std::size_t at = r;
    if (const auto name = find_name(at)) {
      at = *name;
    }
    if (const auto birth = find_birth(at)) {
      at = *birth;
    }
    if (const auto sex = find_sex_and_nationality(at)) {
      at = *sex;
    }
    if (const auto origin = find_address("place_of_origin", at)) {
      at = *origin;
    }
    find_address("place_of_residence", at);
  }

private:
  void put(const char* id, const Value& value) {
    if (m_found.count(id) == 0 && value.words > 0) {
      m_found[id] = value.raw(1);
    }
  }

  // Each finder returns the row the value ended on.
  std::optional<std::size_t> find_name(std::size_t after) {
    for (std::size_t r = after + 1; r < m_rows.size() && r <= after + k_max_rows_to_value; ++r) {
      if (const auto start = name_start(m_rows[r])) {
        Value v;
        v.add(m_rows[r], *start, m_rows[r].words.size());
        put("full_name", v);
        return r;
      }
    }
    return std::nullopt;
  }

  std::optional<std::size_t> find_birth(std::size_t after) {
    for (std::size_t r = after + 1; r < m_rows.size() && r <= after + k_max_rows_to_value; ++r) {
      if (const auto date = date_in(m_rows[r])) {
        // The number's fifth and sixth digits are the birth year's last two: a
        // date that disagrees is misread, and is left to the review.
        if (date->text.compare(8, 2, m_number, 4, 2) == 0) {
          Value v;
          v.add(m_rows[r], date->first, date->last + 1);
          v.text = date->text;
          put("date_of_birth", v);
        }
        return r;
      }
    }
    return std::nullopt;
  }

  std::optional<std::size_t> find_sex_and_nationality(std::size_t after) {
    for (std::size_t r = after + 1; r < m_rows.size() && r <= after + k_max_rows_to_value; ++r) {
      const OcrLine& row = m_rows[r];
      std::optional<std::size_t> sex;
      std::optional<std::size_t> viet;
      for (std::size_t i = 0; i < row.words.size(); ++i) {
        const std::string folded = fold_alnum(row.words[i].text);
        const bool after_viet = i > 0 && fold_alnum(row.words[i - 1].text) == "viet";
        if (!sex && !after_viet && (folded == "nam" || folded == "nu")) {
          sex = i;
        }
        if (!viet && folded == "viet" && i + 1 < row.words.size() &&
            fold_alnum(row.words[i + 1].text) == "nam") {
          viet = i;
        }
      }
      if (!sex && !viet) {
        continue;
      }
      // The number's fourth digit is even for a man, odd for a woman.
      const bool man = (m_number[3] - '0') % 2 == 0;
      if (sex && (fold_alnum(row.words[*sex].text) == "nam") == man) {
        Value v;
        v.add(row, *sex, *sex + 1);
        put("gender", v);
      }
      if (viet) {
        Value v;
        v.add(row, *viet, *viet + 2);
        put("nationality", v);
      }
      return r;
    }
    return std::nullopt;
  }

  std::optional<std::size_t> find_address(const char* id, std::size_t after) {
    for (std::size_t r = after + 1; r < m_rows.size() && r <= after + k_max_rows_to_value; ++r) {
      const auto start = address_start(m_rows[r]);
      if (!start) {
        continue;
      }
      Value v;
      v.add(m_rows[r], *start, m_rows[r].words.size());
      std::size_t last = r;
      for (std::size_t k = 0; k < k_max_continuation_rows && last + 1 < m_rows.size(); ++k) {
        const auto more = continuation_start(m_rows[last + 1]);
        if (!more) {
          break;
        }
        ++last;
        v.add(m_rows[last], *more, m_rows[last].words.size());
      }
      put(id, v);
      return last;
    }
    return std::nullopt;
  }

  const std::vector<OcrLine>& m_rows;
  RawFields& m_found;
  std::string m_number; // the card's 12 digits
};

} // namespace

void find_card_fields_by_value_shape(const FormType& type, const std::vector<PageText>& pages,
                                     RawFields& found) {
  if (type.cues.shape != "card" || pages.empty()) {
    return;
  }
  // Labels read well enough to find most fields: a field still missing is missing
  // for a reason of its own (left blank, cut off), not for its label's print.
  const int by_label =
      static_cast<int>(std::count_if(k_walked_fields.begin(), k_walked_fields.end(),
                                     [&](const char* id) { return found.count(id) != 0; }));
  if (by_label >= k_max_fields_found_by_label) {
    return;
  }
  const std::vector<OcrLine> rows = page_rows(pages.front());
  ShapeWalk(rows, found).run();
}

} // namespace sohoa::forms
