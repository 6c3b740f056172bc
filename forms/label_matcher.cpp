#include "label_matcher.hpp"
#include "fuzzy.hpp"
#include "text_fold.hpp"
#include <algorithm>
#include <map>
#include <regex>

namespace sohoa::forms {
namespace {

// Short labels ("Tại", "Số", "Sex") match only exactly; longer ones allow one
// edit in five characters.
double min_score(std::size_t length) {
  return length <= 4 ? 1.0 : 0.8;
}

bool ends_with_colon(const std::string& text) {
  const auto end = text.find_last_not_of(" ");
  return end != std::string::npos && (text[end] == ':' || text[end] == ';');
}

bool is_leader_or_colon(const std::string& text) {
  return !text.empty() && match_token(text).empty() &&
         text.find_first_of(":.\xE2_") != std::string::npos;
}

void add_pattern(std::map<std::pair<std::string, int>, LabelPattern>& merged,
                 const std::string& label, LabelRole role, const FieldSpec* field,
                 const std::string& section) {
  const std::string folded = fold_alnum(label);
  if (folded.empty()) {
    return;
  }
  const bool anchored = field != nullptr && !field->anchor.empty();
  // Anchored labels are kept apart: "ngày" after "Làm tại" is no stop elsewhere.
  const int key_role = static_cast<int>(role) * 2 + (anchored ? 1 : 0);
  auto& p = merged[{folded, key_role}];
  p.folded = folded;
  p.role = role;
  p.anchored = anchored;
  p.section = section;
  if (field != nullptr && std::find(p.fields.begin(), p.fields.end(), field) == p.fields.end()) {
    p.fields.push_back(field);
  }
}

} // namespace

bool is_numbering(const std::string& text) {
  static const std::regex numbering(R"(^\(?(\d{1,2}|[a-zđ])[.)]?$)");
  return std::regex_match(text, numbering);
}

std::string match_token(const std::string& word_text) {
  static const std::regex footnote(R"(\(\s*\d{1,2}\s*\))");
  return fold_alnum(std::regex_replace(before_leader(word_text), footnote, ""));
}

std::string before_leader(const std::string& word_text) {
  const std::size_t dots = word_text.find("...");
  const std::size_t ellipsis = word_text.find("\xE2\x80\xA6");
  return word_text.substr(0, std::min(dots, ellipsis));
}

bool has_leader(const std::string& word_text) {
  return word_text.find("...") != std::string::npos ||
         word_text.find("\xE2\x80\xA6") != std::string::npos;
}

std::vector<LabelPattern> label_patterns(const FormType& type) {
  std::map<std::pair<std::string, int>, LabelPattern> merged;
  for (const auto& f : type.fields) {
    for (const auto& label : f.labels) {
      add_pattern(merged, label, LabelRole::field, &f, "");
    }
  }
  for (const auto& label : type.stop_labels) {
    add_pattern(merged, label, LabelRole::stop, nullptr, "");
  }
  for (const auto& s : type.sections) {
    for (const auto& heading : s.headings) {
      add_pattern(merged, heading, LabelRole::heading, nullptr, s.id);
    }
  }
  std::vector<LabelPattern> out;
  for (auto& [key, p] : merged) {
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<LabelHit> find_labels(const OcrLine& line, const std::vector<LabelPattern>& patterns,
                                  bool with_anchored) {
  const int n = static_cast<int>(line.words.size());
  std::vector<std::string> tokens(n);
  for (int i = 0; i < n; ++i) {
    tokens[i] = match_token(line.words[i].text);
  }
  std::vector<LabelHit> candidates;
  bool at_line_start = true;
  for (int i = 0; i < n; ++i) {
    if (tokens[i].empty()) {
      continue;
    }
    for (const auto& p : patterns) {
      if (p.anchored && !with_anchored) {
        continue;
      }
      const std::size_t len = p.folded.size();
      // Cheap reject: the first letters must agree (labels start cleanly).
      if (tokens[i][0] != p.folded[0]) {
        continue;
      }
      std::string joined;
      LabelHit best;
      for (int j = i; j < n && joined.size() <= len + 2; ++j) {
        joined += tokens[j];
        if (tokens[j].empty() || joined.size() + 2 < len) {
          continue;
        }
        const double s = similarity(joined, p.folded);
        if (s >= min_score(len) && s > best.score) {
          best = {&p, i, j, s};
        }
      }
      if (best.pattern == nullptr) {
        continue;
      }
      const std::string& last_text = line.words[best.last_word].text;
      const bool colon =
          ends_with_colon(before_leader(last_text)) || has_leader(last_text) ||
          (best.last_word + 1 < n && is_leader_or_colon(line.words[best.last_word + 1].text));
      // Inside a line, a label needs its colon or leader (a name like "Trần Quốc
      // Tịch" holds "Quốc tịch"); long labels are unlikely by chance.
      if (!at_line_start && !colon && len < 12 && !p.anchored) {
        continue;
      }
      if (len <= 4 && !colon && !p.anchored) {
        continue;
      }
      // Inside a value, a short label must be exact: "Nam Định" is one edit from
      // "Năm sinh".
      if (!at_line_start && len <= 8 && best.score < 1.0) {
        continue;
      }
      best.score = std::min(1.0, best.score + (colon ? 0.05 : 0.0));
      best.colon = colon;
      candidates.push_back(best);
    }
    if (!is_numbering(line.words[i].text)) {
      at_line_start = false;
    }
  }
  // From the same word, the label that reads further wins unless the shorter
  // one ends in its colon: "Quê quán / Place of origin" read with slips beats an
  // exact "Quê quán" that would leave "/ Place 0 œigin" as the value, while
  // "Họ và tên:" stays itself before a name that starts like "cha".
  std::vector<LabelHit> kept;
  for (const auto& shorter : candidates) {
    const bool outread =
        !shorter.colon && std::any_of(candidates.begin(), candidates.end(), [&](const LabelHit& h) {
          return h.first_word == shorter.first_word && h.last_word > shorter.last_word;
        });
    if (!outread) {
      kept.push_back(shorter);
    }
  }
  candidates = std::move(kept);
  // Non-overlapping choice: better matches first, then longer labels.
  std::sort(candidates.begin(), candidates.end(), [](const LabelHit& a, const LabelHit& b) {
    if (std::abs(a.score - b.score) > 0.06) {
      return a.score > b.score;
    }
    if (a.pattern->folded.size() != b.pattern->folded.size()) {
      return a.pattern->folded.size() > b.pattern->folded.size();
    }
    return a.first_word < b.first_word;
  });
  std::vector<LabelHit> chosen;
  for (const auto& c : candidates) {
    const bool overlaps = std::any_of(chosen.begin(), chosen.end(), [&](const LabelHit& h) {
      return c.first_word <= h.last_word && h.first_word <= c.last_word;
    });
    if (!overlaps) {
      chosen.push_back(c);
    }
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const LabelHit& a, const LabelHit& b) { return a.first_word < b.first_word; });
  return chosen;
}

} // namespace sohoa::forms
