#pragma once
// A clerk's value for one field of a document record: normalized by the field's
// kind and the record validated again, as extraction would have done it.
#include "sohoa/core/record.hpp"
#include "sohoa/forms/analyze.hpp"
#include <string>
#include <string_view>

namespace sohoa::service {

struct FieldEditResult {
  std::string old_value;           // empty when the field had not been found
  FieldValue field;                // as now in the record
  std::vector<RecordIssue> issues; // the field's issues after validation
};

// Sets field_id of record to raw, normalized (forms::normalize_value), with full
// confidence: a person read it. The record's field checks run again, so issues of
// every field are current (an id number checked against an edited gender). The
// edited field needs review afterwards only when its value fails a check. Throws
// ApiError: 404 unknown_field, 409 not_editable (unknown doc type), 400 bad_value.
FieldEditResult apply_field_edit(const forms::FormCatalog& catalog, DocumentRecord& record,
                                 const std::string& field_id, std::string_view raw);

// Printed labels of every field of every type ({doc_type: {"title", "fields":
// {field_id: label}}}), for people; from the schemas.
std::string form_labels_json(const forms::FormCatalog& catalog);

} // namespace sohoa::service
