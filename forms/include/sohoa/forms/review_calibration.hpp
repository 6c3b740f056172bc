#pragma once
// The review flag of CONTRACT §5 from a field's signals: a rule table whose
// thresholds were chosen on generated truth (tuning seeds only) so that >= 98 %
// of unflagged values are right, with a margin. The figures behind each
// threshold and how to choose them again: docs/REVIEW-CALIBRATION.md
// (tools/fit-review-model.py on sohoa-review-signals dumps).
#include "sohoa/forms/review_signals.hpp"
#include <string_view>

namespace sohoa::forms {

struct ReviewThresholds {
  // The value's confidence (mean OCR word confidence times the label match)
  // below which it is flagged, when read right of its label...
  float beside_label = 0.85F;
  // ... and when placed by layout alone (below its label, by its shape, in a
  // region of an administrative document): a guess from context needs more.
  float by_layout = 0.9F;
  // One word read this unsure flags the value, however sure the others are.
  float least_sure_word = 0.8F;
  // Values of this many words or more (addresses, places, purposes) are flagged
  // whatever their confidence: one slipped tone mark or a word taken from the
  // next line makes them wrong, and confidence does not show it.
  int long_value_words = 10;
  // Two OCR looks that read a word two ways: one of them is wrong, and which
  // one is a guess. Off: on the tuning seeds every wrong value read two ways
  // was flagged by its confidence already, and the switch only added right ones.
  bool flag_disagreement = false;
  // The least sure word's threshold when every word read twice was read alike
  // by both looks (a second, independent reading confirms the first): none,
  // the agreeing second look vouches for the word.
  float agreed_least_sure_word = 0.0F;
  // Leader marks inside the raw value: its words were read over the dots, and
  // a dot taken for a mark or a mark for a dot is not seen in the confidence.
  bool flag_over_leaders = true;
  // A character the value's kind never has (a digit in a name, "Ð" for "Đ").
  bool flag_foreign_chars = true;
  // A word count the kind never has (a one-word name, a two-word address).
  bool flag_odd_length = true;
  // A syllable of a name or place that Vietnamese does not have ("Vự" for
  // "Vợ"): a tone mark or letter changed by OCR, sure as it may have been.
  bool flag_unknown_syllables = true;
};

// The thresholds in force (chosen on tuning seeds 1101-1116 of the standard
// layouts, scan conditions forced, docs/REVIEW-CALIBRATION.md).
inline constexpr ReviewThresholds k_review_thresholds{};

// Why a value goes to a person; none: it may be accepted without looking.
enum class ReviewReason {
  none,
  failed_check,      // an identifier, date, pattern or closed-list check rejected it
  place_unconfirmed, // its place names no unit of the gazetteer
  long_value,
  low_confidence,
  unsure_word,
  readings_disagree, // two OCR looks read one of its words two ways
  over_leaders,      // read over a form's dotted leaders
  foreign_chars,     // a character its kind never has
  odd_length,        // a word count its kind never has
  unknown_syllable,  // a syllable of a name or place that Vietnamese does not have
};

std::string_view to_string(ReviewReason reason);

// The value's confidence as the thresholds weigh it.
float value_confidence(const FieldSignals& s);

ReviewReason review_reason(const FieldSignals& s,
                           const ReviewThresholds& thresholds = k_review_thresholds);

inline bool needs_review(const FieldSignals& s) {
  return review_reason(s) != ReviewReason::none;
}

} // namespace sohoa::forms
