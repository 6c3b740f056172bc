#pragma once
// manifest.json (sohoa.manifest/1, CONTRACT.md section 2, schemas/manifest.v1.schema.json)
// as a value. Whoever writes or reads a manifest (run, resume, reprocess, the counter,
// the queue worker) goes through these types and their nlohmann-json ADL functions:
// to_json writes exactly the keys `sohoa run` writes (optional ones only when set),
// from_json reads them back, so a manifest survives a read and a write unchanged.
// from_json throws nlohmann::json::exception on a key of the wrong type.
#include "sohoa/core/status.hpp"
#include "sohoa/pipeline/document.hpp"
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sohoa::pipeline {

struct ManifestDossier {
  std::string dossier_code; // dossier.json's, else the dossier id
  std::string procedure_code;
  std::string agency_code;
  std::string agency_name;
  std::string officer;
  std::string source_folder;           // the input folder's name, escaped to valid UTF-8
  std::string source_folder_bytes_hex; // its exact bytes when escaping changed it
};

// Archival metadata (Thông tư 05/2025/TT-BNV PL III) of a digitized dossier.
struct ManifestArchival {
  std::string file_code;
  std::string confidence_level = "02";
  std::string paper_file_code;
  std::string language = "vi";
  std::size_t total_documents = 0;
  int page_amount = 0;
};

struct ManifestLanguageData {
  std::string language;
  std::string file;
  std::string sha256;
};

struct ManifestEngines {
  std::string tesseract;
  std::string leptonica;
  std::string opencv;
  std::string podofo;
  std::string openssl;
  std::vector<ManifestLanguageData> language_data;
};

struct ManifestSigner {
  std::string subject;
  std::string issuer;
  std::string serial;
  std::string sha256_fingerprint;
};

struct ManifestSummary {
  std::size_t documents = 0;
  int pages = 0;
  int ok = 0;
  int needs_review = 0;
  int failed = 0;
};

// Why a failed document failed: its first error.
struct ManifestFailure {
  std::string reason;
  std::string error_code;
  std::string error_file; // empty when the error named no file
};

struct ManifestSignature {
  std::string level; // PAdES B-B, B-T, ...
  std::string signing_time;
  std::string timestamp_time; // empty without a TSA
};

struct ManifestDocument {
  std::string document_id;
  Status status = Status::failed;
  std::string doc_type = "unknown";
  double doc_type_confidence = 0;
  bool doc_type_from_dossier = false; // "doc_type_source": "dossier.json" | "classified"
  int pages = 0;
  int blank_pages = 0;
  std::vector<FileDigest> inputs;
  std::vector<FileDigest> outputs;
  std::size_t issues = 0;  // how many issues its record holds
  std::string result_code; // <dossier code>-KQ<n>; empty when none
  std::optional<ManifestFailure> failure;
  std::optional<ManifestSignature> signature;
};

struct Manifest {
  bool complete = false; // false: a document's outputs could not be written
  std::string dossier_id;
  ManifestDossier dossier;
  ManifestArchival archival;
  std::string started_at;
  std::string finished_at;
  std::string software_name = "sohoa";
  std::string software_version;
  std::string pdfa = "2b";
  ManifestEngines engines;
  std::optional<ManifestSigner> signer; // null when unsigned
  ManifestSummary summary;
  std::vector<ManifestDocument> documents;
  std::vector<std::string> warnings; // dossier-level problems found while reading inputs
  std::optional<std::string> reprocessed_at;
  // The counter's log (upload, digitized, edit, sign): each kind of event has its own
  // fields, so they are kept as written. Absent from manifests `run` writes.
  std::optional<nlohmann::json> events;

  // The summary counted from the documents (after a status changed).
  void recount();
  // The entry of `document_id`, or null.
  ManifestDocument* find_document(const std::string& document_id);
  const ManifestDocument* find_document(const std::string& document_id) const;
};

// A document's outcome as its manifest entry, and back (no timings, errors beyond
// the first, nor issues' texts: the manifest does not keep them).
ManifestDocument manifest_document(const DocumentOutcome& outcome);
DocumentOutcome outcome_from(const ManifestDocument& entry);

void to_json(nlohmann::json& j, const FileDigest& digest);
void to_json(nlohmann::json& j, const ManifestSignature& signature);
void from_json(const nlohmann::json& j, FileDigest& digest);
void to_json(nlohmann::json& j, const ManifestDocument& document);
void from_json(const nlohmann::json& j, ManifestDocument& document);
void to_json(nlohmann::json& j, const Manifest& manifest);
void from_json(const nlohmann::json& j, Manifest& manifest);

} // namespace sohoa::pipeline
