#include "sohoa/forms/record_validation.hpp"
#include "schema_set.hpp"
#include <nlohmann/json.hpp>

namespace sohoa::forms {

std::vector<std::string> validate_record(const nlohmann::json& record, const FormCatalog& catalog) {
  std::vector<std::string> out = catalog.schemas().validate("document", record);
  if (!record.is_object() || !record.contains("doc_type") || !record["doc_type"].is_string() ||
      !record.contains("fields") || !record["fields"].is_object()) {
    return out;
  }
  const std::string doc_type = record["doc_type"].get<std::string>();
  if (doc_type == "unknown") {
    if (!record["fields"].empty()) {
      out.push_back("/fields: a document of unknown type has no fields");
    }
    return out;
  }
  if (catalog.find(doc_type) == nullptr) {
    out.push_back("/doc_type: \"" + doc_type + "\" is not a known document type");
    return out;
  }
  for (const auto& v : catalog.schemas().validate(doc_type, record["fields"])) {
    out.push_back("/fields" + v);
  }
  return out;
}

std::vector<std::string> validate_manifest(const nlohmann::json& manifest,
                                           const FormCatalog& catalog) {
  if (!catalog.schemas().has("manifest")) {
    return {"manifest.v1.schema.json was not loaded"};
  }
  return catalog.schemas().validate("manifest", manifest);
}

} // namespace sohoa::forms
