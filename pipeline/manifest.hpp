#pragma once
// The dossier record manifest.json (CONTRACT.md section 2). Its presence with
// "complete": true is what marks a dossier done for resumed runs.
#include "pipeline/document.hpp"
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
  std::vector<DocumentOutcome> documents;   // in dossier order
  std::optional<sign::CertificateSummary> signer;
  const EngineVersions* versions = nullptr;
  std::string started_at;
  std::string finished_at;
  std::string pdfa = "2b";                  // PDF/A part of the PDFs: "2b" or "3b"
};

nlohmann::json build_manifest(const ManifestInput& input);

// A manifest that parses, says complete and lists its documents; nullopt otherwise.
std::optional<nlohmann::json> read_complete_manifest(const std::filesystem::path& file);

} // namespace sohoa::pipeline
