#pragma once
// One dossier at a time on engines started once: the entry point of the counter
// service (and of anything else that digitizes dossiers one by one on request).
// `run` spreads a batch over worker threads; this keeps the same stages and writes
// the same files (<out>/<dossier_id>/: records, PDFs, ALTO, manifest last), but
// its Tesseract engines, schemas and lexicon stay loaded between dossiers.
#include "sohoa/pipeline/document.hpp"
#include "sohoa/pipeline/manifest.hpp"
#include "sohoa/pipeline/run_config.hpp"
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>
#include <vector>

namespace sohoa::pipeline {

class WarmPipeline {
public:
  // Loads schemas, lexicon and `engines` OCR engines (at least one). The signer of
  // config is not used: the caller signs when it decides to. Throws sohoa::Error
  // (Stage::config or Stage::ocr) when something cannot be loaded.
  WarmPipeline(const RunConfig& config, int engines);
  ~WarmPipeline();
  WarmPipeline(const WarmPipeline&) = delete;
  WarmPipeline& operator=(const WarmPipeline&) = delete;

  // Digitizes one dossier into <out>/<dossier.id>/ and returns its manifest (also
  // written there, last). The pages of a document are read in parallel, one per
  // engine, all pages of the dossier together. A document's own problems make it `failed` in the
  // manifest; only a failure to write the manifest throws. Not reentrant: one dossier at a time.
  Manifest process(const DossierInput& dossier);

  const RunContext& context() const { return m_context; }
  const EngineVersions& versions() const { return m_versions; }

private:
  struct Ingested {
    DocumentOutcome outcome;
    std::vector<RasterPage> rasters; // empty when the document failed to decode
  };
  Ingested ingest_document(const DossierInput& dossier, std::size_t index);
  // Cleanup and OCR of every page, one engine per thread; a page's error in its slot.
  std::vector<ProcessedPage> read_pages(std::vector<RasterPage> rasters,
                                        std::vector<std::optional<ErrorInfo>>& errors);
  DocumentOutcome finish_document(const DossierInput& dossier, std::size_t index,
                                  std::vector<ProcessedPage> pages, DocumentOutcome outcome);

  const RunConfig m_config;
  RunContext m_context;
  EngineVersions m_versions;
  std::vector<std::unique_ptr<ocr::OcrEngine>> m_engines;
};

} // namespace sohoa::pipeline
