#include "term_list.hpp"
#include "sohoa/core/error.hpp"
#include "fuzzy.hpp"
#include "text_fold.hpp"
#include <fstream>
#include <set>

namespace sohoa::forms {

int allowed_slips(std::size_t folded_length) {
  if (folded_length < 4) {
    return 0;
  }
  return folded_length < 10 ? 1 : 2;
}

TermList::TermList(std::vector<std::string> spellings) : m_spellings(std::move(spellings)) {
  m_folded.reserve(m_spellings.size());
  for (const auto& s : m_spellings) {
    m_folded.push_back(fold_alnum(s));
  }
}

TermList TermList::load_tsv(const std::filesystem::path& file, std::size_t name_column) {
  std::ifstream in(file);
  if (!in) {
    throw Error(Stage::config, "bad_schema", "cannot read the term list", file.string());
  }
  std::vector<std::string> spellings;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    std::size_t column = 0;
    std::size_t start = 0;
    while (start <= line.size()) {
      const std::size_t tab = std::min(line.find('\t', start), line.size());
      if (column >= name_column) {
        const std::string cell = line.substr(start, tab - start);
        std::size_t from = 0;
        while (from <= cell.size()) {
          const std::size_t semi = std::min(cell.find(';', from), cell.size());
          if (semi > from) {
            spellings.push_back(to_nfc(cell.substr(from, semi - from)));
          }
          from = semi + 1;
        }
      }
      ++column;
      start = tab + 1;
    }
  }
  if (spellings.empty()) {
    throw Error(Stage::config, "bad_schema", "the term list is empty", file.string());
  }
  return TermList(std::move(spellings));
}

TermMatch TermList::match(std::string_view value) const {
  TermMatch out{std::string(value), false, false};
  const std::string printed = spelling_key(value);
  for (const auto& s : m_spellings) {
    if (spelling_key(s) == printed) {
      out.hit = true;
      return out;
    }
  }
  const std::string folded = fold_alnum(value);
  if (folded.empty()) {
    return out;
  }
  // The nearest spellings; several spellings of one term may tie only if they
  // fold alike, else the value is ambiguous.
  const int limit = allowed_slips(folded.size());
  int best = limit + 1;
  std::set<std::string> nearest_folds;
  const std::string* nearest = nullptr;
  for (std::size_t i = 0; i < m_spellings.size(); ++i) {
    const int d = edit_distance(folded, m_folded[i]);
    if (d > limit) {
      continue;
    }
    if (d < best) {
      best = d;
      nearest_folds = {m_folded[i]};
      nearest = &m_spellings[i];
    } else if (d == best) {
      nearest_folds.insert(m_folded[i]);
    }
  }
  if (nearest == nullptr || nearest_folds.size() != 1) {
    return out;
  }
  std::set<std::string> same_fold; // e.g. "Ê-đê" and "Ê Đê": which was printed is unknown
  for (std::size_t i = 0; i < m_spellings.size(); ++i) {
    if (m_folded[i] == *nearest_folds.begin()) {
      same_fold.insert(spelling_key(m_spellings[i]));
    }
  }
  if (same_fold.size() != 1) {
    return out;
  }
  out.value = is_upper_case_text(value) ? to_upper(*nearest) : *nearest;
  out.hit = true;
  out.corrected = true;
  return out;
}

} // namespace sohoa::forms
