#include "gazetteer.hpp"
#include "sohoa/core/error.hpp"
#include "fuzzy.hpp"
#include "term_list.hpp"
#include "text_fold.hpp"
#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <regex>
#include <set>

namespace sohoa::forms {
namespace {

// Folded unit type words and the abbreviations printed for them ("TP.", "Q.").
struct TypeWord {
  std::vector<std::string> tokens; // folded, alphanumerics only
  std::string type;                // folded official type
};

const std::vector<TypeWord>& type_words() {
  static const std::vector<TypeWord> k_words = {{{"thanh", "pho"}, "thanh pho"},
                                                {{"thi", "tran"}, "thi tran"},
                                                {{"thi", "xa"}, "thi xa"},
                                                {{"dac", "khu"}, "dac khu"},
                                                {{"tinh"}, "tinh"},
                                                {{"quan"}, "quan"},
                                                {{"huyen"}, "huyen"},
                                                {{"phuong"}, "phuong"},
                                                {{"xa"}, "xa"},
                                                {{"tp"}, "thanh pho"},
                                                {{"tx"}, "thi xa"},
                                                {{"tt"}, "thi tran"},
                                                {{"q"}, "quan"},
                                                {{"p"}, "phuong"}};
  return k_words;
}

bool is_province_type(std::string_view type_fold) {
  return type_fold == "tinh" || type_fold == "thanh pho";
}

// A comma-separated part of an address: where the unit's name starts (in tokens)
// and the folded type word before it, if any.
struct PartName {
  std::vector<std::string> tokens;
  std::string type_fold;
  std::size_t name_start = 0;
  std::size_t type_start = 0;   // where the type word starts, in tokens
  bool type_slipped = false;    // the type word was read with a slip ("huyvên")
  bool type_misspelled = false; // or with its marks slipped ("PHUÒNG")
};

std::string join(const std::vector<std::string>& tokens, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    out += (out.empty() ? "" : " ") + tokens[i];
  }
  return out;
}

// A part that is a type word and nothing else: an address cut after it.
bool is_type_word_only(const std::vector<std::string>& tokens) {
  return std::any_of(type_words().begin(), type_words().end(), [&](const TypeWord& w) {
    if (w.tokens.size() != tokens.size()) {
      return false;
    }
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      if (fold_alnum(tokens[k]) != w.tokens[k]) {
        return false;
      }
    }
    return true;
  });
}

// The printed spelling of a folded official type.
std::string type_spelling(std::string_view type_fold) {
  static const std::map<std::string, std::string, std::less<>> k_spellings = {
      {"thanh pho", "thành phố"}, {"thi tran", "thị trấn"}, {"thi xa", "thị xã"},
      {"dac khu", "đặc khu"},     {"tinh", "tỉnh"},         {"quan", "quận"},
      {"huyen", "huyện"},         {"phuong", "phường"},     {"xa", "xã"}};
  const auto it = k_spellings.find(type_fold);
  return it == k_spellings.end() ? std::string(type_fold) : it->second;
}

// A part opening with a type word one slip off ("huyvên Nghi Lộc", "thành hố
// Huế"): only long type words, only at the part's start, and only one candidate.
void find_slipped_type(PartName& p, const std::vector<std::string>& folded) {
  const TypeWord* match = nullptr;
  for (const auto& w : type_words()) {
    std::string official;
    std::string read;
    for (std::size_t k = 0; k < w.tokens.size() && k < folded.size(); ++k) {
      official += w.tokens[k];
      read += folded[k];
    }
    if (official.size() < 5 || w.tokens.size() >= folded.size() ||
        edit_distance(read, official) != 1) {
      continue;
    }
    if (match != nullptr && match->type != w.type) {
      return; // two type words as near: no way to choose
    }
    match = &w;
  }
  if (match != nullptr) {
    p.type_fold = match->type;
    p.name_start = match->tokens.size();
    p.type_slipped = true;
  }
}

PartName parse_part(std::string_view part) {
  PartName p;
  p.tokens = split_spaces(part);
  std::vector<std::string> folded;
  folded.reserve(p.tokens.size());
  for (const auto& t : p.tokens) {
    folded.push_back(fold_alnum(t));
  }
  // The last type word with a name after it: "Công an tỉnh Nghệ An" -> tỉnh, "Nghệ An".
  for (std::size_t start = p.tokens.size(); start-- > 0;) {
    for (const auto& w : type_words()) {
      const std::size_t end = start + w.tokens.size();
      if (end >= p.tokens.size()) {
        continue; // no name after the type word
      }
      bool same = true;
      for (std::size_t k = 0; k < w.tokens.size() && same; ++k) {
        same = folded[start + k] == w.tokens[k];
      }
      if (same) {
        p.type_fold = w.type;
        p.name_start = end;
        p.type_start = start;
        // Abbreviations ("TP.", "Q.") stay as printed.
        const std::string printed = to_lower(join(p.tokens, start, end));
        p.type_misspelled =
            fold(printed) == w.type && spelling_key(printed) != spelling_key(type_spelling(w.type));
        return p;
      }
    }
  }
  find_slipped_type(p, folded);
  return p;
}

// OCR reads a comma as a full stop or semicolon now and then ("Nghi Lộc. tỉnh
// Nghệ An"): one before a type word separates parts too. "TP. Huế" is no
// separator, its dot is followed by a name.
bool separates_parts(std::string_view value, std::size_t at) {
  if (value[at] == ',') {
    return true;
  }
  if (value[at] != '.' && value[at] != ';') {
    return false;
  }
  const std::size_t next = value.find_first_not_of(' ', at + 1);
  if (next == std::string_view::npos || next == at + 1) {
    return false;
  }
  const std::size_t end = value.find_first_of(" ,.;", next);
  const std::string word = fold_alnum(value.substr(next, end - next));
  return std::any_of(type_words().begin(), type_words().end(), [&](const TypeWord& w) {
    return w.tokens.front() == word && w.tokens.front().size() > 2;
  });
}

struct Parts {
  std::vector<std::string> parts;
  std::vector<bool> after_stop; // the part followed a full stop read for a comma
};

Parts split_commas(std::string_view value) {
  Parts out;
  std::size_t start = 0;
  bool stop = false;
  for (std::size_t i = 0; i <= value.size(); ++i) {
    if (i < value.size() && !separates_parts(value, i)) {
      continue;
    }
    out.parts.push_back(collapse_spaces(value.substr(start, i - start)));
    out.after_stop.push_back(stop);
    stop = i < value.size() && value[i] != ',';
    start = i + 1;
  }
  return out;
}

std::string children_key(bool after_2025, std::string_view code) {
  return std::string(after_2025 ? "n|" : "o|") + std::string(code);
}

} // namespace

Gazetteer::Gazetteer(std::vector<AdminUnit> units) : m_units(std::move(units)) {
  for (auto& u : m_units) {
    u.name_fold = fold_alnum(u.name);
    u.type_fold = fold(u.type);
  }
  for (const auto& u : m_units) {
    m_all.push_back(&u);
    if (u.level == UnitLevel::province) {
      m_provinces.push_back(&u);
    } else {
      m_children[children_key(u.after_2025, u.parent)].push_back(&u);
    }
  }
}

Gazetteer Gazetteer::load(const std::filesystem::path& tsv) {
  std::ifstream in(tsv);
  if (!in) {
    throw Error(Stage::config, "bad_schema", "cannot read the gazetteer", tsv.string());
  }
  std::vector<AdminUnit> units;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') {
      continue;
    }
    std::array<std::string, 6> cell;
    std::size_t start = 0;
    std::size_t n = 0;
    for (; n < cell.size() && start <= line.size(); ++n) {
      const std::size_t tab = std::min(line.find('\t', start), line.size());
      cell[n] = line.substr(start, tab - start);
      start = tab + 1;
    }
    const bool level_ok = cell[1] == "p" || cell[1] == "d" || cell[1] == "c";
    static const std::regex k_validity(R"(^(-\d{4}-\d{2}-\d{2}|\d{4}-\d{2}-\d{2}-)$)");
    const bool validity_ok = std::regex_match(cell[5], k_validity);
    if (n != cell.size() || !level_ok || !validity_ok || cell[0].empty() || cell[3].empty()) {
      throw Error(Stage::config, "bad_schema",
                  "line " + std::to_string(line_no) +
                      ": want code, level p|d|c, type, name, parent, validity (-END or START-)",
                  tsv.string());
    }
    AdminUnit u;
    u.code = cell[0];
    u.level = cell[1] == "p" ? UnitLevel::province
                             : (cell[1] == "d" ? UnitLevel::district : UnitLevel::commune);
    u.type = cell[2];
    u.name = to_nfc(cell[3]);
    u.parent = cell[4];
    u.after_2025 = cell[5].back() == '-' && cell[5] >= "2025-07-01";
    units.push_back(std::move(u));
  }
  if (units.empty()) {
    throw Error(Stage::config, "bad_schema", "the gazetteer is empty", tsv.string());
  }
  return Gazetteer(std::move(units));
}

std::vector<const AdminUnit*>
Gazetteer::children_of(const std::vector<const AdminUnit*>& parents) const {
  std::vector<const AdminUnit*> out;
  for (const AdminUnit* p : parents) {
    const auto it = m_children.find(children_key(p->after_2025, p->code));
    if (it != m_children.end()) {
      out.insert(out.end(), it->second.begin(), it->second.end());
    }
  }
  return out;
}

Gazetteer::Found Gazetteer::find_among(const std::vector<const AdminUnit*>& candidates,
                                       std::string_view type_fold, std::string_view name,
                                       bool allow_slips) const {
  Found found;
  const std::string name_fold = fold_alnum(name);
  if (name_fold.empty()) {
    return found;
  }
  std::vector<const AdminUnit*> typed;
  for (const AdminUnit* u : candidates) {
    if (type_fold.empty() || u->type_fold == type_fold) {
      typed.push_back(u);
    }
  }
  // Exact folds first; a near miss only when no name folds alike.
  std::vector<const AdminUnit*> best;
  const int limit = allow_slips ? allowed_slips(name_fold.size()) : 0;
  int best_distance = limit + 1;
  for (const AdminUnit* u : typed) {
    const int d = edit_distance(name_fold, u->name_fold);
    if (d > limit) {
      continue;
    }
    if (d < best_distance) {
      best_distance = d;
      best = {u};
    } else if (d == best_distance) {
      best.push_back(u);
    }
  }
  std::set<std::string> spellings;
  for (const AdminUnit* u : best) {
    spellings.insert(spelling_key(u->name));
  }
  const std::string printed = spelling_key(name);
  if (spellings.size() > 1 && spellings.count(printed) == 1) {
    // "Tân An" beside "Tân Ân": the printed spelling is one of them.
    std::erase_if(best, [&](const AdminUnit* u) { return spelling_key(u->name) != printed; });
    spellings = {printed};
  }
  if (spellings.size() != 1) {
    return found; // none, or several names as near: no way to choose
  }
  found.units = best;
  found.spelling = best.front()->name;
  found.corrected = printed != *spellings.begin();
  return found;
}

PlaceCheck Gazetteer::check_bare_name(std::string_view value) const {
  // Many names recur across provinces; a bare one is only taken as printed or
  // with its marks slipped, never by edit distance.
  PlaceCheck out{std::string(value)};
  const Found found = find_among(m_all, "", value, false);
  if (!found.units.empty()) {
    out.units_found = 1;
    if (found.corrected) {
      out.corrections = 1;
      out.value = is_upper_case_text(value) ? to_upper(found.spelling) : found.spelling;
    }
  }
  return out;
}

PlaceCheck Gazetteer::check(std::string_view value, Ending ending) const {
  PlaceCheck out{std::string(value)};
  if (m_units.empty()) {
    return out;
  }
  Parts split = split_commas(value);
  std::vector<std::string>& parts = split.parts;
  if (ending == Ending::any_unit && parts.size() == 1 && parse_part(parts[0]).type_fold.empty()) {
    return check_bare_name(value);
  }
  std::vector<const AdminUnit*> candidates = m_provinces;
  // The last part is the province; when it is not ("Thành phố Hạ Long", "Phường An
  // Biên", the place a form was signed at), a unit of that type and name anywhere.
  const auto find_last = [&](const PartName& p, const std::string& name) {
    Found found;
    if (p.type_fold.empty() || is_province_type(p.type_fold)) {
      found = find_among(m_provinces, p.type_fold, name);
    }
    if (found.units.empty() && ending == Ending::any_unit) {
      found = find_among(m_all, p.type_fold, name, false);
    }
    return found;
  };
  for (std::size_t i = parts.size(); i-- > 0 && !candidates.empty();) {
    PartName p = parse_part(parts[i]);
    const bool last = i + 1 == parts.size();
    if (last && is_type_word_only(p.tokens)) {
      break; // "..., huyện" cut short: no name to look for ("huyen" is not "Phú Yên")
    }
    if (p.type_fold.empty() && !last) {
      break; // house, street, hamlet: not checked
    }
    const std::string name = join(p.tokens, p.name_start, p.tokens.size());
    const Found found = last ? find_last(p, name) : find_among(candidates, p.type_fold, name);
    if (found.units.empty()) {
      // An address ending above its province ("phường X, quận Y") is unconfirmed,
      // not wrong.
      const bool above_province = last && ending == Ending::province && !p.type_fold.empty() &&
                                  !is_province_type(p.type_fold);
      // A type word read with a slip may be no type word at all.
      out.unknown_unit = !p.type_fold.empty() && !p.type_slipped && !above_province;
      break;
    }
    ++out.units_found;
    // A stop read for the comma before a unit found is a separator.
    out.corrections += split.after_stop[i] ? 1 : 0;
    if (found.corrected || p.type_slipped || p.type_misspelled) {
      ++out.corrections;
      const std::string spelling = !found.corrected           ? name
                                   : is_upper_case_text(name) ? to_upper(found.spelling)
                                                              : found.spelling;
      std::string before = join(p.tokens, 0, p.name_start);
      if (p.type_slipped || p.type_misspelled) {
        const std::string printed = join(p.tokens, p.type_start, p.name_start);
        const std::string official = type_spelling(p.type_fold);
        const std::string type = is_upper_case_text(printed) ? to_upper(official)
                                 : starts_upper(printed)     ? capitalize(official)
                                                             : official;
        const std::string head = join(p.tokens, 0, p.type_start);
        before = head.empty() ? type : head + " " + type;
      }
      parts[i] = before.empty() ? spelling : before + " " + spelling;
    }
    candidates = children_of(found.units);
  }
  if (out.corrections > 0) {
    std::string joined;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      joined += (i == 0 ? "" : ", ") + parts[i];
    }
    out.value = joined;
  }
  return out;
}

} // namespace sohoa::forms
