#include "sohoa/forms/review_calibration.hpp"

namespace sohoa::forms {

std::string_view to_string(FoundBy found_by) {
  switch (found_by) {
  case FoundBy::right_of_label:
    return "right_of_label";
  case FoundBy::below_label:
    return "below_label";
  case FoundBy::pattern:
    return "pattern";
  case FoundBy::region:
    return "region";
  }
  return "right_of_label";
}

std::string_view to_string(Agreement agreement) {
  switch (agreement) {
  case Agreement::read_once:
    return "read_once";
  case Agreement::agree:
    return "agree";
  case Agreement::disagree:
    return "disagree";
  }
  return "read_once";
}

Agreement agreement_of(int words_read_twice, int readings_disagree) {
  if (readings_disagree > 0) {
    return Agreement::disagree;
  }
  return words_read_twice > 0 ? Agreement::agree : Agreement::read_once;
}

std::string_view to_string(ReviewReason reason) {
  switch (reason) {
  case ReviewReason::none:
    return "none";
  case ReviewReason::failed_check:
    return "failed_check";
  case ReviewReason::place_unconfirmed:
    return "place_unconfirmed";
  case ReviewReason::long_value:
    return "long_value";
  case ReviewReason::low_confidence:
    return "low_confidence";
  case ReviewReason::unsure_word:
    return "unsure_word";
  case ReviewReason::readings_disagree:
    return "readings_disagree";
  case ReviewReason::over_leaders:
    return "over_leaders";
  case ReviewReason::foreign_chars:
    return "foreign_chars";
  case ReviewReason::odd_length:
    return "odd_length";
  case ReviewReason::unknown_syllable:
    return "unknown_syllable";
  }
  return "none";
}

float value_confidence(const FieldSignals& s) {
  return s.mean_confidence * s.label_score;
}

ReviewReason review_reason(const FieldSignals& s, const ReviewThresholds& t) {
  if (s.failed_check) {
    return ReviewReason::failed_check;
  }
  // A place naming no unit of the gazetteer was cut short or misread (an ID
  // card's residence read without its last line).
  if (s.list == ListSignal::miss || s.list == ListSignal::unknown_unit) {
    return ReviewReason::place_unconfirmed;
  }
  if (t.flag_over_leaders && s.leader_runs > 0) {
    return ReviewReason::over_leaders;
  }
  if (t.flag_foreign_chars && s.foreign_chars > 0) {
    return ReviewReason::foreign_chars;
  }
  if (t.flag_odd_length && s.odd_length) {
    return ReviewReason::odd_length;
  }
  if (t.flag_unknown_syllables && s.unknown_syllables > 0) {
    return ReviewReason::unknown_syllable;
  }
  if (s.words >= t.long_value_words) {
    return ReviewReason::long_value;
  }
  const float wanted = s.found_by == FoundBy::right_of_label ? t.beside_label : t.by_layout;
  if (value_confidence(s) < wanted) {
    return ReviewReason::low_confidence;
  }
  if (t.flag_disagreement && s.agreement == Agreement::disagree) {
    return ReviewReason::readings_disagree;
  }
  const float least_sure =
      s.agreement == Agreement::agree ? t.agreed_least_sure_word : t.least_sure_word;
  if (s.min_confidence < least_sure) {
    return ReviewReason::unsure_word;
  }
  return ReviewReason::none;
}

} // namespace sohoa::forms
