#include "catalog.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/forms/analyze.hpp"
#include "schema_regex.hpp"
#include "schema_set.hpp"
#include "text_fold.hpp"
#include "gazetteer.hpp"
#include "name_syllables.hpp"
#include "term_list.hpp"
#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace sohoa::forms {
namespace {

[[noreturn]] void bad(const std::string& file, const std::string& what) {
  throw Error(Stage::config, "bad_schema", what, file);
}

std::vector<std::string> strings(const nlohmann::json& j, const char* key,
                                 const std::string& file) {
  std::vector<std::string> out;
  if (!j.contains(key)) {
    return out;
  }
  if (!j[key].is_array()) {
    bad(file, std::string(key) + " must be an array of strings");
  }
  for (const auto& v : j[key]) {
    if (!v.is_string() || v.get<std::string>().empty()) {
      bad(file, std::string(key) + " must hold non-empty strings");
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

std::string string_or(const nlohmann::json& j, const char* key, const std::string& fallback,
                      const std::string& file) {
  if (!j.contains(key)) {
    return fallback;
  }
  if (!j[key].is_string()) {
    bad(file, std::string(key) + " must be a string");
  }
  return j[key].get<std::string>();
}

bool bool_or(const nlohmann::json& j, const char* key, const std::string& file) {
  if (!j.contains(key)) {
    return false;
  }
  if (!j[key].is_boolean()) {
    bad(file, std::string(key) + " must be true or false");
  }
  return j[key].get<bool>();
}

// ^[a-z][a-z0-9_]*$ by hand: std::regex recurses once per character and a long
// x-doc-type overflowed the stack.
bool is_snake_case_id(const std::string& s) {
  if (s.empty() || s.front() < 'a' || s.front() > 'z') {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// A keyword holding a regular expression (schema_regex.hpp), checked when loaded.
std::string regex_or_empty(const nlohmann::json& p, const char* key, const std::string& id,
                           const std::string& file) {
  const std::string text = string_or(p, key, "", file);
  std::string error;
  if (!text.empty() && !SchemaRegex::compile(text, error).valid()) {
    bad(file, "property " + id + ": " + key + " is not a valid regular expression (" + error + ")");
  }
  return text;
}

FieldSpec parse_field(const std::string& id, const nlohmann::json& p, const std::string& file) {
  if (!p.is_object()) {
    bad(file, "property " + id + " is not an object");
  }
  FieldSpec f;
  f.id = id;
  f.labels = strings(p, "x-labels", file);
  f.section = string_or(p, "x-section", "", file);
  f.starts_section = bool_or(p, "x-starts-section", file);
  const std::string kind = string_or(p, "x-kind", "", file);
  const auto parsed_kind = value_kind_from_string(kind);
  if (!parsed_kind) {
    bad(file, "property " + id + ": unknown x-kind \"" + kind + "\"");
  }
  f.kind = *parsed_kind;
  const std::string position = string_or(p, "x-value-position", "right_or_below", file);
  if (position == "below") {
    f.position = ValuePosition::below;
  } else if (position != "right_or_below") {
    bad(file, "property " + id + ": unknown x-value-position \"" + position + "\"");
  }
  f.anchor = string_or(p, "x-anchor", "", file);
  const std::string region = string_or(p, "x-region", "", file);
  if (!region.empty()) {
    const auto r = region_from_string(region);
    if (!r) {
      bad(file, "property " + id + ": unknown x-region \"" + region + "\"");
    }
    f.region = *r;
  }
  f.cross_gender = string_or(p, "x-cross-gender", "", file);
  f.cross_birth_date = string_or(p, "x-cross-birth-date", "", file);
  f.cross_birth_year = string_or(p, "x-cross-birth-year", "", file);
  f.birth_date = bool_or(p, "x-birth-date", file);
  f.expiry_date = bool_or(p, "x-expiry", file);
  f.continue_under_label = bool_or(p, "x-continue-under-label", file);
  f.pattern = regex_or_empty(p, "x-pattern", id, file);
  f.find_by_pattern = regex_or_empty(p, "x-find-by-pattern", id, file);
  const std::string vocabulary = string_or(p, "x-vocabulary", "", file);
  if (vocabulary == "address") {
    f.vocabulary = Vocabulary::address;
  } else if (vocabulary == "place") {
    f.vocabulary = Vocabulary::place;
  } else if (vocabulary == "ethnicity") {
    f.vocabulary = Vocabulary::ethnicity;
  } else if (vocabulary == "nationality") {
    f.vocabulary = Vocabulary::nationality;
  } else if (!vocabulary.empty()) {
    bad(file,
        id + ": x-vocabulary must be \"address\", \"place\", \"ethnicity\" or \"nationality\"");
  }
  return f;
}

class Catalog final : public FormCatalog {
public:
  std::vector<std::string> doc_types() const override {
    std::vector<std::string> out;
    for (const auto& t : m_types) {
      out.push_back(t.doc_type);
    }
    return out;
  }
  const std::vector<FormType>& types() const override { return m_types; }
  const FormType* find(std::string_view doc_type) const override {
    for (const auto& t : m_types) {
      if (t.doc_type == doc_type) {
        return &t;
      }
    }
    return nullptr;
  }
  const std::vector<int>& province_codes() const override { return m_provinces; }
  const std::vector<std::string>& foreign_titles() const override { return m_foreign_titles; }
  const std::vector<std::string>& surnames() const override { return m_surnames; }
  const NameSyllables& name_syllables() const override { return m_name_syllables; }
  const std::vector<std::string>& phrases() const override { return m_phrases; }
  const SchemaSet& schemas() const override { return m_schemas; }
  const Gazetteer& gazetteer() const override { return m_gazetteer; }
  const TermList& ethnicities() const override { return m_ethnicities; }
  const TermList& nationalities() const override { return m_nationalities; }
  Gazetteer m_gazetteer;
  TermList m_ethnicities;
  TermList m_nationalities;

  std::vector<FormType> m_types;
  std::vector<int> m_provinces;
  std::vector<std::string> m_foreign_titles;
  std::vector<std::string> m_surnames;
  NameSyllables m_name_syllables;
  std::vector<std::string> m_phrases;
  SchemaSet m_schemas;
};

nlohmann::json read_json(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    bad(file.string(), "cannot be read");
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    return nlohmann::json::parse(buffer.str());
  } catch (const nlohmann::json::exception& e) {
    bad(file.string(), std::string("not JSON: ") + e.what());
  }
}

bool is_ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
}

// Label variants spelled without diacritics only help matching; in the lexicon
// they would make "họ chữ" and "ho chu" ambiguous, so they are left out there.
std::vector<std::string> lexicon_phrases(const std::vector<std::string>& all) {
  std::set<std::string> folded_marked;
  for (const auto& p : all) {
    if (!is_ascii(p)) {
      folded_marked.insert(fold(p));
    }
  }
  std::set<std::string> seen;
  std::vector<std::string> out;
  for (const auto& p : all) {
    if (is_ascii(p) && folded_marked.count(fold(p)) != 0) {
      continue;
    }
    if (seen.insert(p).second) {
      out.push_back(p);
    }
  }
  return out;
}

} // namespace

FormType parse_form_type(const nlohmann::json& schema, const std::string& file) {
  if (!schema.is_object()) {
    bad(file, "a schema must be a JSON object");
  }
  FormType t;
  t.doc_type = string_or(schema, "x-doc-type", "", file);
  if (!is_snake_case_id(t.doc_type) || t.doc_type == "unknown") {
    bad(file, "x-doc-type must be a snake_case id other than \"unknown\"");
  }
  t.title = string_or(schema, "title", t.doc_type, file);
  t.layout = string_or(schema, "x-layout", "labels", file);
  if (t.layout != "labels" && t.layout != "regions") {
    bad(file, "x-layout must be \"labels\" or \"regions\"");
  }
  t.stop_labels = strings(schema, "x-stop-labels", file);
  t.document_kinds = strings(schema, "x-document-kinds", file);
  if (schema.contains("x-sections")) {
    for (const auto& s : schema["x-sections"]) {
      SectionSpec section;
      section.id = string_or(s, "id", "", file);
      if (section.id.empty()) {
        bad(file, "every x-sections entry needs an id");
      }
      section.headings = strings(s, "headings", file);
      t.sections.push_back(std::move(section));
    }
  }
  if (!schema.contains("properties") || !schema["properties"].is_object() ||
      schema["properties"].empty()) {
    bad(file, "a type schema needs its fields under properties");
  }
  for (const auto& [id, p] : schema["properties"].items()) {
    t.fields.push_back(parse_field(id, p, file));
  }
  // References between fields and sections must resolve: a typo would silently
  // make a field unreachable.
  auto section_known = [&](const std::string& id) {
    return std::any_of(t.sections.begin(), t.sections.end(),
                       [&](const SectionSpec& s) { return s.id == id; });
  };
  for (const auto& f : t.fields) {
    if (!f.section.empty() && !section_known(f.section)) {
      bad(file, "property " + f.id + ": x-section \"" + f.section + "\" is not in x-sections");
    }
    for (const std::string* ref :
         {&f.anchor, &f.cross_gender, &f.cross_birth_date, &f.cross_birth_year}) {
      if (!ref->empty() && t.field(*ref) == nullptr) {
        bad(file, "property " + f.id + " refers to unknown field \"" + *ref + "\"");
      }
    }
    if (t.layout == "labels" && f.labels.empty()) {
      bad(file, "property " + f.id + " has no x-labels");
    }
    if (t.layout == "regions" && f.region == Region::none) {
      bad(file, "property " + f.id + " has no x-region");
    }
  }
  if (!schema.contains("x-classify") || !schema["x-classify"].is_object()) {
    bad(file, "x-classify is missing");
  }
  const auto& c = schema["x-classify"];
  t.cues.title_phrases = strings(c, "title_phrases", file);
  t.cues.title_whole_line = bool_or(c, "title_whole_line", file);
  t.cues.title_lines = strings(c, "title_lines", file);
  t.cues.must_have_fields = strings(c, "must_have_fields", file);
  t.cues.shape = string_or(c, "shape", "page", file);
  if (t.cues.shape != "page" && t.cues.shape != "card") {
    bad(file, "x-classify.shape must be \"page\" or \"card\"");
  }
  if (c.contains("min_label_ratio")) {
    if (!c["min_label_ratio"].is_number()) {
      bad(file, "x-classify.min_label_ratio must be a number");
    }
    t.cues.min_label_ratio = c["min_label_ratio"].get<double>();
  }
  if (t.cues.title_phrases.empty() || t.cues.must_have_fields.empty()) {
    bad(file, "x-classify needs title_phrases and must_have_fields");
  }
  for (const auto& id : t.cues.must_have_fields) {
    if (t.field(id) == nullptr) {
      bad(file, "x-classify.must_have_fields names unknown field \"" + id + "\"");
    }
  }
  return t;
}

std::shared_ptr<const FormCatalog> FormCatalog::load(const std::filesystem::path& schemas_dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(schemas_dir, ec)) {
    throw Error(Stage::config, "bad_schema", "the schemas folder does not exist",
                schemas_dir.string());
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(schemas_dir)) {
    const std::string name = entry.path().filename().string();
    const std::string suffix = ".v1.schema.json";
    if (entry.is_regular_file() && name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  auto catalog = std::make_shared<Catalog>();
  std::vector<std::string> phrases;
  for (const auto& file : files) {
    const nlohmann::json schema = read_json(file);
    const std::string stem = file.filename().string().substr(0, file.filename().string().find('.'));
    if (stem == "document" || stem == "manifest") {
      catalog->m_schemas.add(stem, schema, file.string());
      continue;
    }
    FormType type = parse_form_type(schema, file.string());
    if (type.doc_type != stem) {
      bad(file.string(), "x-doc-type \"" + type.doc_type + "\" differs from the file name");
    }
    catalog->m_schemas.add(type.doc_type, schema, file.string());
    for (const auto& f : type.fields) {
      phrases.insert(phrases.end(), f.labels.begin(), f.labels.end());
    }
    phrases.insert(phrases.end(), type.cues.title_phrases.begin(), type.cues.title_phrases.end());
    phrases.insert(phrases.end(), type.cues.title_lines.begin(), type.cues.title_lines.end());
    phrases.insert(phrases.end(), type.stop_labels.begin(), type.stop_labels.end());
    for (const auto& s : type.sections) {
      phrases.insert(phrases.end(), s.headings.begin(), s.headings.end());
    }
    catalog->m_types.push_back(std::move(type));
  }
  if (catalog->m_types.empty()) {
    throw Error(Stage::config, "bad_schema", "no form type schema (*.v1.schema.json) found",
                schemas_dir.string());
  }
  if (!catalog->m_schemas.has("document")) {
    throw Error(Stage::config, "bad_schema", "document.v1.schema.json is missing",
                schemas_dir.string());
  }
  const auto identifiers = schemas_dir / "identifiers.v1.json";
  if (std::filesystem::exists(identifiers, ec)) {
    const auto j = read_json(identifiers);
    for (const auto& v : j.value("province_codes", nlohmann::json::array())) {
      if (!v.is_number_integer()) {
        bad(identifiers.string(), "province_codes must hold integers");
      }
      catalog->m_provinces.push_back(v.get<int>());
    }
  }
  const auto classification = schemas_dir / "classification.v1.json";
  if (std::filesystem::exists(classification, ec)) {
    catalog->m_foreign_titles =
        strings(read_json(classification), "foreign_titles", classification.string());
  }
  const auto vocabulary = schemas_dir / "vocabulary.v1.json";
  if (std::filesystem::exists(vocabulary, ec)) {
    const auto j = read_json(vocabulary);
    const auto more = strings(j, "phrases", vocabulary.string());
    phrases.insert(phrases.end(), more.begin(), more.end());
    catalog->m_surnames = strings(j, "surnames", vocabulary.string());
  }
  const auto name_syllables = schemas_dir / "names" / "syllables.v1.tsv";
  if (std::filesystem::exists(name_syllables, ec)) {
    catalog->m_name_syllables = NameSyllables::load_tsv(name_syllables);
  }
  const auto gazetteer_dir = schemas_dir / "gazetteer";
  if (std::filesystem::exists(gazetteer_dir / "units.v1.tsv", ec)) {
    catalog->m_gazetteer = Gazetteer::load(gazetteer_dir / "units.v1.tsv");
  }
  if (std::filesystem::exists(gazetteer_dir / "ethnicities.v1.tsv", ec)) {
    catalog->m_ethnicities = TermList::load_tsv(gazetteer_dir / "ethnicities.v1.tsv", 1);
  }
  if (std::filesystem::exists(gazetteer_dir / "nationalities.v1.tsv", ec)) {
    catalog->m_nationalities = TermList::load_tsv(gazetteer_dir / "nationalities.v1.tsv", 1);
  }
  catalog->m_phrases = lexicon_phrases(phrases);
  return catalog;
}

} // namespace sohoa::forms
