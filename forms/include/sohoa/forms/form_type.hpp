#pragma once
// A form type as read from its schema file (schemas/<doc_type>.v1.schema.json):
// the field ids with their printed labels, sections, value kinds and the cues that
// classify a document as this type. Plain data; the catalog owns them.
#include <optional>
#include <string>
#include <vector>

namespace sohoa::forms {

// How a value is normalized and validated (schema keyword "x-kind").
enum class ValueKind {
  name,           // as printed, single spaces
  text,           // as printed, may continue on an indented next line
  multiline_text, // as printed, continues on following lines without a label
  date,           // ISO YYYY-MM-DD
  year,           // four digits
  id_number,      // personal id (12 digits)
  cmnd,           // old id card (9 digits)
  id_document,    // any id paper number: CCCD, CMND or passport
  phone,          // digits only
  email,
  phone_or_email,
  gender,     // "Nam" or "Nữ"
  count,      // digits, no leading zeros
  doc_number, // "123/QĐ-UBND": no spaces
};

std::optional<ValueKind> value_kind_from_string(const std::string& s);
std::string to_string(ValueKind kind);

// Where a value sits relative to its label (schema keyword "x-value-position").
enum class ValuePosition { right_or_below, below };

// Decision fields come from page regions (NĐ 30/2020 layout), not from labels.
enum class Region {
  none,
  agency_block, // top left block, lines joined
  number_line,  // "Số: 123/QĐ-UBND"
  place,        // "<place>, ngày ..." top right
  place_date,   // the date of that line
  type_name,    // "QUYẾT ĐỊNH"
  summary,      // "Về việc ..." under the type name
  signer_title, // title lines of the signature block
  signer_name,  // the name under the signature
};

std::optional<Region> region_from_string(const std::string& s);

enum class Vocabulary { none, address, place, ethnicity, nationality };

struct FieldSpec {
  std::string id;
  std::vector<std::string> labels; // printed variants, as in the schema
  std::string section;             // empty: any section
  bool starts_section = false;     // its label opens its section
  ValueKind kind = ValueKind::text;
  ValuePosition position = ValuePosition::right_or_below;
  std::string anchor; // only searched on the line of this field (and after)
  Region region = Region::none;
  std::string cross_gender;          // field id of the gender to cross-check an id with
  std::string cross_birth_date;      // field id of the date of birth (id, expiry checks)
  std::string cross_birth_year;      // field id of a birth year (id checks)
  bool birth_date = false;           // a date of birth: not in the future
  bool expiry_date = false;          // must be after cross_birth_date
  bool continue_under_label = false; // next lines may start under the label, not the value
  std::string pattern;               // regex a well-formed value matches (schema_regex.hpp)
  // When no label of the field is read: the value is the one word of the
  // document whose normalized text matches this (a card holds one long number).
  std::string find_by_pattern;
  // The official list the value is checked against and restored from (x-vocabulary):
  // none, addresses (the gazetteer, down from the province), places (the gazetteer,
  // a unit of any level), ethnic groups or nationalities.
  Vocabulary vocabulary = Vocabulary::none;
};

struct SectionSpec {
  std::string id;
  std::vector<std::string> headings; // a line holding one opens the section
};

struct ClassifyCues {
  std::vector<std::string> title_phrases;
  bool title_whole_line = false; // the title is a line of its own
  // Short titles that count only as a line of their own ("CĂN CƯỚC" over the 2024
  // card, when its "IDENTITY CARD" is lost); in running text they are a mention.
  std::vector<std::string> title_lines;
  std::vector<std::string> must_have_fields; // field ids whose labels a real form prints
  std::string shape;                         // "card" (landscape, ID-1 ratio) or "page"
  double min_label_ratio = 0.5;              // must-have fields found, without a title
};

struct FormType {
  std::string doc_type;
  std::string title;  // the form's name, for people
  std::string layout; // "labels" or "regions" (NĐ 30/2020)
  std::vector<FieldSpec> fields;
  std::vector<SectionSpec> sections;       // first one is where the form starts
  std::vector<std::string> stop_labels;    // printed labels of no field: end values
  std::vector<std::string> document_kinds; // regions layout: type names in capitals
  ClassifyCues cues;

  const FieldSpec* field(const std::string& id) const;
};

} // namespace sohoa::forms
