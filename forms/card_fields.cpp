#include "card_fields.hpp"

#include "fuzzy.hpp"
#include "label_matcher.hpp"
#include "page_rows.hpp"
#include "schema_regex.hpp"
#include "sohoa/core/ocr_line_metrics.hpp"
#include "sohoa/forms/normalize.hpp"
#include "text_fold.hpp"
#include "value_words.hpp"

#include <algorithm>
#include <array>

namespace sohoa::forms {
namespace {

// Label halves shorter than this ("Số", "No.", "Sex") match too much when matched
// loosely; the other half of the label stands for them.
constexpr std::size_t k_min_cue_letters = 6;
// A label half this similar (1 - edit distance / length) is the field's label
// wherever it stands after the fields before it.
constexpr double k_label_similarity = 0.7;
// The next field in order takes a looser match when the row's label ends in a
// colon: the label is there, only misread.
constexpr double k_next_label_similarity = 0.5;
// Labels start a row: a hit further in than this many words is value text.
constexpr int k_max_label_start_word = 8;
// Continuation rows of an origin or residence: the card wraps them once or twice.
constexpr int k_max_continuation_rows = 2;

struct Cue {
  std::string folded;     // one half of a printed label, fold_alnum
  bool vietnamese = true; // the first half; the English half follows it
  int rest_words = 0;     // words of the English half printed after it
};

struct Slot {
  const FieldSpec* field = nullptr;
  std::vector<Cue> cues;
};

struct Hit {
  std::size_t slot = 0;
  int first = 0; // label words [first, last] of the row
  int last = 0;
  int value_from = 0; // first word after the label
  double score = 0;
};

std::vector<std::string> halves(const std::string& label) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= label.size()) {
    const std::size_t slash = label.find('/', start);
    out.push_back(
        label.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) {
      break;
    }
    start = slash + 1;
  }
  return out;
}

// The fields of a card front in the order every model prints them.
constexpr std::array<const char*, 8> k_printed_order = {
    "id_number",   "full_name",       "date_of_birth",      "gender",
    "nationality", "place_of_origin", "place_of_residence", "expiry_date"};

std::vector<Slot> slots_of(const FormType& type) {
  std::vector<Slot> slots;
  for (const char* id : k_printed_order) {
    const FieldSpec* spec = type.field(id);
    if (spec == nullptr) {
      continue;
    }
    const FieldSpec& field = *spec;
    Slot slot{&field, {}};
    for (const std::string& label : field.labels) {
      const auto parts = halves(label);
      for (std::size_t p = 0; p < parts.size(); ++p) {
        Cue cue{fold_alnum(parts[p]), p == 0, 0};
        if (p == 0 && parts.size() > 1) {
          cue.rest_words = static_cast<int>(split_spaces(parts[1]).size());
        }
        if (cue.folded.size() >= k_min_cue_letters) {
          slot.cues.push_back(std::move(cue));
        }
      }
    }
    slots.push_back(std::move(slot));
  }
  return slots;
}

bool ends_with_colon(const std::string& text) {
  return !text.empty() && text.back() == ':';
}

bool is_mark(const std::string& text) {
  return fold_alnum(text).empty();
}

// What OCR reads off the photo's or the card's edge before a value: marks, or a
// letter or two with a bracket or bar ("C)", "|l"). No value starts so.
bool is_edge_noise(const std::string& text) {
  return is_mark(text) ||
         (fold_alnum(text).size() <= 2 && text.find_first_of("()[]{}|\\") != std::string::npos);
}

// Where the value starts after a label whose matched half ends at word last: after
// the colon that ends the label, else (the Vietnamese half matched) after the
// separator and the English half's words.
int value_start(const OcrLine& row, const Cue& cue, int last) {
  const int n = static_cast<int>(row.words.size());
  const int reach = std::min(n - 1, last + cue.rest_words + 2);
  for (int i = last; i <= reach; ++i) {
    if (ends_with_colon(row.words[i].text)) {
      return i + 1;
    }
  }
  if (!cue.vietnamese) {
    return last + 1;
  }
  int i = last + 1;
  while (i < n && is_mark(row.words[i].text)) {
    ++i;
  }
  return std::min(n, i + cue.rest_words);
}

// The best loose match of a slot's label in a row, starting within its first words.
Hit best_hit(const OcrLine& row, const std::vector<std::string>& tokens, const Slot& slot,
             std::size_t slot_index) {
  Hit best;
  best.slot = slot_index;
  const int n = static_cast<int>(tokens.size());
  for (const Cue& cue : slot.cues) {
    for (int first = 0; first < std::min(n, k_max_label_start_word); ++first) {
      if (tokens[first].empty()) {
        continue;
      }
      std::string joined;
      for (int last = first; last < n; ++last) {
        joined += tokens[last];
        if (joined.size() + 3 < cue.folded.size()) {
          continue;
        }
        // Of equal matches the earlier one: "Ngày, tháng, năm sinh / Date of
        // birth" is one label, its start the label's.
        const double score = similarity(joined, cue.folded);
        if (score > best.score + 1e-9 || (score > best.score - 1e-9 && first < best.first)) {
          best.score = score;
          best.first = first;
          best.last = last;
          best.value_from = value_start(row, cue, last);
        }
        if (joined.size() > cue.folded.size() + 3) {
          break;
        }
      }
    }
  }
  return best;
}

bool has_label_colon(const OcrLine& row) {
  const int reach = std::min(static_cast<int>(row.words.size()), k_max_label_start_word + 4);
  for (int i = 0; i < reach; ++i) {
    if (ends_with_colon(row.words[i].text)) {
      return true;
    }
  }
  return false;
}

// The label hits of a row for the slots from next on, in word order, not
// overlapping. The first slot still due takes the looser match.
std::vector<Hit> row_hits(const OcrLine& row, const std::vector<Slot>& slots, std::size_t next) {
  std::vector<std::string> tokens;
  for (const auto& w : row.words) {
    tokens.push_back(fold_alnum(w.text));
  }
  std::vector<Hit> candidates;
  const bool colon = has_label_colon(row);
  for (std::size_t s = next; s < slots.size(); ++s) {
    Hit hit = best_hit(row, tokens, slots[s], s);
    const double needed = s == next && colon ? k_next_label_similarity : k_label_similarity;
    if (hit.score >= needed) {
      candidates.push_back(hit);
    }
  }
  // The surest hits first; one is kept when it keeps the printed order with those
  // kept (a field printed later stands later in the row) and starts after the
  // label before it ends, English half included: other hits are value text.
  std::sort(candidates.begin(), candidates.end(),
            [](const Hit& a, const Hit& b) { return a.score > b.score; });
  std::vector<Hit> ordered;
  for (const Hit& h : candidates) {
    const bool fits = std::all_of(ordered.begin(), ordered.end(), [&](const Hit& k) {
      return h.slot < k.slot ? h.value_from <= k.first : k.value_from <= h.first;
    });
    if (fits) {
      ordered.push_back(h);
    }
  }
  std::sort(ordered.begin(), ordered.end(),
            [](const Hit& a, const Hit& b) { return a.first < b.first; });
  // Two labels on one row (sex, then nationality): the second is due right after
  // the first's value and takes the looser match there.
  if (ordered.size() == 1 && ordered.back().slot + 1 < slots.size()) {
    const Hit& last = ordered.back();
    const Hit second = best_hit(row, tokens, slots[last.slot + 1], last.slot + 1);
    if (second.score >= k_next_label_similarity && second.first > last.value_from) {
      ordered.push_back(second);
    }
  }
  return ordered;
}

// A value's words, past the print of the column to its left and the marks
// before it.
struct Value : ValueWords {
  void add(const OcrLine& row, int from, int to, int column_x) {
    bool any = false;
    for (int i = from; i < to; ++i) {
      const OcrWord& w = row.words[i];
      if (w.box.right() < column_x || (words == 0 && is_edge_noise(w.text))) {
        continue; // print of the column to the left, or marks before the value
      }
      ValueWords::add(w);
      any = true;
    }
    rows += any ? 1 : 0;
  }
};

bool close_below(const OcrLine& upper, const OcrLine& lower) {
  const int h = median_word_height(upper);
  return lower.box.y >= upper.box.y && lower.box.y - upper.box.bottom() < h * 3 / 2;
}

// The value well formed for its kind, normalized; empty when it is not one.
std::string well_formed(const FieldSpec& field, const std::string& text) {
  if (field.kind == ValueKind::gender) {
    // The sex is the first word after the label: Nam or Nữ, marks aside.
    const auto words = split_spaces(text);
    for (const auto& w : words) {
      const std::string folded = fold_alnum(w);
      if (folded == "nam" || folded == "nu") {
        return folded == "nam" ? "Nam" : "N\xE1\xBB\xAF";
      }
      if (!folded.empty()) {
        break;
      }
    }
    return {};
  }
  const std::string value = normalize_value(field.kind, text);
  if (value.empty() || fold_alnum(value).size() < 2) {
    return {};
  }
  if (!field.pattern.empty() && !schema_regex_full_match(field.pattern, value)) {
    return {};
  }
  if (field.kind == ValueKind::name &&
      (!is_upper_case_text(value) || split_spaces(value).size() < 2)) {
    return {};
  }
  return value;
}

bool takes_continuation(const FieldSpec& field) {
  return field.kind == ValueKind::multiline_text;
}

bool takes_value_below(const FieldSpec& field) {
  return !takes_continuation(field) && field.kind != ValueKind::gender;
}

class OrderWalk {
public:
  OrderWalk(const FormType& type, const std::vector<OcrLine>& rows)
      : m_slots(slots_of(type)), m_rows(rows), m_hits(rows.size()) {}

  void run(int page, RawFields& found) {
    std::size_t next = 0;
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
      m_hits[r] = row_hits(m_rows[r], m_slots, next);
      if (!m_hits[r].empty()) {
        next = m_hits[r].back().slot + 1;
      }
    }
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
      for (std::size_t h = 0; h < m_hits[r].size(); ++h) {
        read_value(page, r, h, found);
      }
    }
  }

private:
  // A row without a label that starts in the label's column (not the expiry's
  // small print left of it, which may run on under the field column).
  // Noise OCR reads off the photo's edge before it ("...", "C)") is no start.
  bool continues_column(std::size_t r, int column_x) const {
    if (!m_hits[r].empty()) {
      return false;
    }
    for (const auto& w : m_rows[r].words) {
      if (!is_edge_noise(w.text)) {
        return w.box.x >= column_x;
      }
    }
    return false;
  }

  void read_value(int page, std::size_t r, std::size_t h, RawFields& found) {
    const Hit& hit = m_hits[r][h];
    const FieldSpec& field = *m_slots[hit.slot].field;
    if (found.count(field.id) != 0) {
      return;
    }
    const OcrLine& row = m_rows[r];
    const int end =
        h + 1 < m_hits[r].size() ? m_hits[r][h + 1].first : static_cast<int>(row.words.size());
    const int label_x = row.words[hit.first].box.x;
    const int tolerance = median_word_height(row);
    for (int i = hit.value_from; i < end; ++i) {
      const std::string& text = row.words[i].text;
      if (has_leader(text) && fold_alnum(before_leader(text)).empty()) {
        return; // a leader right of the label: left blank there
      }
      if (!is_mark(text)) {
        break;
      }
    }
    Value value;
    value.add(row, hit.value_from, end, 0);
    std::size_t last = r;
    if (value.words == 0 && takes_value_below(field)) {
      const std::size_t below = r + 1;
      if (below < m_rows.size() && continues_column(below, label_x - 2 * tolerance) &&
          close_below(row, m_rows[below])) {
        value.add(m_rows[below], 0, static_cast<int>(m_rows[below].words.size()),
                  label_x - tolerance);
        last = below;
      }
    }
    if (value.words > 0 && takes_continuation(field) && h + 1 == m_hits[r].size()) {
      for (int k = 0; k < k_max_continuation_rows; ++k) {
        const std::size_t j = last + 1;
        if (j >= m_rows.size() || !continues_column(j, label_x - 2 * tolerance) ||
            !close_below(m_rows[last], m_rows[j])) {
          break;
        }
        const int before = value.words;
        value.add(m_rows[j], 0, static_cast<int>(m_rows[j].words.size()), label_x - tolerance);
        if (value.words == before) {
          break;
        }
        last = j;
      }
    }
    if (value.words == 0) {
      return;
    }
    const std::string normalized = well_formed(field, value.text);
    if (normalized.empty()) {
      return;
    }
    RawField raw = value.card_order_field(page, static_cast<float>(hit.score));
    raw.text = field.kind == ValueKind::gender ? normalized : value.text;
    found[field.id] = raw;
  }

  std::vector<Slot> m_slots;
  const std::vector<OcrLine>& m_rows;
  std::vector<std::vector<Hit>> m_hits;
};

} // namespace

void find_card_fields_by_order(const FormType& type, const std::vector<PageText>& pages,
                               RawFields& found) {
  if (type.cues.shape != "card") {
    return;
  }
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const std::vector<OcrLine> rows = page_rows(pages[p]);
    OrderWalk(type, rows).run(static_cast<int>(p) + 1, found);
  }
}

} // namespace sohoa::forms
