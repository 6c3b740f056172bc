#pragma once
// Run-time checks of what sohoa writes against schemas/: the document record
// against document.v1 and its "fields" against its doc type's schema; the manifest
// against manifest.v1. Content rules (identifier checks) live in identifiers.hpp.
#include "sohoa/forms/analyze.hpp"
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace sohoa::forms {

// Each violation as "<json path>: <what is wrong>"; empty when the record conforms.
std::vector<std::string> validate_record(const nlohmann::json& record, const FormCatalog& catalog);
std::vector<std::string> validate_manifest(const nlohmann::json& manifest,
                                           const FormCatalog& catalog);

} // namespace sohoa::forms
