#include "sohoa/pipeline/warm_pipeline.hpp"
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/build_info.hpp"
#include "sohoa/core/clock.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/hash.hpp"
#include "sohoa/imaging/cleanup.hpp"
#include "sohoa/pipeline/batch_runner.hpp"
#include "batch_report.hpp"
#include "page_encoder.hpp"
#include "read_page.hpp"
#include "task_errors.hpp"
#include "warm_pipeline_queue.hpp"
#include <atomic>
#include <thread>

namespace sohoa::pipeline {
namespace fs = std::filesystem;

namespace {

// Times the reading policy's calls to the engine (read_page asks once per
// orientation of a page).
class TimedReader final : public PageReader {
public:
  TimedReader(ocr::OcrEngine& engine, SpanRecorder& spans, const std::string& document, int page)
      : m_engine(engine), m_spans(spans), m_document(document), m_page(page) {}

  PageText recognize(const CleanPage& page) override {
    const SpanRecorder::Scope span(m_spans, "recognize", m_document, m_page);
    return m_engine.recognize(page.ocr_image, page.dpi);
  }

  std::optional<ocr::OrientationGuess> detect_orientation(const CleanPage& page) override {
    const SpanRecorder::Scope span(m_spans, "osd", m_document, m_page);
    return m_engine.detect_orientation(page.ocr_image, page.dpi);
  }

private:
  ocr::OcrEngine& m_engine;
  SpanRecorder& m_spans;
  const std::string& m_document;
  int m_page;
};

// The error a document's digest or decoding raised, as the manifest keeps it.
ErrorInfo ingest_error(std::exception_ptr thrown, const std::string& name) {
  try {
    std::rethrow_exception(std::move(thrown));
  } catch (const Error& e) {
    return to_error_info(e);
  } catch (const std::exception& e) {
    return {Stage::ingest, "unreadable_file", e.what(), name, 0};
  }
}

} // namespace

void PageQueue::push(QueuedPage page) {
  {
    std::lock_guard lock(m_mutex);
    if (m_closed) {
      return;
    }
    m_pages.push_back(std::move(page));
  }
  m_ready.notify_one();
}

void PageQueue::close() {
  {
    std::lock_guard lock(m_mutex);
    m_closed = true;
  }
  m_ready.notify_all();
}

void PageQueue::abandon() {
  {
    std::lock_guard lock(m_mutex);
    m_closed = true;
    m_pages.clear();
  }
  m_ready.notify_all();
}

std::optional<QueuedPage> PageQueue::pop() {
  std::unique_lock lock(m_mutex);
  m_ready.wait(lock, [this] { return m_closed || !m_pages.empty(); });
  if (m_pages.empty()) {
    return std::nullopt;
  }
  QueuedPage page = std::move(m_pages.front());
  m_pages.pop_front();
  return page;
}

WarmPipeline::WarmPipeline(const RunConfig& config, int engines) : m_config(config) {
  m_context.catalog = forms::FormCatalog::load(resolve_schemas_dir(m_config.schemas_dir));
  if (m_config.post_correct) {
    m_context.lexicon = forms::Lexicon::load(*m_context.catalog);
  }
  set_run_outputs(m_context, m_config.out, m_config.pdfa, m_config.image_mode, m_config.hocr,
                  m_config.deterministic);
  m_context.mrc_effort = m_config.mrc_effort;
  ocr::OcrOptions ocr_options;
  ocr_options.languages = m_config.languages;
  ocr_options.tessdata_dir = m_config.tessdata_dir;
  for (int i = 0; i < std::max(1, engines); ++i) {
    m_engines.push_back(std::make_unique<ocr::OcrEngine>(ocr_options));
  }
  m_versions = gather_versions(ocr_options);
}

WarmPipeline::~WarmPipeline() = default;

bool WarmPipeline::use_configured_signer(Logger& log) {
  return load_configured_signer(m_config.signing, m_context, log);
}

ProcessedPage WarmPipeline::read_one(QueuedPage& item, ocr::OcrEngine& engine, PageEncoder& encoder,
                                     SpanRecorder& spans) {
  ProcessedPage page;
  page.source = item.raster.source;
  page.source_page = item.raster.source_page;
  page.problems = std::move(item.raster.problems);
  imaging::CleanupReport report;
  {
    SpanRecorder::Scope span(spans, "clean", item.document, item.page);
    Stopwatch watch;
    imaging::CleanupOptions options;
    options.defer_paper_grain = true; // the encoder smooths it: the records need not wait
    page.clean = imaging::clean_page(item.raster, options, report);
    page.clean_ms = watch.elapsed_ms();
  }
  item.raster.pixels.release(); // the decoded scan is no longer needed: keep memory flat
  // Encoded from now on, beside this page's OCR and the other pages': the counter
  // shows the fields without waiting for the page images, and the PDF waits for
  // little more.
  encoder.start(page, item.document, item.page);
  const int cleaned_rotation = page.clean.rotation;
  if (!page.clean.blank) {
    SpanRecorder::Scope span(spans, "ocr", item.document, item.page);
    Stopwatch watch;
    TimedReader reader(engine, spans, item.document, item.page);
    page.text = read_page(page.clean, report.orientation_applied, reader);
    page.ocr_ms = watch.elapsed_ms();
  }
  page.text.width = page.clean.archival.cols;
  page.text.height = page.clean.archival.rows;
  page.clean.ocr_image.release(); // only the archival image goes into the PDF
  if (page.clean.rotation != cleaned_rotation) {
    encoder.start(page, item.document, item.page); // reading turned it: that image is kept
  }
  page.clean.archival.release(); // the encoder holds it until encoded
  page.clean.paper_grain_pending_at.reset();
  return page;
}

void WarmPipeline::read_pages(PageQueue& queue, const std::function<void()>& produce,
                              PageEncoder& encoder, SpanRecorder& spans) {
  auto work = [&](ocr::OcrEngine& engine) {
    while (auto item = queue.pop()) {
      try {
        item->result->page = read_one(*item, engine, encoder, spans);
      } catch (...) {
        item->result->error = page_task_error(std::current_exception(), item->raster.source,
                                              item->raster.source_page);
      }
    }
  };
  std::vector<std::thread> readers;
  for (auto& engine : m_engines) {
    readers.emplace_back(work, std::ref(*engine));
  }
  std::exception_ptr failure;
  try {
    produce();
    queue.close();
  } catch (...) {
    failure = std::current_exception();
    queue.abandon();
  }
  for (auto& reader : readers) {
    reader.join();
  }
  if (failure) {
    std::rethrow_exception(failure);
  }
}

DocumentOutcome WarmPipeline::ingest_document(const DossierInput& dossier, std::size_t index,
                                              PageQueue* queue,
                                              std::vector<DocumentPages>& documents,
                                              SpanRecorder& spans) {
  const DocumentInput& input = dossier.documents[index];
  DocumentPages& slots = documents[index];
  Stopwatch watch;
  DocumentOutcome outcome;
  outcome.document_id = input.id;
  for (const auto& [id, message] : dossier.document_errors) {
    if (id == input.id) {
      outcome.errors.push_back({Stage::ingest, "bad_input", message, "", 0});
    }
  }
  for (const auto& file : input.files) {
    const std::string name = source_name(dossier, file);
    try {
      const SpanRecorder::Scope span(spans, "ingest", input.id, 0);
      outcome.inputs.push_back(
          {name, sha256_file(file), static_cast<long long>(fs::file_size(file))});
      if (queue == nullptr || !outcome.errors.empty()) {
        continue; // streamed pages were handed over as scanned: only their digests here
      }
      auto file_pages = load_pages(file, m_config.default_dpi, m_config.limits, name);
      if (static_cast<int>(slots.pages.size() + file_pages.size()) >
          m_config.limits.max_pages_per_document) {
        throw Error(Stage::ingest, "too_many_pages",
                    "document has more than " +
                        std::to_string(m_config.limits.max_pages_per_document) + " pages",
                    name);
      }
      // Each file's pages go to the engines at once, while the next file decodes.
      for (auto& raster : file_pages) {
        PageResult& slot = slots.pages.emplace_back();
        queue->push({std::move(raster), input.id, static_cast<int>(slots.pages.size()), &slot});
      }
    } catch (...) {
      outcome.errors.push_back(ingest_error(std::current_exception(), name));
    }
  }
  if (outcome.errors.empty() && slots.pages.empty()) {
    outcome.errors.push_back({Stage::ingest, "no_pages", "the document has no pages", "", 0});
  }
  outcome.timings.ingest_ms = watch.elapsed_ms();
  return outcome;
}

std::vector<DocumentOutcome> WarmPipeline::finish_documents(const DossierInput& dossier,
                                                            std::vector<DocumentPages>& documents,
                                                            std::vector<DocumentOutcome> outcomes,
                                                            SpanRecorder& spans) {
  // Every record is announced together, as soon as the last one is made: the
  // documents are finished side by side and their PDFs are written after.
  std::mutex records_mutex;
  std::vector<std::optional<nlohmann::json>> records(outcomes.size());
  std::size_t reported = 0;
  auto report = [&](std::size_t index, std::optional<nlohmann::json> record) {
    std::lock_guard lock(records_mutex);
    records[index] = std::move(record);
    if (++reported == outcomes.size() && m_records_listener) {
      std::vector<nlohmann::json> all;
      for (auto& r : records) {
        if (r) {
          all.push_back(std::move(*r));
        }
      }
      m_records_listener(all);
    }
  };

  auto finish = [&](std::size_t index) {
    DocumentOutcome& outcome = outcomes[index];
    std::vector<ProcessedPage> pages;
    for (auto& slot : documents[index].pages) {
      if (slot.error) {
        outcome.errors.push_back(*slot.error);
      }
      outcome.timings.clean_ms += slot.page.clean_ms;
      outcome.timings.ocr_ms += slot.page.ocr_ms;
      pages.push_back(std::move(slot.page));
    }
    const SpanRecorder::Scope span(spans, "document", outcome.document_id, 0);
    RunContext context = m_context;
    bool announced = false;
    context.on_record = [&](const std::string& record_json) {
      announced = true;
      spans.add({"record", outcome.document_id, 0, spans.now_ms(), spans.now_ms(), 0});
      report(index, nlohmann::json::parse(record_json));
    };
    Stopwatch watch;
    try {
      outcome = write_document(context, dossier, index, std::move(pages), std::move(outcome));
    } catch (const Error& e) {
      if (!announced) {
        report(index, std::nullopt);
      }
      if (e.stage() == Stage::sign) {
        throw; // a configured signer failed: nothing unsigned is kept in its place
      }
      outcome.errors.push_back(to_error_info(e));
      outcome.status = Status::failed;
    } catch (...) {
      if (!announced) {
        report(index, std::nullopt);
      }
      outcome.errors.push_back(task_error(std::current_exception()));
      outcome.status = Status::failed;
    }
    if (!announced && outcome.status == Status::failed) {
      report(index, std::nullopt);
    }
    outcome.timings.total_ms = outcome.timings.ingest_ms + outcome.timings.clean_ms +
                               outcome.timings.ocr_ms + watch.elapsed_ms();
  };

  std::exception_ptr failure;
  std::mutex failure_mutex;
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < outcomes.size(); i = next++) {
      try {
        finish(i);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        failure = std::current_exception();
      }
    }
  };
  const std::size_t threads = std::min(m_engines.size(), outcomes.size());
  std::vector<std::thread> helpers;
  for (std::size_t t = 1; t < threads; ++t) {
    helpers.emplace_back(work);
  }
  work();
  for (auto& helper : helpers) {
    helper.join();
  }
  if (failure) {
    std::rethrow_exception(failure);
  }
  return outcomes;
}

Manifest WarmPipeline::write_manifest(const DossierInput& dossier,
                                      std::vector<DocumentOutcome> outcomes,
                                      const std::string& started_at, const SpanRecorder& spans) {
  ManifestInput in;
  in.dossier = &dossier;
  in.versions = &m_versions;
  in.started_at = started_at;
  in.pdfa = m_config.pdfa == pdf::PdfAPart::a3b ? "3b" : "2b";
  if (m_context.signer) {
    in.signer = m_context.signer->certificate();
  }
  in.documents = std::move(outcomes);
  in.finished_at = to_iso8601(m_context.clock->now());
  Manifest manifest = build_manifest(in);
  m_last_spans = spans.spans();
  // Where the dossier's time went, for whoever asks why a citizen waited.
  nlohmann::json digitized = {
      {"event", "digitized"}, {"at", in.finished_at}, {"timings", m_last_spans}};
  manifest.events = nlohmann::json::array();
  manifest.events->push_back(std::move(digitized));
  write_file_atomic(m_config.out / dossier.id / "manifest.json",
                    nlohmann::json(manifest).dump(2) + "\n");
  m_last_outcomes = std::move(in.documents);
  m_last_dossier = dossier.id;
  return manifest;
}

int WarmPipeline::write_batch_report(const std::string& started_at, double elapsed_ms) const {
  BatchReportWriter report(m_config.out / report_file_name(m_config.selection.shard), started_at);
  report.set_deterministic(m_config.deterministic);
  report.add_dossier(m_last_dossier, m_last_outcomes, elapsed_ms);
  const int exit_code = report.any_failed() ? k_exit_some_failed : k_exit_ok;
  report.write(to_iso8601(m_context.clock->now()), exit_code, true);
  return exit_code;
}

Manifest WarmPipeline::process(const DossierInput& dossier) {
  SpanRecorder spans;
  const std::string started_at = to_iso8601(m_context.clock->now());
  fs::create_directories(m_config.out / dossier.id);
  // Every page of the dossier goes to the engines as soon as it is decoded: two
  // one-page documents are read side by side as well as one two-page document.
  PageEncoder encoder(m_context.image_mode, m_context.mrc_effort,
                      static_cast<int>(m_engines.size()), spans);
  PageQueue queue;
  std::vector<DocumentPages> documents(dossier.documents.size());
  std::vector<DocumentOutcome> outcomes;
  read_pages(
      queue,
      [&] {
        for (std::size_t i = 0; i < dossier.documents.size(); ++i) {
          outcomes.push_back(ingest_document(dossier, i, &queue, documents, spans));
        }
      },
      encoder, spans);
  outcomes = finish_documents(dossier, documents, std::move(outcomes), spans);
  return write_manifest(dossier, std::move(outcomes), started_at, spans);
}

Manifest
WarmPipeline::process_streamed(const std::function<DossierInput(const PageSink& hand)>& produce) {
  SpanRecorder spans;
  const std::string started_at = to_iso8601(m_context.clock->now());
  PageEncoder encoder(m_context.image_mode, m_context.mrc_effort,
                      static_cast<int>(m_engines.size()), spans);
  PageQueue queue;
  std::vector<DocumentPages> documents(1);
  std::string document_id = "scan"; // named when produce returns; only spans use it early
  DossierInput dossier;
  read_pages(
      queue,
      [&] {
        const PageSink hand = [&](RasterPage page) {
          spans.add({"scanned", document_id, static_cast<int>(documents[0].pages.size() + 1),
                     spans.now_ms(), spans.now_ms(), 0});
          PageResult& slot = documents[0].pages.emplace_back();
          queue.push(
              {std::move(page), document_id, static_cast<int>(documents[0].pages.size()), &slot});
        };
        dossier = produce(hand);
      },
      encoder, spans);
  if (dossier.documents.size() != 1) {
    throw Error(Stage::pipeline, "internal_error", "a streamed dossier has exactly one document");
  }
  fs::create_directories(m_config.out / dossier.id);
  std::vector<DocumentOutcome> outcomes;
  outcomes.push_back(ingest_document(dossier, 0, nullptr, documents, spans));
  outcomes = finish_documents(dossier, documents, std::move(outcomes), spans);
  return write_manifest(dossier, std::move(outcomes), started_at, spans);
}

} // namespace sohoa::pipeline
