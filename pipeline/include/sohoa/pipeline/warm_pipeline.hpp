#pragma once
// One dossier at a time on engines started once: the entry point of the counter
// service and of the scanner (anything that digitizes dossiers one by one on
// request). `run` spreads a batch over worker threads; this keeps the same stages
// and writes the same files (<out>/<dossier_id>/: records, PDFs, ALTO, manifest
// last), but its Tesseract engines, schemas and lexicon stay loaded between
// dossiers, and a dossier's pages are spread over all engines at once.
#include "sohoa/pipeline/document.hpp"
#include "sohoa/pipeline/logger.hpp"
#include "sohoa/pipeline/manifest.hpp"
#include "sohoa/pipeline/run_config.hpp"
#include "sohoa/pipeline/warm_pipeline_spans.hpp"
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

namespace sohoa::pipeline {

// warm_pipeline_queue.hpp
struct QueuedPage;
class PageQueue;
struct DocumentPages;
// page_encoder.hpp
class PageEncoder;

class WarmPipeline {
public:
  // Loads schemas, lexicon and `engines` OCR engines (at least one). The signer of
  // config is not used unless use_configured_signer() is called. Throws
  // sohoa::Error (Stage::config or Stage::ocr) when something cannot be loaded.
  WarmPipeline(const RunConfig& config, int engines);
  ~WarmPipeline();
  WarmPipeline(const WarmPipeline&) = delete;
  WarmPipeline& operator=(const WarmPipeline&) = delete;

  // Signs every PDF as it is written with config's signer (`scan`; the counter
  // service signs on the clerk's request instead). False, after logging why, when
  // the signer cannot be used.
  bool use_configured_signer(Logger& log);

  // Called once per dossier with every document's record (JSON, in dossier order;
  // failed documents have none) as soon as the last one is made, before the last
  // PDFs are written. Runs on a pipeline thread.
  using RecordsListener = std::function<void(const std::vector<nlohmann::json>& records)>;
  void on_records(RecordsListener listener) { m_records_listener = std::move(listener); }

  // Digitizes one dossier into <out>/<dossier.id>/ and returns its manifest (also
  // written there, last, its events one "digitized" with the timing spans). Pages are decoded file
  // by file and each goes to the next free engine at once; the documents are finished side by side.
  // A document's own problems make it `failed` in the manifest; a failure to write the manifest, or
  // of a configured signer (Stage::sign), throws. Not reentrant: one dossier at a time.
  Manifest process(const DossierInput& dossier);

  // One dossier whose pages arrive one by one while they are being made (a
  // scanner's feeder): each page's cleanup and OCR start as soon as it is handed
  // over. produce runs on the calling thread, calls hand(page) for each page of
  // the dossier's one document, and returns the dossier, its document's files
  // (the pages as kept, in order) complete. When produce throws, the pages read
  // are dropped, nothing is written and the exception goes on.
  using PageSink = std::function<void(RasterPage page)>;
  Manifest process_streamed(const std::function<DossierInput(const PageSink& hand)>& produce);

  // Where the last dossier's time went (warm_pipeline_spans.hpp).
  const std::vector<StageSpan>& last_spans() const { return m_last_spans; }
  // The last dossier's documents as finished (for a batch report).
  const std::vector<DocumentOutcome>& last_outcomes() const { return m_last_outcomes; }

  // OUT/batch-report.json of the last dossier alone, as `run` writes it for a
  // batch of one; answers run's exit code for it (0 ok or needs_review, 1 failed).
  int write_batch_report(const std::string& started_at, double elapsed_ms) const;

  const RunContext& context() const { return m_context; }
  const EngineVersions& versions() const { return m_versions; }

private:
  // Runs produce (which fills the queue) while one thread per engine reads pages.
  // Each page's image goes to encoder once read.
  void read_pages(PageQueue& queue, const std::function<void()>& produce, PageEncoder& encoder,
                  SpanRecorder& spans);
  ProcessedPage read_one(QueuedPage& item, ocr::OcrEngine& engine, PageEncoder& encoder,
                         SpanRecorder& spans);
  DocumentOutcome ingest_document(const DossierInput& dossier, std::size_t index, PageQueue* queue,
                                  std::vector<DocumentPages>& documents, SpanRecorder& spans);
  std::vector<DocumentOutcome> finish_documents(const DossierInput& dossier,
                                                std::vector<DocumentPages>& documents,
                                                std::vector<DocumentOutcome> outcomes,
                                                SpanRecorder& spans);
  // Written with one event, "digitized", holding the dossier's timing spans.
  Manifest write_manifest(const DossierInput& dossier, std::vector<DocumentOutcome> outcomes,
                          const std::string& started_at, const SpanRecorder& spans);

  const RunConfig m_config;
  RunContext m_context;
  EngineVersions m_versions;
  std::vector<std::unique_ptr<ocr::OcrEngine>> m_engines;
  RecordsListener m_records_listener;
  std::vector<StageSpan> m_last_spans;
  std::vector<DocumentOutcome> m_last_outcomes;
  std::string m_last_dossier;
};

} // namespace sohoa::pipeline
