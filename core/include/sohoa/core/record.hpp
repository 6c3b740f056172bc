#pragma once
// The document record of CONTRACT.md section 2 (<document_id>.json) as a value.
#include "sohoa/core/geometry.hpp"
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sohoa {

struct PageInfo {
  int index = 1;       // 1-based within the document
  std::string source;  // input file name
  int source_page = 1; // page within that file (not in the JSON unless > 1 page files)
  int width = 0;       // pixels of the stored image
  int height = 0;
  double dpi = 0;
  int rotation = 0;
  double skew_deg = 0;
  bool blank = false;
  float ocr_confidence = 0;
};

struct FieldValue {
  std::string value;    // normalized (NFC, single spaces, ISO dates, digits for ids)
  float confidence = 0; // 0..1
  int page = 1;         // 1-based page of the document
  Box bbox;             // pixels of that page's stored image
  bool needs_review = false;
};

struct RecordIssue {
  std::string field;   // field id, or empty for the document as a whole
  std::string code;    // e.g. invalid_checksum, id_birth_year_mismatch
  std::string message; // for a person
};

// What forms/ produces from the OCR of a document.
struct FormsResult {
  std::string doc_type = "unknown";
  double doc_type_confidence = 0;
  std::map<std::string, FieldValue> fields;
  std::vector<RecordIssue> issues;
};

struct DocumentRecord {
  std::string dossier_id;
  std::string document_id;
  std::vector<PageInfo> pages;
  FormsResult forms;
  std::string text; // pages separated by "\f"
};

nlohmann::json to_json(const DocumentRecord& record);
DocumentRecord document_record_from_json(const nlohmann::json& j);

} // namespace sohoa
