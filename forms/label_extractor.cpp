#include "label_extractor.hpp"
#include "sohoa/core/ocr_line_metrics.hpp"
#include "label_matcher.hpp"
#include "page_rows.hpp"
#include "split_labels.hpp"
#include "sohoa/forms/normalize.hpp"
#include "text_fold.hpp"
#include <algorithm>
#include <regex>
#include <set>

namespace sohoa::forms {
namespace {

constexpr int k_max_continuation_lines = 3;

// A word that carries no value: leaders, colons, footnote markers.
bool is_filler(const std::string& text) {
  static const std::regex footnote(R"(^\(\d{1,2}\):?$)");
  return clean_value(text).empty() || std::regex_match(text, footnote);
}

// "3." ending a line is the next line's numbering; right before the next label
// OCR may read its number "2," too, which at a line's end is a value ("Quận 1,").
// Forms that number their items in Roman numerals ("I. Họ và tên: ... II. Giới
// tính: ...") end a value with the next item's "II." the same way.
bool is_trailing_numbering(const std::string& text, bool before_label = false) {
  static const std::regex numbering(R"(^\(?\d{1,2}[.)]$)");
  static const std::regex numbering_or_comma(R"(^\(?\d{1,2}[.,)]$)");
  static const std::regex roman_numbering(R"(^\(?(?=[IVX])X{0,3}(IX|IV|V?I{0,3})[.)]$)");
  return std::regex_match(text, before_label ? numbering_or_comma : numbering) ||
         std::regex_match(text, roman_numbering);
}

struct Collected {
  std::string text;
  float confidence_sum = 0;
  float min_confidence = 1;
  int words = 0;
  int rows = 1;
  Box bbox;
  int first_x = -1;
  RawField readings; // only its counts of words read twice

  void add(const OcrWord& w) {
    const std::string cleaned = clean_value(w.text);
    if (cleaned.empty()) {
      return;
    }
    if (!text.empty()) {
      text += ' ';
    }
    text += w.text;
    confidence_sum += w.confidence;
    min_confidence = std::min(min_confidence, w.confidence);
    readings.count_readings(w);
    ++words;
    bbox = unite(bbox, w.box);
    if (first_x < 0) {
      first_x = w.box.x;
    }
  }
};

// OCR reads dotted leaders as short marks ("7.", "ẽ") or as one stretched word
// ("7..." a third of the page wide): too flat, or far wider than its letters.
bool is_leader_noise(const OcrWord& w, int line_h) {
  if (fold_alnum(w.text).empty()) {
    return false; // a dash or comma is flat by nature; cleaning handles it
  }
  if (w.box.h * 20 < line_h * 9) {
    return true;
  }
  const auto glyphs = static_cast<int>(utf8_length(w.text));
  return w.box.w > 3 * std::max(w.box.h, line_h) * std::max(1, glyphs);
}

// A word far past the value's end, read with next to no confidence, is a smudge
// or a mark beyond the text ("Nam Định ........ có"), not more of the value.
constexpr float k_stray_confidence = 0.3F;

bool is_stray_beyond(const OcrWord& w, int value_right, int line_h) {
  return w.confidence < k_stray_confidence && w.box.x - value_right > 4 * line_h;
}

// Words [from, to) of a line, leading fillers and a trailing "3." dropped. A dotted
// leader after value text ends the value: what OCR reads in the rest of the
// leader ("22 222", "uyu") is noise.
Collected collect(const OcrLine& line, int from, int to) {
  while (from < to && is_filler(line.words[from].text)) {
    ++from;
  }
  const bool before_label = to < static_cast<int>(line.words.size());
  while (to - 1 > from && (is_filler(line.words[to - 1].text) ||
                           is_trailing_numbering(line.words[to - 1].text, before_label))) {
    --to;
  }
  Collected c;
  const int line_h = median_word_height(line);
  int value_right = 0;
  for (int i = from; i < to; ++i) {
    const OcrWord& w = line.words[i];
    if (c.words > 0 && is_stray_beyond(w, value_right, line_h)) {
      break;
    }
    if (is_leader_noise(w, line_h)) {
      if (c.words > 0) {
        break;
      }
      continue;
    }
    if (c.words > 0 && has_leader(w.text)) {
      OcrWord head = w;
      head.text = before_leader(w.text);
      c.add(head);
      break;
    }
    c.add(w);
    value_right = w.box.right();
  }
  // A lone "13." is the next line's numbering, not a value.
  if (c.words == 1 && is_trailing_numbering(c.text)) {
    return {};
  }
  return c;
}

struct LineState {
  std::vector<LabelHit> hits;
  bool consumed = false; // its words went into a value
};

bool close_below(const OcrLine& upper, const OcrLine& lower, double gap_factor) {
  const int gap = lower.box.y - upper.box.bottom();
  return gap < gap_factor * median_word_height(upper) && lower.box.y >= upper.box.y;
}

bool continues_value(const FieldSpec& field) {
  return field.kind == ValueKind::text || field.kind == ValueKind::multiline_text;
}

int text_right_edge(const std::vector<OcrLine>& lines) {
  int right = 0;
  for (const auto& l : lines) {
    right = std::max(right, l.box.right());
  }
  return right;
}

// Words read this unsure, and junk-like (digit-heavy, or fragments of a letter
// or two), are leaders or underscores of a field left blank ("2n H222 22a", "ya"),
// not a value. An unsure but word-like value ("dinhbaodung(@gmoil.com") stays.
constexpr float k_min_value_confidence = 0.4f;

bool junk_like(const std::string& text) {
  const std::string letters = fold_alnum(text);
  if (letters.empty()) {
    return true;
  }
  const auto digits =
      std::count_if(letters.begin(), letters.end(), [](char c) { return c >= '0' && c <= '9'; });
  const auto words = std::max<std::size_t>(1, split_spaces(text).size());
  return digits * 10 >= static_cast<long>(letters.size()) * 3 || letters.size() < 3 * words;
}

bool is_noise(const Collected& c) {
  return c.words > 0 && c.confidence_sum < k_min_value_confidence * static_cast<float>(c.words) &&
         junk_like(c.text);
}

bool needs_digits(ValueKind kind) {
  switch (kind) {
  case ValueKind::date:
  case ValueKind::year:
  case ValueKind::id_number:
  case ValueKind::cmnd:
  case ValueKind::id_document:
  case ValueKind::phone:
    return true;
  default:
    return false;
  }
}

// Words [from, to) hold no value and no leader: nothing, or stray marks OCR reads
// from a card's edge or a cell's rule ("|", "_"). A label followed by them ends
// its row.
bool only_marks(const OcrLine& line, int from, int to) {
  for (int i = from; i < to; ++i) {
    const std::string& text = line.words[i].text;
    if (!fold_alnum(text).empty() || has_leader(text) || utf8_length(text) > 2) {
      return false;
    }
  }
  return true;
}

bool has_digit(const std::string& text) {
  return text.find_first_of("0123456789") != std::string::npos;
}

// The first word of a row in the column starting at column_x: words ending well
// left of it are another column's (a card's expiry print beside the address).
int first_in_column(const OcrLine& row, int column_x, int margin) {
  int i = 0;
  const int n = static_cast<int>(row.words.size());
  while (i < n && row.words[i].box.right() < column_x - margin) {
    ++i;
  }
  return i;
}

// A bilingual label ("Họ và tên / Full name:") found by its Vietnamese half: the
// English half, however misread ("PAII 8afE:", "Date 0Í bình:"), runs to the
// label's colon within a few words. The value starts after it.
bool ends_label(const std::string& text) {
  const std::string head = before_leader(text);
  return !head.empty() && head.back() == ':';
}

int after_label_rest(const FieldSpec& field, const LabelHit& hit, const OcrLine& line, int end) {
  constexpr int k_max_rest_words = 4;
  const int from = hit.last_word + 1;
  if (ends_label(line.words[hit.last_word].text)) {
    return from;
  }
  const bool longer_bilingual =
      std::any_of(field.labels.begin(), field.labels.end(), [&](const std::string& label) {
        const std::string folded = fold_alnum(label);
        return label.find('/') != std::string::npos && folded.size() > hit.pattern->folded.size() &&
               folded.rfind(hit.pattern->folded, 0) == 0;
      });
  if (!longer_bilingual) {
    return from;
  }
  for (int i = from; i < end && i < from + k_max_rest_words; ++i) {
    if (ends_label(line.words[i].text)) {
      return i + 1;
    }
  }
  return from;
}

// Where a value's continuation rows may start: under the value, under its label,
// or back at the start of the label's row.
struct ValueColumns {
  int value_x = 0;
  int label_x = 0;
  int row_x = 0;
};

// Index of the first label hit at or after word `first`; -1 when none.
int first_hit_from(const std::vector<LabelHit>& hits, int first) {
  for (std::size_t h = 0; h < hits.size(); ++h) {
    if (hits[h].first_word >= first) {
      return static_cast<int>(h);
    }
  }
  return -1;
}

class Extractor {
public:
  Extractor(const FormType& type, const std::vector<PageText>& pages)
      : m_type(type), m_pages(pages), m_patterns(label_patterns(type)) {
    if (!type.sections.empty()) {
      m_section = type.sections.front().id;
    }
  }

  RawFields run() {
    for (std::size_t p = 0; p < m_pages.size(); ++p) {
      std::vector<OcrLine> lines = page_rows(m_pages[p]);
      join_split_labels(lines, m_patterns);
      m_text_right = text_right_edge(lines);
      std::vector<LineState> states(lines.size());
      bool after_anchor = false;
      for (std::size_t l = 0; l < lines.size(); ++l) {
        states[l].hits = find_labels(lines[l], m_patterns, false);
        // Labels that only count after their anchor ("ngày" after "Làm tại") are
        // looked for on the anchor's line and the next.
        const bool anchor_here = has_anchor_hit(states[l].hits);
        if (anchor_here || after_anchor) {
          states[l].hits = find_labels(lines[l], m_patterns, true);
        }
        after_anchor = anchor_here;
      }
      for (std::size_t l = 0; l < lines.size(); ++l) {
        process_line(static_cast<int>(p), lines, states, static_cast<int>(l));
      }
    }
    return std::move(m_out);
  }

private:
  bool is_anchor(const FieldSpec* f) const {
    return std::any_of(m_type.fields.begin(), m_type.fields.end(),
                       [&](const FieldSpec& g) { return g.anchor == f->id; });
  }

  bool has_anchor_hit(const std::vector<LabelHit>& hits) const {
    for (const auto& h : hits) {
      for (const FieldSpec* f : h.pattern->fields) {
        if (is_anchor(f)) {
          return true;
        }
      }
    }
    return false;
  }

  // The field a label stands for here: the one of the current section, else one
  // without a section; anchored ones only right after their anchor.
  const FieldSpec* resolve(const LabelHit& hit) {
    const FieldSpec* fallback = nullptr;
    for (const FieldSpec* f : hit.pattern->fields) {
      if (f->starts_section) {
        return f;
      }
      if (!f->section.empty() && f->section == m_section) {
        return f;
      }
      if (f->section.empty()) {
        fallback = f;
      }
    }
    return fallback;
  }

  void process_line(int page, const std::vector<OcrLine>& lines, std::vector<LineState>& states,
                    int l) {
    const OcrLine& line = lines[l];
    auto& hits = states[l].hits;
    for (std::size_t h = 0; h < hits.size(); ++h) {
      const LabelHit& hit = hits[h];
      if (hit.pattern->role == LabelRole::heading) {
        m_section = hit.pattern->section;
        continue;
      }
      if (hit.pattern->role == LabelRole::stop) {
        continue;
      }
      const FieldSpec* field = resolve(hit);
      if (field == nullptr) {
        continue;
      }
      if (field->starts_section && !field->section.empty()) {
        m_section = field->section;
      }
      if (m_out.count(field->id) != 0) {
        continue; // the first occurrence wins; later ones are repeats or noise
      }
      const int end =
          h + 1 < hits.size() ? hits[h + 1].first_word : static_cast<int>(line.words.size());
      Collected value;
      bool label_rest = false; // what is right of the label is the rest of the label
      if (field->position == ValuePosition::right_or_below) {
        const int from = after_label_rest(*field, hit, line, end);
        value = collect(line, from, end);
        label_rest = from > hit.last_word + 1 && value.words == 0;
        label_rest =
            label_rest || (value.words > 0 && needs_digits(field->kind) && !has_digit(value.text));
        if (is_noise(value) || label_rest) {
          value = {};
        }
      }
      int last_line = l;
      const bool right_empty = value.words == 0;
      FoundBy found_by = FoundBy::right_of_label;
      // Only a label that ends its row looks below: leaders right of it mean the
      // form was left blank there. So does one followed by the rest of its own
      // printed text, misread ("/ Personal identification number").
      const bool ends_row = (only_marks(line, hit.last_word + 1, end) &&
                             !has_leader(line.words[hit.last_word].text)) ||
                            label_rest;
      if (right_empty && h + 1 == hits.size() && ends_row) {
        m_below_row = l;
        value = below(lines, states, l, line.words[hit.first_word].box.x);
        last_line = m_below_row;
        found_by = FoundBy::below_label;
      }
      if (value.words == 0) {
        continue;
      }
      if (continues_value(*field) && h + 1 == hits.size()) {
        // The label's start, its numbering included: wrapped lines go back to it.
        // Not the row's start: small print of a column to the left may share it.
        int label_first = hit.first_word;
        while (label_first > 0 && is_numbering(line.words[label_first - 1].text)) {
          --label_first;
        }
        const int label_x = line.words[label_first].box.x;
        // Wrapped values start under the value, or back at the margin when the
        // form wraps long addresses there.
        const bool margin = field->kind == ValueKind::multiline_text;
        extend(lines, states, last_line, {value.first_x, label_x, line.words.front().box.x}, margin,
               field->continue_under_label, value);
      }
      RawField raw;
      raw.text = value.text;
      raw.confidence = static_cast<float>(value.confidence_sum / value.words * hit.score);
      raw.page = page + 1;
      raw.bbox = value.bbox;
      raw.min_word_confidence = value.min_confidence;
      raw.label_score = static_cast<float>(hit.score);
      raw.found_by = found_by;
      raw.rows = value.rows;
      raw.words_read_twice = value.readings.words_read_twice;
      raw.readings_disagree = value.readings.readings_disagree;
      m_out[field->id] = raw;
    }
  }

  // The next row below row l in the column starting near x: rows lying wholly left
  // of it (another column) are passed over. -1 when there is none close by.
  int next_row(const std::vector<OcrLine>& lines, int l, int x) const {
    const int tolerance = median_word_height(lines[l]);
    for (int j = l + 1; j < static_cast<int>(lines.size()) && j <= l + 3; ++j) {
      if (lines[j].words.empty() || lines[j].box.right() < x - tolerance) {
        continue;
      }
      return j;
    }
    return -1;
  }

  // The value on the next row when nothing is right of the label (ID cards).
  Collected below(const std::vector<OcrLine>& lines, std::vector<LineState>& states, int l,
                  int label_x) {
    const int j = next_row(lines, l, label_x);
    if (j < 0) {
      return {};
    }
    const OcrLine& next = lines[j];
    auto& state = states[j];
    if (state.consumed || !close_below(lines[l], next, 1.5)) {
      return {};
    }
    const int tolerance = 2 * median_word_height(lines[l]);
    const int first = first_in_column(next, label_x, tolerance);
    const int hit = first_hit_from(state.hits, first);
    const int end = hit >= 0 ? state.hits[hit].first_word : static_cast<int>(next.words.size());
    if (end <= first || next.words[first].box.x < label_x - tolerance) {
      return {};
    }
    state.consumed = true;
    m_below_row = j;
    return collect(next, first, end);
  }

  // Following rows without any label continue a value: rows starting under the
  // value, or (margin) under the label when the row above ran to the right margin.
  void extend(const std::vector<OcrLine>& lines, std::vector<LineState>& states, int l,
              const ValueColumns& at, bool margin, bool under_label, Collected& value) {
    // Wrapping back to the margin reaches the row's start, the label's own
    // numbering or a label of the same row before it; otherwise the column ends at
    // the label, and print further left is another column's.
    const int column_x = std::min(at.value_x, margin ? at.row_x : at.label_x);
    int last = l;
    for (int k = 0; k < k_max_continuation_lines; ++k) {
      const int j = next_row(lines, last, column_x);
      if (j < 0) {
        return;
      }
      const OcrLine& next = lines[j];
      auto& state = states[j];
      const int tolerance = median_word_height(lines[last]) / 2;
      const int first = first_in_column(next, column_x, median_word_height(lines[last]));
      if (state.consumed || first_hit_from(state.hits, first) >= 0 ||
          first == static_cast<int>(next.words.size()) || !close_below(lines[last], next, 1.5)) {
        return;
      }
      const int start = next.words[first].box.x;
      const bool full_row = lines[last].box.right() * 10 >= m_text_right * 8;
      const bool fits = start >= at.value_x - tolerance ||
                        (under_label && start >= at.label_x - tolerance) ||
                        (margin && full_row && start >= at.row_x - tolerance);
      if (!fits) {
        return;
      }
      const Collected more = collect(next, first, static_cast<int>(next.words.size()));
      if (more.words == 0 || is_noise(more)) {
        return;
      }
      state.consumed = true;
      value.text += ' ' + more.text;
      value.confidence_sum += more.confidence_sum;
      value.min_confidence = std::min(value.min_confidence, more.min_confidence);
      value.readings.words_read_twice += more.readings.words_read_twice;
      value.readings.readings_disagree += more.readings.readings_disagree;
      value.words += more.words;
      ++value.rows;
      value.bbox = unite(value.bbox, more.bbox);
      last = j;
    }
  }

  const FormType& m_type;
  const std::vector<PageText>& m_pages;
  std::vector<LabelPattern> m_patterns;
  std::string m_section;
  int m_text_right = 0;
  int m_below_row = 0;
  RawFields m_out;
};

} // namespace

RawFields extract_labelled(const FormType& type, const std::vector<PageText>& pages) {
  return Extractor(type, pages).run();
}

} // namespace sohoa::forms
