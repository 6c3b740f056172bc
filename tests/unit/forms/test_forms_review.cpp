// The review flag of CONTRACT §5: the signals gathered per field and the
// calibrated model deciding on them (review_calibration.hpp).
#include "catalog_fixture.hpp"
#include "forms_fixtures.hpp"
#include "sohoa/forms/analyze.hpp"
#include "sohoa/forms/lexicon.hpp"
#include "sohoa/forms/review_calibration.hpp"
#include "sohoa/forms/review_signals.hpp"
#include "sohoa/forms/value_shape.hpp"
#include <doctest/doctest.h>

using namespace sohoa;
using namespace sohoa::forms;
using namespace sohoa::forms::test;

namespace {

FieldSignals sure_short_value() {
  FieldSignals s;
  s.kind = ValueKind::name;
  s.mean_confidence = 0.95F;
  s.min_confidence = 0.93F;
  s.words = 3;
  return s;
}

const FieldSignals& signals_of(const DocumentAnalysis& a, const std::string& id) {
  const auto it = a.signals.find(id);
  REQUIRE_MESSAGE(it != a.signals.end(), id);
  return it->second;
}

} // namespace

TEST_CASE("signals tell how each value was found and how sure OCR was") {
  const DocumentAnalysis card = analyze_with_signals(catalog(), id_card());
  REQUIRE(card.result.doc_type == "citizen_id_card");
  CHECK(signals_of(card, "full_name").found_by == FoundBy::below_label);
  CHECK(signals_of(card, "id_number").found_by == FoundBy::right_of_label);
  CHECK(signals_of(card, "id_number").has_rule);
  CHECK(signals_of(card, "full_name").words == 3);
  CHECK(signals_of(card, "full_name").mean_confidence == doctest::Approx(0.93));
  CHECK(signals_of(card, "full_name").min_confidence == doctest::Approx(0.93));
  CHECK(signals_of(card, "nationality").list == ListSignal::hit);
  // Every field of the record has its signals, and only those.
  CHECK(card.signals.size() == card.result.fields.size());

  const DocumentAnalysis decision_doc = analyze_with_signals(catalog(), decision());
  REQUIRE(decision_doc.result.doc_type == "administrative_decision");
  CHECK(signals_of(decision_doc, "document_number").found_by == FoundBy::region);
  CHECK(signals_of(decision_doc, "signer_title").rows == 2);
}

TEST_CASE("a card number read without its label is found by its shape") {
  auto pages = id_card();
  auto& number_line = pages[0].lines[4]; // "Số / No.: 079190001234"
  number_line.words.erase(number_line.words.begin(), number_line.words.end() - 1);
  const DocumentAnalysis card = analyze_with_signals(catalog(), pages);
  REQUIRE(card.result.fields.count("id_number") == 1);
  CHECK(signals_of(card, "id_number").found_by == FoundBy::pattern);
  // The word's own confidence, not the unlabelled discount of the field's.
  CHECK(signals_of(card, "id_number").mean_confidence == doctest::Approx(0.93));
}

TEST_CASE("one unsure word sends a confidently read value to review") {
  auto pages = ct01_form();
  auto& words = pages[0].lines[5].words; // "1. Họ, chữ đệm và tên: Lê Thị Mai"
  const float unsure = k_review_thresholds.least_sure_word - 0.1F;
  words[words.size() - 3].confidence = 0.99F;
  words[words.size() - 2].confidence = 0.99F;
  words.back().confidence = unsure;
  const DocumentAnalysis a = analyze_with_signals(catalog(), pages);
  REQUIRE(a.result.fields.at("full_name").value == "Lê Thị Mai");
  CHECK(signals_of(a, "full_name").min_confidence == doctest::Approx(unsure));
  // The mean alone looks sure enough.
  CHECK(a.result.fields.at("full_name").confidence > k_review_thresholds.beside_label);
  CHECK(a.result.fields.at("full_name").needs_review);
  CHECK_FALSE(a.result.fields.at("gender").needs_review);
}

TEST_CASE("long values are shown to a person whatever their confidence") {
  const DocumentAnalysis a = analyze_with_signals(catalog(), birth_form());
  const auto& place = a.result.fields.at("child_place_of_birth");
  REQUIRE(place.value == "Bệnh viện Từ Dũ, Thành phố Hồ Chí Minh");
  const FieldSignals& signals = signals_of(a, "child_place_of_birth");
  CHECK(signals.words == 9);
  CHECK(place.needs_review == (signals.words >= k_review_thresholds.long_value_words));
  ReviewThresholds shorter = k_review_thresholds;
  shorter.long_value_words = signals.words;
  CHECK(review_reason(signals, shorter) == ReviewReason::long_value);
  CHECK_FALSE(a.result.fields.at("child_full_name").needs_review);
}

TEST_CASE("the model: a sure short value passes, doubt in any signal flags it") {
  const FieldSignals sure = sure_short_value();
  CHECK_FALSE(needs_review(sure));

  FieldSignals failed = sure;
  failed.failed_check = true;
  CHECK(needs_review(failed));

  FieldSignals long_value = sure;
  long_value.words = k_review_thresholds.long_value_words;
  CHECK(needs_review(long_value));

  FieldSignals unknown_place = sure;
  unknown_place.list = ListSignal::unknown_unit;
  CHECK(needs_review(unknown_place));

  FieldSignals unsure = sure;
  unsure.min_confidence = 0.5F;
  unsure.mean_confidence = 0.95F;
  CHECK(needs_review(unsure));

  CHECK(review_reason(unsure) == ReviewReason::unsure_word);

  // Placed by layout alone, the same confidence is not enough.
  FieldSignals guessed = sure;
  guessed.mean_confidence = 0.85F;
  guessed.min_confidence = 0.85F;
  CHECK_FALSE(needs_review(guessed));
  for (const FoundBy by : {FoundBy::below_label, FoundBy::pattern, FoundBy::region}) {
    guessed.found_by = by;
    CHECK(review_reason(guessed) == ReviewReason::low_confidence);
  }

  // A label matched loosely lowers the value's confidence.
  FieldSignals loose = sure;
  loose.label_score = 0.7F;
  CHECK(review_reason(loose) == ReviewReason::low_confidence);
}

TEST_CASE("a record without a known type or without fields has no field to trust") {
  const DocumentAnalysis letter_doc = analyze_with_signals(catalog(), letter());
  CHECK(letter_doc.result.doc_type == "unknown");
  CHECK(letter_doc.result.fields.empty());
  CHECK(letter_doc.signals.empty());

  // A forced doc_type that no schema has: said in the issues, then classified.
  const DocumentAnalysis forced =
      analyze_with_signals(catalog(), id_card(), std::string("citizen_card_2030"));
  CHECK(forced.result.doc_type == "citizen_id_card");
  bool said = false;
  for (const auto& issue : forced.result.issues) {
    said = said || (issue.field.empty() && issue.code == "unknown_doc_type");
  }
  CHECK(said);
}

TEST_CASE("an identifier disagreeing with the birth date flags the date too") {
  auto pages = id_card();
  for (auto& line : pages[0].lines) {
    for (auto& w : line.words) {
      if (w.text == "12/07/1990") {
        w.text = "12/07/1890"; // a slipped digit: the id number says 1990
      }
    }
  }
  const DocumentAnalysis a = analyze_with_signals(catalog(), pages);
  REQUIRE(a.result.fields.at("date_of_birth").value == "1890-07-12");
  CHECK(a.result.fields.at("id_number").needs_review);
  CHECK(a.result.fields.at("date_of_birth").needs_review);
  CHECK(signals_of(a, "date_of_birth").failed_check);
  CHECK_FALSE(a.result.fields.at("full_name").needs_review);
}

TEST_CASE("two OCR looks reading a word of the value differently flag it") {
  auto pages = id_card();
  auto& number = pages[0].lines[4].words.back(); // "079190001234"
  number.other_reading = number.text;
  const DocumentAnalysis agreed = analyze_with_signals(catalog(), pages);
  CHECK(signals_of(agreed, "id_number").agreement == Agreement::agree);
  CHECK(signals_of(agreed, "full_name").agreement == Agreement::read_once);
  number.other_reading = "079190001284";
  const DocumentAnalysis disagreed = analyze_with_signals(catalog(), pages);
  CHECK(signals_of(disagreed, "id_number").agreement == Agreement::disagree);
  FieldSignals s = sure_short_value();
  CHECK(review_reason(s) == ReviewReason::none);
  s.agreement = Agreement::disagree;
  CHECK(review_reason(s) == (k_review_thresholds.flag_disagreement ? ReviewReason::readings_disagree
                                                                   : ReviewReason::none));
  ReviewThresholds flagging = k_review_thresholds;
  flagging.flag_disagreement = true;
  CHECK(review_reason(s, flagging) == ReviewReason::readings_disagree);
}

TEST_CASE("leader marks inside a value, not at its ends, say it was read over the dots") {
  CHECK(inner_leader_runs("Lê Thị Mai") == 0);
  CHECK(inner_leader_runs("..... Lê Thị Mai ........") == 0); // the form's leaders
  CHECK(inner_leader_runs("TP. Hồ Chí Minh") == 0);           // one full stop
  CHECK(inner_leader_runs("Lê Thị ..... Mai") == 1);
  CHECK(inner_leader_runs("Lê__Thị\xE2\x80\xA6Mai") == 2); // underscores, an ellipsis
  CHECK(inner_leader_runs("\xE2\x80\xA6 Mai \xE2\x80\xA6") == 0);
  CHECK(inner_leader_runs("") == 0);
}

TEST_CASE("characters a kind never has, and word counts it never has") {
  CHECK(foreign_chars(ValueKind::name, "Nguyễn Thị Ánh Tuyết") == 0);
  CHECK(foreign_chars(ValueKind::name, "Nguyễn Th1 Mai") == 1);
  CHECK(foreign_chars(ValueKind::name, "Lê, Mai") == 1);
  CHECK(foreign_chars(ValueKind::name, "H'Hen Niê") == 0);
  // A name is all capitals or each word capitalized once: "II" read after it is not.
  CHECK(foreign_chars(ValueKind::name, "Nguyễn Diệu Hoa II") == 1);
  CHECK(foreign_chars(ValueKind::name, "NGUYỄN DIỆU HOA") == 0);
  CHECK(foreign_chars(ValueKind::name, "Nguyễn HOa") == 1);
  CHECK(foreign_chars(ValueKind::text, "H\u2019Mông") == 0);
  CHECK(foreign_chars(ValueKind::multiline_text, "Số 60/2, đường Lê Lợi (cũ), P. 3") == 0);
  CHECK(foreign_chars(ValueKind::multiline_text, "Số 60 | đường Lê Lợi") == 1);
  // Eth (U+00D0) read for Đ, a mark Vietnamese has no letter for.
  CHECK(foreign_chars(ValueKind::doc_number, "93/QĐ-UBND") == 0);
  CHECK(foreign_chars(ValueKind::doc_number, "93/Q\xC3\x90-UBND") == 1);
  CHECK(foreign_chars(ValueKind::name, "Ñguyen") == 1);
  // Kinds with a rule of their own are left to it.
  CHECK(foreign_chars(ValueKind::date, "2O20-01-01") == 0);

  CHECK(odd_length(ValueKind::name, 1));
  CHECK_FALSE(odd_length(ValueKind::name, 2));
  CHECK_FALSE(odd_length(ValueKind::name, 5));
  CHECK(odd_length(ValueKind::name, 6));
  CHECK(odd_length(ValueKind::multiline_text, 2));
  CHECK_FALSE(odd_length(ValueKind::multiline_text, 3));
  CHECK_FALSE(odd_length(ValueKind::text, 1));
}

TEST_CASE("each threshold of the table in force flags at its boundary and not above") {
  const ReviewThresholds& t = k_review_thresholds;
  FieldSignals s = sure_short_value();
  REQUIRE(review_reason(s) == ReviewReason::none);

  // Confidence beside the label: at the threshold passes, just below flags.
  FieldSignals beside = s;
  beside.mean_confidence = t.beside_label;
  beside.min_confidence = 1.0F;
  CHECK(review_reason(beside) == ReviewReason::none);
  beside.mean_confidence = t.beside_label - 0.01F;
  CHECK(review_reason(beside) == ReviewReason::low_confidence);

  FieldSignals by_layout = s;
  by_layout.found_by = FoundBy::below_label;
  by_layout.mean_confidence = t.by_layout;
  by_layout.min_confidence = 1.0F;
  CHECK(review_reason(by_layout) == ReviewReason::none);
  by_layout.mean_confidence = t.by_layout - 0.01F;
  CHECK(review_reason(by_layout) == ReviewReason::low_confidence);

  FieldSignals word = s;
  word.min_confidence = t.least_sure_word;
  CHECK(review_reason(word) == ReviewReason::none);
  word.min_confidence = t.least_sure_word - 0.01F;
  CHECK(review_reason(word) ==
        (t.least_sure_word > 0 ? ReviewReason::unsure_word : ReviewReason::none));
  // Read alike by a second look, the least sure word answers to its own threshold.
  FieldSignals agreed = s;
  agreed.agreement = Agreement::agree;
  agreed.min_confidence = t.agreed_least_sure_word;
  CHECK(review_reason(agreed) == ReviewReason::none);
  if (t.agreed_least_sure_word > 0) {
    agreed.min_confidence = t.agreed_least_sure_word - 0.01F;
    CHECK(review_reason(agreed) == ReviewReason::unsure_word);
  }

  FieldSignals length = s;
  length.words = t.long_value_words - 1;
  CHECK(review_reason(length) == ReviewReason::none);
  length.words = t.long_value_words;
  CHECK(review_reason(length) == ReviewReason::long_value);

  FieldSignals disagreeing = s;
  disagreeing.agreement = Agreement::disagree;
  CHECK(review_reason(disagreeing) ==
        (t.flag_disagreement ? ReviewReason::readings_disagree : ReviewReason::none));

  FieldSignals leaders = s;
  leaders.leader_runs = 1;
  CHECK(review_reason(leaders) ==
        (t.flag_over_leaders ? ReviewReason::over_leaders : ReviewReason::none));
  FieldSignals foreign = s;
  foreign.foreign_chars = 1;
  CHECK(review_reason(foreign) ==
        (t.flag_foreign_chars ? ReviewReason::foreign_chars : ReviewReason::none));
  FieldSignals odd = s;
  odd.odd_length = true;
  CHECK(review_reason(odd) == (t.flag_odd_length ? ReviewReason::odd_length : ReviewReason::none));
  FieldSignals unknown = s;
  unknown.unknown_syllables = 1;
  CHECK(review_reason(unknown) ==
        (t.flag_unknown_syllables ? ReviewReason::unknown_syllable : ReviewReason::none));

  // Each switch, turned on, flags what it names, whatever the table in force.
  ReviewThresholds all_on = t;
  all_on.flag_disagreement = all_on.flag_over_leaders = all_on.flag_foreign_chars =
      all_on.flag_odd_length = all_on.flag_unknown_syllables = true;
  CHECK(review_reason(disagreeing, all_on) == ReviewReason::readings_disagree);
  CHECK(review_reason(leaders, all_on) == ReviewReason::over_leaders);
  CHECK(review_reason(foreign, all_on) == ReviewReason::foreign_chars);
  CHECK(review_reason(odd, all_on) == ReviewReason::odd_length);
  CHECK(review_reason(unknown, all_on) == ReviewReason::unknown_syllable);
}

TEST_CASE("a name read with a character no name has is flagged") {
  auto pages = ct01_form();
  auto& words = pages[0].lines[5].words; // "1. Họ, chữ đệm và tên: Lê Thị Mai"
  words.back().text = "Ma1";
  const DocumentAnalysis a = analyze_with_signals(catalog(), pages);
  REQUIRE(a.result.fields.at("full_name").value == "Lê Thị Ma1");
  CHECK(signals_of(a, "full_name").foreign_chars == 1);
  CHECK(signals_of(a, "full_name").leader_runs == 0);
  CHECK(a.result.fields.at("full_name").needs_review == k_review_thresholds.flag_foreign_chars);
  CHECK_FALSE(a.result.fields.at("gender").needs_review);
}

TEST_CASE("a name whose dots normalization made spaces stays under review") {
  auto pages = ct01_form();
  auto& words = pages[0].lines[5].words; // "1. Họ, chữ đệm và tên: Lê Thị Mai"
  words.back().text = "Thị.Mai";
  words.erase(words.end() - 2);
  const DocumentAnalysis a = analyze_with_signals(catalog(), pages);
  REQUIRE(a.result.fields.at("full_name").value == "Lê Thị Mai");
  CHECK(signals_of(a, "full_name").foreign_chars == 1);
  CHECK(a.result.fields.at("full_name").needs_review == k_review_thresholds.flag_foreign_chars);
}

TEST_CASE("syllables Vietnamese does not have are counted in names and places") {
  const Lexicon lexicon({"vợ", "ngọc", "nguyễn", "thị", "mông", "số", "đường", "lê", "lợi", "quận"},
                        {});
  CHECK(unknown_syllables(ValueKind::text, "Vợ", lexicon) == 0);
  CHECK(unknown_syllables(ValueKind::text, "Vự", lexicon) == 1);
  // A final -c takes a sắc or nặng tone: "Ngoc" is a lost mark.
  CHECK(unknown_syllables(ValueKind::name, "Nguyễn Thị Ngoc", lexicon) == 1);
  CHECK(unknown_syllables(ValueKind::name, "NGUYỄN THỊ NGỌC", lexicon) == 0);
  // Split at the apostrophe; the lone letter is not asked.
  CHECK(unknown_syllables(ValueKind::text, "H'Mông", lexicon) == 0);
  // House numbers, "quận 1" and abbreviations without a vowel are not asked.
  CHECK(unknown_syllables(ValueKind::multiline_text, "Số 31/16, đường Lê Lợi, quận 1„ TP.",
                          lexicon) == 0);
  CHECK(unknown_syllables(ValueKind::multiline_text, "Sấ 12, đường Lê Lợi", lexicon) == 1);
  // Kinds with rules of their own are left to them.
  CHECK(unknown_syllables(ValueKind::email, "vu@example.vn", lexicon) == 0);
}

TEST_CASE(
    "a relationship misread into no Vietnamese syllable is flagged when the lexicon is given") {
  auto pages = ct01_form();
  OcrWord* relationship = nullptr; // "8. Mối quan hệ với chủ hộ: Con"
  for (auto& line : pages[0].lines) {
    for (auto& word : line.words) {
      relationship = word.text == "Con" ? &word : relationship;
    }
  }
  REQUIRE(relationship != nullptr);
  relationship->text = "Cọn";
  const Lexicon lexicon({"con",    "lê",  "văn",  "hùng", "thị", "mai",    "công",  "an",
                         "phường", "bến", "nghé", "đăng", "ký",  "thường", "trú",   "vào",
                         "hộ",     "gia", "đình", "ông",  "tại", "số",     "đường", "lợi"},
                        catalog().phrases());
  const DocumentAnalysis with = analyze_with_signals(catalog(), pages, std::nullopt, &lexicon);
  REQUIRE(with.result.fields.at("relationship_to_head").value == "Cọn");
  CHECK(signals_of(with, "relationship_to_head").unknown_syllables == 1);
  CHECK(signals_of(with, "household_head_name").unknown_syllables == 0);
  CHECK(with.result.fields.at("relationship_to_head").needs_review ==
        k_review_thresholds.flag_unknown_syllables);
  CHECK(review_reason(signals_of(with, "relationship_to_head")) ==
        (k_review_thresholds.flag_unknown_syllables ? ReviewReason::unknown_syllable
                                                    : ReviewReason::none));
  // Without the lexicon the signal is not computed.
  const DocumentAnalysis without = analyze_with_signals(catalog(), pages);
  CHECK(signals_of(without, "relationship_to_head").unknown_syllables == 0);
}
