#pragma once
// The dossier record manifest.json (CONTRACT.md section 2). Its presence with
// "complete": true is what marks a dossier done for resumed runs (resume.hpp checks
// it against the inputs and outputs). "complete" is false when a document's outputs
// could not be written (disk full, I/O error): the next run redoes the dossier.
#include "sohoa/pipeline/document.hpp"
#include "sohoa/pipeline/manifest_model.hpp"
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sohoa::pipeline {

// Versions of everything that shaped the outputs, gathered once per run.
struct EngineVersions {
  std::string software;
  std::string tesseract;
  std::string leptonica;
  std::string opencv;
  std::string podofo;
  std::string openssl;
  std::vector<ocr::LanguageData> language_data;
};
EngineVersions gather_versions(const ocr::OcrOptions& ocr_options);

struct ManifestInput {
  const DossierInput* dossier = nullptr;
  std::vector<DocumentOutcome> documents; // in dossier order
  std::optional<sign::CertificateSummary> signer;
  const EngineVersions* versions = nullptr;
  std::string started_at;
  std::string finished_at;
  std::string pdfa = "2b"; // PDF/A part of the PDFs: "2b" or "3b"
};

Manifest build_manifest(const ManifestInput& input);

// True when the document failed because its outputs could not be written (or an
// internal error): a failure of this run, not of the input, so it is redone.
bool failed_writing(const DocumentOutcome& document);

struct ManifestFile {
  enum class State { missing, corrupt, incomplete, complete };
  State state = State::missing;
  Manifest value;      // the parsed manifest (incomplete, complete)
  std::string problem; // why it is corrupt, naming the file
};
ManifestFile read_manifest_file(const std::filesystem::path& file);

// A manifest that parses, says complete and lists its documents; nullopt otherwise.
std::optional<Manifest> read_complete_manifest(const std::filesystem::path& file);

} // namespace sohoa::pipeline
