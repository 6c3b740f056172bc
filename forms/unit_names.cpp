#include "unit_names.hpp"

#include "text_fold.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace sohoa::forms {
namespace {

// Unit type words, folded, longest first ("thi tran" before a bare "thi").
constexpr std::array<std::string_view, 8> k_type_words = {
    "thanh pho", "thi tran", "thi xa", "phuong", "quan", "huyen", "tinh", "xa"};
// A unit's name: one to four words.
constexpr std::size_t k_max_name_words = 4;

// The type word starting at words[i] and its length in words.
std::optional<std::pair<std::string, std::size_t>> type_at(const std::vector<std::string>& words,
                                                           std::size_t i) {
  for (const auto type : k_type_words) {
    const std::vector<std::string> parts = split_spaces(type);
    if (i + parts.size() > words.size()) {
      continue;
    }
    bool match = true;
    for (std::size_t k = 0; k < parts.size() && match; ++k) {
      const std::string& w = words[i + k];
      match = fold_alnum(w) == parts[k] && (k + 1 == parts.size() || w.back() != ',');
    }
    if (match && words[i + parts.size() - 1].back() != ',') {
      return std::make_pair(std::string(type), parts.size());
    }
  }
  return std::nullopt;
}

// The official spelling of a unit of this type named so, in the text's case;
// nullopt when no unit of the type folds alike or those that do are spelt
// differently (no way to choose).
std::optional<std::string> official_spelling(const Gazetteer& gazetteer, const std::string& type,
                                             const std::string& name) {
  const std::string name_fold = fold_alnum(name);
  const std::string lower = to_lower(name);
  std::optional<std::string> spelling;
  for (const auto& u : gazetteer.units()) {
    if (u.type_fold != type || u.name_fold != name_fold) {
      continue;
    }
    if (to_lower(u.name) == lower) {
      return name; // spelt right
    }
    if (spelling && to_lower(*spelling) != to_lower(u.name)) {
      return std::nullopt;
    }
    spelling = u.name;
  }
  if (spelling && is_upper_case_text(name)) {
    return to_upper(*spelling);
  }
  return spelling;
}

bool letters_only(const std::string& word) {
  const std::string folded = fold_alnum(word);
  return !folded.empty() && folded.size() == fold(word).size() &&
         std::all_of(folded.begin(), folded.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

std::string strip_comma(const std::string& w, bool& comma) {
  comma = !w.empty() && w.back() == ',';
  return comma ? w.substr(0, w.size() - 1) : w;
}

} // namespace

UnitNamesCheck restore_unit_names(const std::string& text, const Gazetteer& gazetteer) {
  UnitNamesCheck out;
  std::vector<std::string> words = split_spaces(text);
  if (gazetteer.empty()) {
    out.value = text;
    return out;
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto type = type_at(words, i);
    if (!type) {
      continue;
    }
    const std::size_t first = i + type->second;
    // The name's words: capitalized, up to a comma or the next type word.
    std::vector<std::string> candidate;
    std::vector<bool> commas;
    std::size_t end = first;
    while (end < words.size() && candidate.size() < k_max_name_words && !type_at(words, end)) {
      bool comma = false;
      const std::string w = strip_comma(words[end], comma);
      if (!letters_only(w) || !starts_upper(w)) {
        break; // a mark or a quote in the name: something was lost there
      }
      candidate.push_back(w);
      commas.push_back(comma);
      ++end;
      if (comma) {
        break;
      }
    }
    // An agency's line runs on without a comma ("THÀNH PHỐ ĐÀ NẴNG SỞ TƯ PHÁP"):
    // the longest run of words that names a unit.
    for (std::size_t n = candidate.size(); n > 0; --n) {
      std::string name;
      for (std::size_t k = 0; k < n; ++k) {
        name += (k == 0 ? "" : " ") + candidate[k];
      }
      const std::optional<std::string> spelling = official_spelling(gazetteer, type->first, name);
      if (!spelling) {
        continue;
      }
      const std::vector<std::string> parts = split_spaces(*spelling);
      if (*spelling != name && parts.size() == n) {
        for (std::size_t k = 0; k < n; ++k) {
          words[first + k] = parts[k] + (commas[k] ? "," : "");
        }
        ++out.restored;
      }
      end = first + n;
      break;
    }
    i = std::max(i, end == first ? i : end - 1);
  }
  for (const auto& w : words) {
    out.value += (out.value.empty() ? "" : " ") + w;
  }
  return out;
}

} // namespace sohoa::forms
