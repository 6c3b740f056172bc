#include "field_edit.hpp"
#include "sohoa/forms/field_checks.hpp"
#include "sohoa/forms/form_type.hpp"
#include "sohoa/forms/identifiers.hpp"
#include "sohoa/forms/normalize.hpp"
#include "api_error.hpp"
#include <algorithm>
#include <nlohmann/json.hpp>

namespace sohoa::service {

namespace {
// Longer than any printed value on the forms: a paste gone wrong, not a field.
constexpr std::size_t k_max_value_bytes = 2000;
} // namespace

FieldEditResult apply_field_edit(const forms::FormCatalog& catalog, DocumentRecord& record,
                                 const std::string& field_id, std::string_view raw) {
  const forms::FormType* type = catalog.find(record.forms.doc_type);
  if (type == nullptr) {
    throw ApiError(409, "not_editable",
                   "the document's type is '" + record.forms.doc_type + "': it has no fields");
  }
  const forms::FieldSpec* spec = type->field(field_id);
  if (spec == nullptr) {
    throw ApiError(404, "unknown_field",
                   "'" + field_id + "' is not a field of " + record.forms.doc_type);
  }
  if (raw.size() > k_max_value_bytes) {
    throw ApiError(400, "bad_value", "the value is longer than any field holds");
  }
  const std::string value = forms::normalize_value(spec->kind, raw);
  if (value.empty()) {
    throw ApiError(400, "bad_value", "the value is empty once normalized");
  }
  FieldEditResult result;
  FormsResult& forms = record.forms;
  auto it = forms.fields.find(field_id);
  if (it == forms.fields.end()) {
    it = forms.fields.emplace(field_id, FieldValue{}).first; // a field OCR missed
  } else {
    result.old_value = it->second.value;
  }
  it->second.value = value;
  it->second.confidence = 1.0F;
  it->second.needs_review = false;

  // Field issues are recomputed; issues of the document as a whole stay.
  std::erase_if(forms.issues, [&](const RecordIssue& issue) {
    return !issue.field.empty() && type->field(issue.field) != nullptr;
  });
  forms::check_fields(*type, catalog, forms, forms::today_iso());
  // The clerk has read the paper: the value stands as confirmed (CONTRACT §6, PATCH
  // gives needs_review false) even when a check fails; the failure stays in the
  // record's issues and in the answer, for the clerk and the auditor to see.
  it = forms.fields.find(field_id);
  it->second.needs_review = false;
  for (const auto& issue : forms.issues) {
    if (issue.field == field_id) {
      result.issues.push_back(issue);
    }
  }
  result.field = it->second;
  return result;
}

std::string form_labels_json(const forms::FormCatalog& catalog) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& type : catalog.types()) {
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& field : type.fields) {
      fields[field.id] = field.labels.empty() ? field.id : field.labels.front();
    }
    out[type.doc_type] = {{"title", type.title}, {"fields", fields}};
  }
  return out.dump();
}

} // namespace sohoa::service
