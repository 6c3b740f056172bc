#pragma once
// What may tell a right value from a wrong one, gathered per field while a
// document is analysed: how sure OCR was of its words, how the value was found,
// what the checks and the official lists said. The review flag weighs them
// (review_calibration.hpp); sohoa-review-signals dumps them beside generated
// truth so the weights can be fitted again (docs/REVIEW-CALIBRATION.md).
#include "sohoa/core/record.hpp"
#include "sohoa/forms/form_type.hpp"
#include "sohoa/forms/vocabulary_check.hpp"
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sohoa::forms {

// How a value was found: beside its label, on the row below it, by its shape
// alone, or in its region of an administrative document's layout.
enum class FoundBy { right_of_label, below_label, pattern, region };

std::string_view to_string(FoundBy found_by);

// What the OCR passes said of the value's words: read once only, read twice
// (the lone re-read of an unsure word, the digit model's look at a number) with
// both looks agreeing on every such word, or with at least one word read two ways.
enum class Agreement { read_once, agree, disagree };

std::string_view to_string(Agreement agreement);

Agreement agreement_of(int words_read_twice, int readings_disagree);

struct FieldSignals {
  ValueKind kind = ValueKind::text;
  float mean_confidence = 0; // of the value's OCR words, 0..1
  float min_confidence = 0;  // the least sure word
  float label_score = 1;     // label match quality; 1 where no label is read
  FoundBy found_by = FoundBy::right_of_label;
  int rows = 1;              // rows of the page the value spans
  int words = 0;             // of the normalized value
  bool has_rule = false;     // its kind has a validity rule (identifier, date, phone...)
  bool failed_check = false; // a rule, the pattern or a closed list rejected it
  ListSignal list = ListSignal::not_applicable;
  bool list_corrected = false; // the list restored an official spelling
  Agreement agreement = Agreement::read_once;
  // What the text alone says (value_shape.hpp).
  int leader_runs = 0;     // leader marks inside the raw value: read over the dots
  int foreign_chars = 0;   // characters outside the kind's alphabet
  bool odd_length = false; // a word count the kind does not have
  // Syllables of a name or place no Vietnamese syllable of the lexicon ("Vự"):
  // counted only when the analysis was given the lexicon.
  int unknown_syllables = 0;
};

using FieldSignalMap = std::map<std::string, FieldSignals, std::less<>>;

// A document's analysis with the signals behind each field's flag.
struct DocumentAnalysis {
  FormsResult result;
  FieldSignalMap signals;
};

} // namespace sohoa::forms
