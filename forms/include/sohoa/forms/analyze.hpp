#pragma once
// Classification, field extraction, normalization and validation, driven by the
// JSON Schemas in schemas/. Input: the OCR of a document's pages (words with boxes).
#include "sohoa/core/ocr_types.hpp"
#include "sohoa/core/record.hpp"
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sohoa::forms {

struct FormType;
class Gazetteer;
class Lexicon;
class NameSyllables;
class SchemaSet;
class TermList;

// The form types known from schemas/ (one *.v1.schema.json per doc type), loaded
// once and shared read-only between threads.
class FormCatalog {
public:
  // Throws sohoa::Error(Stage::config, "bad_schema") naming the file.
  static std::shared_ptr<const FormCatalog> load(const std::filesystem::path& schemas_dir);
  virtual ~FormCatalog() = default;
  virtual std::vector<std::string> doc_types() const = 0;
  virtual const std::vector<FormType>& types() const = 0;
  virtual const FormType* find(std::string_view doc_type) const = 0;
  // schemas/identifiers.v1.json: valid first three digits of a personal id.
  virtual const std::vector<int>& province_codes() const = 0;
  // schemas/classification.v1.json: titles of documents that are no form.
  virtual const std::vector<std::string>& foreign_titles() const = 0;
  // schemas/vocabulary.v1.json: family names, to restore a name's first word.
  virtual const std::vector<std::string>& surnames() const = 0;
  // schemas/names/syllables.v1.tsv: middle and given name syllables and how common
  // each is (empty when absent: then names are not checked against it).
  virtual const NameSyllables& name_syllables() const = 0;
  // Labels, titles and headings of every type plus schemas/vocabulary.v1.json.
  virtual const std::vector<std::string>& phrases() const = 0;
  // document.v1, manifest.v1 and each doc type's schema, ready to validate.
  virtual const SchemaSet& schemas() const = 0;
  // schemas/gazetteer/: administrative units, ethnic groups, nationalities (empty
  // when the files are absent: then nothing is checked against them).
  virtual const Gazetteer& gazetteer() const = 0;
  virtual const TermList& ethnicities() const = 0;
  virtual const TermList& nationalities() const = 0;
};

// doc_type_override: from dossier.json; skips classification (confidence 1).
// lexicon: the Vietnamese syllables a name or place value is checked against for
// the review flag (review_signals.hpp); null: not checked.
FormsResult analyze(const FormCatalog& catalog, const std::vector<PageText>& pages,
                    const std::optional<std::string>& doc_type_override = std::nullopt,
                    const Lexicon* lexicon = nullptr);

struct DocumentAnalysis;
// The same, with the signals each field's review flag was decided on
// (review_signals.hpp).
DocumentAnalysis
analyze_with_signals(const FormCatalog& catalog, const std::vector<PageText>& pages,
                     const std::optional<std::string>& doc_type_override = std::nullopt,
                     const Lexicon* lexicon = nullptr);

} // namespace sohoa::forms
