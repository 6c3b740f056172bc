#pragma once
// What a package says about a dossier, read from a run's outputs: manifest.json
// (dossier metadata, engines, digests) and each document's record. Internal to
// archive/.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sohoa::archive {

struct ArchivedDocument {
  int order = 0;           // STT: 1-based among the packaged documents
  std::string doc_id;      // TT 05/2025: <fileCode>.<STT>
  std::string doc_code;    // <fileCode>.<7-digit STT>
  std::string document_id; // sohoa's id (the output file names)
  std::string doc_type;
  std::string status;
  int pages = 0;
  std::filesystem::path pdf;                 // in the run's output folder
  std::string pdf_sha256;                    // as the manifest recorded it
  std::map<std::string, std::string> fields; // record field id -> value
  std::string signature_level;               // empty when unsigned
  std::string signing_time;
};

struct ArchivedDossier {
  std::string file_code; // mã hồ sơ
  std::string paper_file_code;
  std::string confidence_level = "02";
  std::string language = "vi";
  std::string procedure_code;
  std::string agency_code;
  std::string agency_name;
  std::string officer;
  std::string started_at;
  std::string finished_at;
  std::string pdfa; // "2b" / "3b"
  std::string software_version;
  std::map<std::string, std::string> engines; // tesseract, leptonica, opencv, podofo, openssl
  std::string language_data;                  // "vie (sha256 ...), eng (...)"
  std::string signer_subject;                 // empty when unsigned
  int page_amount = 0;
  std::vector<ArchivedDocument> documents; // those with a PDF, in dossier order
};

// Throws Error(Stage::output, "not_a_dossier_output" | "incomplete_dossier" |
// "changed_output") when the folder is not a complete run's dossier output or a
// PDF no longer matches its manifest digest.
ArchivedDossier read_dossier_output(const std::filesystem::path& dossier_dir);

} // namespace sohoa::archive
