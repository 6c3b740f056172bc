#pragma once
// Classification, field extraction, normalization and validation, driven by the
// JSON Schemas in schemas/. Input: the OCR of a document's pages (words with boxes).
#include "core/ocr_types.hpp"
#include "core/record.hpp"
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sohoa::forms {

// The form types known from schemas/ (one *.v1.schema.json per doc type), loaded
// once and shared read-only between threads.
class FormCatalog {
public:
  // Throws sohoa::Error(Stage::config, "bad_schema") naming the file.
  static std::shared_ptr<const FormCatalog> load(const std::filesystem::path& schemas_dir);
  virtual ~FormCatalog() = default;
  virtual std::vector<std::string> doc_types() const = 0;
};

// doc_type_override: from dossier.json; skips classification (confidence 1).
FormsResult analyze(const FormCatalog& catalog, const std::vector<PageText>& pages,
                    const std::optional<std::string>& doc_type_override = std::nullopt);

} // namespace sohoa::forms
