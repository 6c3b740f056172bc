#include "sohoa/forms/analyze.hpp"
#include "card_expiry.hpp"
#include "card_fields.hpp"
#include "card_value_shapes.hpp"
#include "street_names.hpp"
#include "unit_names.hpp"
#include "classifier.hpp"
#include "sohoa/forms/field_checks.hpp"
#include "sohoa/forms/form_type.hpp"
#include "sohoa/forms/identifiers.hpp"
#include "label_extractor.hpp"
#include "name_syllables.hpp"
#include "sohoa/forms/normalize.hpp"
#include "pattern_fallback.hpp"
#include "region_extractor.hpp"
#include "name_values.hpp"
#include "surnames.hpp"
#include "tax_codes.hpp"
#include "sohoa/forms/value_shape.hpp"
#include "sohoa/forms/vocabulary_check.hpp"
#include <algorithm>

namespace sohoa::forms {

namespace {

std::size_t word_count(const std::string& value) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : value) {
    const bool space = c == ' ';
    words += !space && !in_word ? 1 : 0;
    in_word = !space;
  }
  return words;
}

bool has_rule(ValueKind kind) {
  switch (kind) {
  case ValueKind::date:
  case ValueKind::year:
  case ValueKind::id_number:
  case ValueKind::cmnd:
  case ValueKind::id_document:
  case ValueKind::phone:
  case ValueKind::email:
  case ValueKind::phone_or_email:
  case ValueKind::gender:
    return true;
  default:
    return false;
  }
}

FieldSignals signals_of(const FieldSpec& spec, const RawField& raw, const FieldValue& value,
                        bool list_corrected, int unknown_name_syllables, const Lexicon* lexicon) {
  FieldSignals s;
  s.kind = spec.kind;
  // A value found by its shape is one word, and its confidence carries the
  // unlabelled discount: its own word's confidence is the one to weigh.
  s.mean_confidence = raw.found_by == FoundBy::pattern
                          ? raw.min_word_confidence
                          : raw.confidence / std::max(raw.label_score, 0.01F);
  s.min_confidence = raw.min_word_confidence;
  s.label_score = raw.label_score;
  s.found_by = raw.found_by;
  s.rows = raw.rows;
  s.words = static_cast<int>(word_count(value.value));
  s.has_rule = has_rule(spec.kind) || !spec.pattern.empty();
  s.list_corrected = list_corrected;
  s.agreement = agreement_of(raw.words_read_twice, raw.readings_disagree);
  s.leader_runs = inner_leader_runs(raw.text);
  s.foreign_chars = foreign_chars(spec.kind, value.value);
  if (spec.kind == ValueKind::name) {
    // The dots normalization turned into spaces were read there: the words
    // around them may be misread too, so they still count.
    const std::string cleaned = clean_value(raw.text);
    s.foreign_chars += static_cast<int>(std::count(cleaned.begin(), cleaned.end(), '.'));
  }
  s.odd_length = odd_length(spec.kind, s.words);
  s.unknown_syllables =
      lexicon == nullptr ? 0 : unknown_syllables(spec.kind, value.value, *lexicon);
  // A middle or given name no name of the list holds is a syllable to check too.
  s.unknown_syllables += unknown_name_syllables;
  return s;
}

bool inside(const Box& inner, const Box& outer) {
  return inner.x >= outer.x && inner.y >= outer.y && inner.right() <= outer.right() &&
         inner.bottom() <= outer.bottom();
}

// An expiry whose label was lost is the one word of the card (outside the other
// fields) that reads as a renewal birthday of the holder, a slip or two off.
std::optional<FieldValue> expiry_among_words(const std::vector<PageText>& pages,
                                             const FormsResult& result, const std::string& birth) {
  std::optional<FieldValue> found;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    for (const auto& line : pages[p].lines) {
      for (const auto& word : line.words) {
        const int page = static_cast<int>(p) + 1;
        const bool taken =
            std::any_of(result.fields.begin(), result.fields.end(), [&](const auto& f) {
              return f.second.page == page && inside(word.box, f.second.bbox);
            });
        const auto expiry = taken ? std::nullopt : card_expiry_from_birth(word.text, birth);
        if (!expiry) {
          continue;
        }
        if (found && found->value != *expiry) {
          return std::nullopt; // two candidates: neither is known to be the expiry
        }
        FieldValue v;
        v.value = *expiry;
        v.confidence = word.confidence * k_unlabelled_confidence_factor;
        v.page = page;
        v.bbox = word.box;
        v.needs_review = true;
        found = v;
      }
    }
  }
  return found;
}

// A card's expiry is a renewal birthday of its holder (card_expiry.hpp): one read
// a slip or two off is restored, one that is none is reviewed, one whose label was
// lost is looked for among the card's words.
void settle_card_expiry(const FormType& type, const std::vector<PageText>& pages,
                        FormsResult& result) {
  if (type.cues.shape != "card") {
    return;
  }
  for (const FieldSpec& spec : type.fields) {
    const auto birth = result.fields.find(spec.cross_birth_date);
    if (!spec.expiry_date || birth == result.fields.end()) {
      continue;
    }
    const auto expiry = result.fields.find(spec.id);
    if (expiry == result.fields.end()) {
      if (auto found = expiry_among_words(pages, result, birth->second.value)) {
        result.fields[spec.id] = std::move(*found);
      }
      continue;
    }
    const auto restored = card_expiry_from_birth(expiry->second.value, birth->second.value);
    if (!restored || *restored != expiry->second.value) {
      expiry->second.needs_review = true;
    }
    if (restored) {
      expiry->second.value = *restored;
    }
  }
}

} // namespace

FormsResult analyze(const FormCatalog& catalog, const std::vector<PageText>& pages,
                    const std::optional<std::string>& doc_type_override, const Lexicon* lexicon) {
  return analyze_with_signals(catalog, pages, doc_type_override, lexicon).result;
}

DocumentAnalysis analyze_with_signals(const FormCatalog& catalog,
                                      const std::vector<PageText>& pages,
                                      const std::optional<std::string>& doc_type_override,
                                      const Lexicon* lexicon) {
  DocumentAnalysis analysis;
  FormsResult& result = analysis.result;
  const FormType* type = nullptr;
  if (doc_type_override && *doc_type_override != "unknown") {
    type = catalog.find(*doc_type_override);
    if (type == nullptr) {
      result.issues.push_back({"", "unknown_doc_type",
                               "dossier.json nêu loại giấy tờ \"" + *doc_type_override +
                                   "\" không có trong danh mục; đã tự phân loại."});
    } else {
      result.doc_type = type->doc_type;
      result.doc_type_confidence = 1.0;
    }
  }
  if (type == nullptr && !(doc_type_override && *doc_type_override == "unknown")) {
    const Classification c = classify(catalog, pages);
    result.doc_type = c.doc_type;
    result.doc_type_confidence = c.confidence;
    type = catalog.find(c.doc_type);
    if (c.uncertain) {
      result.issues.push_back({"", "doc_type_uncertain",
                               "loại giấy tờ chưa chắc chắn (độ tin cậy " +
                                   std::to_string(static_cast<int>(c.confidence * 100)) +
                                   "%); cần xác nhận."});
    }
  }
  if (type == nullptr) {
    result.doc_type = "unknown";
    check_printed_tax_codes(pages, result);
    return analysis;
  }
  RawFields raw =
      type->layout == "regions" ? extract_regions(*type, pages) : extract_labelled(*type, pages);
  find_card_fields_by_order(*type, pages, raw);
  find_card_fields_by_value_shape(*type, pages, raw);
  find_by_pattern(*type, pages, raw);
  ListSignals list_signals;
  for (const auto& [id, r] : raw) {
    const FieldSpec* spec = type->field(id);
    if (spec == nullptr) {
      continue;
    }
    FieldValue v;
    int unknown_name_syllables = 0;
    v.value = normalize_value(spec->kind, r.text);
    if (spec->kind == ValueKind::name) {
      v.value = without_stray_end(v.value);
      if (is_printed_label(catalog.types(), v.value)) {
        continue; // the next label read as the value: the name is not found
      }
      v.value = restore_surname(v.value, catalog.surnames());
      NameSyllableCheck names = check_name_syllables(v.value, catalog.name_syllables());
      v.value = std::move(names.value);
      unknown_name_syllables = names.unknown;
    }
    if (v.value.empty()) {
      continue; // only leaders: the form was left blank there
    }
    const bool dated = spec->kind == ValueKind::date || spec->kind == ValueKind::year;
    if (dated && v.value.find_first_of("0123456789") == std::string::npos) {
      continue; // "Không thời hạn" (no expiry) is no date to check
    }
    bool street_restored = false;
    if (spec->vocabulary == Vocabulary::address) {
      StreetCheck streets =
          restore_street_names(v.value, catalog.surnames(), catalog.name_syllables());
      v.value = std::move(streets.value);
      street_restored = streets.restored > 0;
    } else if (spec->vocabulary == Vocabulary::none &&
               (spec->kind == ValueKind::text || spec->kind == ValueKind::multiline_text)) {
      UnitNamesCheck units = restore_unit_names(v.value, catalog.gazetteer());
      v.value = std::move(units.value);
      street_restored = units.restored > 0;
    }
    ListCheck listed = check_against_list(*spec, catalog, v.value);
    listed.corrected = listed.corrected || street_restored;
    v.value = std::move(listed.value);
    list_signals[id] = listed.signal;
    v.confidence = r.confidence;
    v.page = r.page;
    v.bbox = r.bbox;
    v.needs_review = r.by_card_order;
    analysis.signals[id] =
        signals_of(*spec, r, v, listed.corrected, unknown_name_syllables, lexicon);
    result.fields[id] = v;
  }
  settle_card_expiry(*type, pages, result);
  check_fields(*type, catalog, result, today_iso(), list_signals, &analysis.signals);
  check_printed_tax_codes(pages, result);
  return analysis;
}

} // namespace sohoa::forms
