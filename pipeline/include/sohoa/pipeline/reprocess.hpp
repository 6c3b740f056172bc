#pragma once
// `sohoa reprocess OUT`: re-run classification, extraction and validation from
// the stored OCR words (<document_id>.alto.xml) without OCR, rebuild a PDF only
// where its content changes, and add a new signature with --resign.
#include "sohoa/pipeline/ingest.hpp"
#include "sohoa/pipeline/logger.hpp"
#include "sohoa/pipeline/run_config.hpp"
#include <nlohmann/json_fwd.hpp>
#include "sohoa/pipeline/manifest_model.hpp"

namespace sohoa::pipeline {

int run_reprocess(const ReprocessConfig& config, Logger& log);

// The dossier as the manifest in dir remembers it: enough to rebuild its outputs
// (metadata, document ids, doc_type overrides; no input files).
DossierInput dossier_from_manifest(const std::filesystem::path& dir, const Manifest& manifest);

} // namespace sohoa::pipeline
