#pragma once
// Finding printed labels in an OCR line: label variants are compared, folded and
// without spaces or punctuation, against runs of the line's words with an edit
// distance budget, so "Ho, chu dem, ten" and "Họ, chữ đệm, tến" both match.
#include "sohoa/core/ocr_types.hpp"
#include "sohoa/forms/form_type.hpp"
#include <string>
#include <vector>

namespace sohoa::forms {

enum class LabelRole { field, stop, heading };

struct LabelPattern {
  std::string folded; // fold_alnum of the variant
  LabelRole role = LabelRole::field;
  std::vector<const FieldSpec*> fields; // the fields printing this label
  std::string section;                  // heading: the section it opens
  bool anchored = false;                // only on its anchor's line (fields[0]->anchor)
};

struct LabelHit {
  const LabelPattern* pattern = nullptr;
  int first_word = 0; // word indices in the line, inclusive
  int last_word = 0;
  double score = 0;   // 0..1 match quality
  bool colon = false; // a colon or leader ends it: the label surely ends there
};

// Numbering and footnote tokens ("1.", "a)", "(2)") that may precede a label.
bool is_numbering(const std::string& text);

// Every label of a type (field labels, stop labels, section headings), merged by
// folded text.
std::vector<LabelPattern> label_patterns(const FormType& type);

// The word's text folded for matching, footnote markers "(1)" and anything from a
// dotted leader on removed ("trú:.......22" reads as "tru").
std::string match_token(const std::string& word_text);
// The text before the first dotted leader ("..." or "…") of a word.
std::string before_leader(const std::string& word_text);
bool has_leader(const std::string& word_text);

// The non-overlapping label hits of a line in word order. with_anchored: also look
// for labels that only count on their anchor's line.
std::vector<LabelHit> find_labels(const OcrLine& line, const std::vector<LabelPattern>& patterns,
                                  bool with_anchored);

} // namespace sohoa::forms
