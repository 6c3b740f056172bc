#include "pattern_fallback.hpp"
#include "schema_regex.hpp"
#include "sohoa/forms/normalize.hpp"
#include <algorithm>

namespace sohoa::forms {
namespace {

bool inside(const Box& inner, const Box& outer) {
  return inner.x >= outer.x && inner.y >= outer.y && inner.right() <= outer.right() &&
         inner.bottom() <= outer.bottom();
}

// A word that another field's value already holds is not free to take.
bool taken(const RawFields& found, int page, const Box& box) {
  for (const auto& [id, raw] : found) {
    if (raw.page == page && inside(box, raw.bbox)) {
      return true;
    }
  }
  return false;
}

} // namespace

void find_by_pattern(const FormType& type, const std::vector<PageText>& pages, RawFields& found) {
  for (const FieldSpec& field : type.fields) {
    if (field.find_by_pattern.empty() || found.count(field.id) != 0) {
      continue;
    }
    std::string error;
    const SchemaRegex shape = SchemaRegex::compile(field.find_by_pattern, error);
    std::vector<std::pair<std::string, RawField>> candidates;
    for (std::size_t p = 0; p < pages.size(); ++p) {
      const int page = static_cast<int>(p) + 1;
      for (const auto& line : pages[p].lines) {
        for (const auto& word : line.words) {
          const std::string value = normalize_value(field.kind, word.text);
          if (value.empty() || !shape.full_match(value) || taken(found, page, word.box)) {
            continue;
          }
          RawField raw;
          raw.text = word.text;
          raw.confidence = word.confidence * k_unlabelled_confidence_factor;
          raw.min_word_confidence = word.confidence;
          raw.count_readings(word);
          raw.found_by = FoundBy::pattern;
          raw.page = page;
          raw.bbox = word.box;
          candidates.emplace_back(value, raw);
        }
      }
    }
    if (candidates.empty()) {
      continue;
    }
    const std::string& first = candidates.front().first;
    const bool one_value = std::all_of(candidates.begin(), candidates.end(),
                                       [&](const auto& c) { return c.first == first; });
    if (one_value) {
      found[field.id] = candidates.front().second;
    }
  }
}

} // namespace sohoa::forms
