#include "pipeline/batch_runner.hpp"
#include "core/build_info.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/hash.hpp"
#include "forms/record_validation.hpp"
#include "pipeline/batch_report.hpp"
#include "pipeline/clock.hpp"
#include "pipeline/document.hpp"
#include "pipeline/manifest.hpp"
#include "pipeline/work_queue.hpp"
#include <atomic>
#include <cstdlib>
#include <map>
#include <thread>

namespace sohoa::pipeline {
namespace fs = std::filesystem;

fs::path resolve_schemas_dir(const fs::path& explicit_dir) {
  if (!explicit_dir.empty()) {
    return explicit_dir;
  }
  if (const char* env = std::getenv("SOHOA_SCHEMAS_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  const fs::path built_from = fs::path(sohoa::source_dir()) / "schemas";
  std::error_code ec;
  if (fs::is_directory(built_from, ec)) {
    return built_from;
  }
  return "/usr/share/sohoa/schemas";
}

namespace {

struct DossierState;

struct DocumentState {
  DossierState* dossier = nullptr;
  std::size_t index = 0;
  DocumentOutcome outcome;
  std::vector<ProcessedPage> pages;
  std::atomic<std::size_t> remaining{0};
  std::mutex mutex;   // guards outcome.errors and timings while pages run
  Stopwatch watch;
};

struct DossierState {
  DossierInput input;
  std::vector<std::unique_ptr<DocumentState>> documents;
  std::atomic<std::size_t> remaining{0};
  std::string started_at;
  Stopwatch watch;
};

struct PageTask {
  DocumentState* document = nullptr;
  std::size_t page_index = 0;
  RasterPage raster;
};

// Removes temp files a killed run left behind in a dossier's output folder.
void remove_stale_temps(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 1 && name[0] == '.' && name.find(".tmp-") != std::string::npos) {
      fs::remove(entry.path(), ec);
    }
  }
}

class Runner {
public:
  Runner(const RunConfig& config, Logger& log) : m_config(config), m_log(log) {}

  int run() {
    std::vector<DossierInput> dossiers;
    std::unique_ptr<ocr::OcrEngine> first_engine;
    try {
      dossiers = discover_inputs(m_config.inputs);
      m_context.catalog = forms::FormCatalog::load(resolve_schemas_dir(m_config.schemas_dir));
      if (m_config.post_correct) {
        m_context.lexicon = forms::Lexicon::load(*m_context.catalog);
      }
      m_ocr_options.languages = m_config.languages;
      m_ocr_options.tessdata_dir = m_config.tessdata_dir;
      first_engine = std::make_unique<ocr::OcrEngine>(m_ocr_options);
      m_versions = gather_versions(m_ocr_options);
    } catch (const Error& e) {
      m_log.error(e.file(), e.code(), e.what());
      return k_exit_usage;
    }
    if (!load_configured_signer(m_config.signing, m_context, m_log)) {
      return k_exit_signer;
    }
    std::error_code ec;
    fs::create_directories(m_config.out, ec);
    if (ec || !fs::is_directory(m_config.out)) {
      m_log.error(m_config.out.string(), "output_unwritable",
                  "cannot create the output folder: " + ec.message());
      return k_exit_usage;
    }
    m_context.out = m_config.out;
    m_context.pdfa = m_config.pdfa;
    m_context.image_mode = m_config.image_mode;
    m_context.hocr = m_config.hocr;
    m_context.deterministic = m_config.deterministic;
    m_context.software_version = sohoa::software_version();
    m_report = std::make_unique<BatchReport>(m_config.out / "batch-report.json",
                                             iso_now(m_config.deterministic));

    // A killed run may have left temp files anywhere in OUT: clear them first.
    remove_stale_temps(m_config.out);
    for (const auto& entry : fs::directory_iterator(m_config.out, ec)) {
      if (entry.is_directory()) {
        remove_stale_temps(entry.path());
      }
    }
    make_unique_dossier_ids(dossiers);
    std::vector<std::unique_ptr<DossierState>> todo;
    for (auto& d : dossiers) {
      if (!m_config.force) {
        if (auto manifest = read_complete_manifest(m_config.out / d.id / "manifest.json")) {
          m_report->add_skipped(d.id, *manifest);
          m_log.info("skipping " + d.id + ": complete from an earlier run (--force redoes it)");
          continue;
        }
      }
      auto state = std::make_unique<DossierState>();
      state->input = std::move(d);
      m_documents_total += static_cast<int>(state->input.documents.size());
      todo.push_back(std::move(state));
    }

    start_workers(std::move(first_engine));
    for (auto& dossier : todo) {
      if (m_abort) {
        break;
      }
      feed_dossier(*dossier);
    }
    m_queue.close();
    for (auto& t : m_workers) {
      t.join();
    }
    m_log.finish_progress();
    for (auto& dossier : todo) {
      if (dossier->remaining > 0 || dossier->documents.size() < dossier->input.documents.size()) {
        m_report->add_unfinished(dossier->input.id, "the run stopped before this dossier finished");
      }
    }

    int exit_code = k_exit_ok;
    if (m_abort) {
      exit_code = k_exit_signer;
    } else if (m_report->any_failed()) {
      exit_code = k_exit_some_failed;
    }
    m_report->write(iso_now(m_config.deterministic), exit_code, true);
    return exit_code;
  }

private:
  static void make_unique_dossier_ids(std::vector<DossierInput>& dossiers) {
    std::map<std::string, int> seen;
    for (auto& d : dossiers) {
      const int n = seen[d.id]++;
      if (n > 0) {
        d.id += "-" + std::to_string(n + 1);
      }
    }
  }

  int worker_count() const {
    int jobs = m_config.jobs > 0 ? m_config.jobs
                                 : static_cast<int>(std::thread::hardware_concurrency());
    return std::max(1, jobs);
  }

  void start_workers(std::unique_ptr<ocr::OcrEngine> first_engine) {
    const int n = worker_count();
    // Decoded pages wait for a worker: allow a few documents ahead so both cores
    // stay busy, but never the whole batch (memory stays flat).
    m_slots = std::make_unique<Slots>(static_cast<std::size_t>(2 * n));
    for (int i = 0; i < n; ++i) {
      std::unique_ptr<ocr::OcrEngine> engine = i == 0 ? std::move(first_engine) : nullptr;
      m_workers.emplace_back([this, e = std::move(engine)]() mutable { worker_loop(std::move(e)); });
    }
  }

  void worker_loop(std::unique_ptr<ocr::OcrEngine> engine) {
    std::optional<Error> engine_error;
    if (!engine) {
      try {
        engine = std::make_unique<ocr::OcrEngine>(m_ocr_options);
      } catch (const Error& e) {
        engine_error = e;
      }
    }
    while (auto task = m_queue.pop()) {
      DocumentState& doc = *task->document;
      if (!m_abort) {
        try {
          if (engine_error) {
            throw *engine_error;
          }
          ProcessedPage page = process_page(std::move(task->raster), *engine);
          std::lock_guard lock(doc.mutex);
          doc.outcome.timings.clean_ms += page.clean_ms;
          doc.outcome.timings.ocr_ms += page.ocr_ms;
          doc.pages[task->page_index] = std::move(page);
        } catch (const Error& e) {
          std::lock_guard lock(doc.mutex);
          doc.outcome.errors.push_back(to_error_info(e));
        } catch (const std::exception& e) {
          std::lock_guard lock(doc.mutex);
          doc.outcome.errors.push_back(
              {"pipeline", "internal_error", e.what(), task->raster.source, 0});
        }
      }
      ++m_pages_done;
      report_progress();
      if (--doc.remaining == 0) {
        finish_document(doc);
      }
    }
  }

  void report_progress() {
    m_log.progress(m_pages_done, m_pages_seen, m_documents_done, m_documents_total);
  }

  void feed_dossier(DossierState& dossier) {
    const fs::path dir = m_config.out / dossier.input.id;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
      m_log.error(dir.string(), "output_unwritable", "cannot create folder: " + ec.message());
      m_report->add_unfinished(dossier.input.id, "cannot create output folder");
      return;
    }
    for (const auto& [document_id, message] : dossier.input.document_errors) {
      if (document_id.empty()) {
        m_log.warning(dossier.input.id, message);
      }
    }
    dossier.started_at = iso_now(m_config.deterministic);
    const std::size_t n = dossier.input.documents.size();
    for (std::size_t i = 0; i < n; ++i) {
      auto doc = std::make_unique<DocumentState>();
      doc->dossier = &dossier;
      doc->index = i;
      doc->outcome.document_id = dossier.input.documents[i].id;
      dossier.documents.push_back(std::move(doc));
    }
    dossier.remaining = n;
    if (n == 0) {
      finish_dossier(dossier);
      return;
    }
    for (std::size_t i = 0; i < n && !m_abort; ++i) {
      m_slots->acquire();
      feed_document(dossier, *dossier.documents[i]);
    }
  }

  void feed_document(DossierState& dossier, DocumentState& doc) {
    const DocumentInput& input = dossier.input.documents[doc.index];
    std::vector<RasterPage> pages;
    Stopwatch ingest_watch;
    for (const auto& [id, message] : dossier.input.document_errors) {
      if (id == input.id) {
        doc.outcome.errors.push_back({"ingest", "bad_input", message, "", 0});
      }
    }
    for (const auto& file : input.files) {
      const std::string name = source_name(dossier.input, file);
      try {
        doc.outcome.inputs.push_back(
            {name, sha256_file(file), static_cast<long long>(fs::file_size(file))});
      } catch (const std::exception& e) {
        doc.outcome.errors.push_back({"ingest", "unreadable_file", e.what(), name, 0});
        continue;
      }
      if (!doc.outcome.errors.empty()) {
        continue;  // already failed: hash the rest for the manifest, decode nothing
      }
      try {
        auto file_pages = load_pages(file, m_config.default_dpi, m_config.limits, name);
        std::move(file_pages.begin(), file_pages.end(), std::back_inserter(pages));
        if (static_cast<int>(pages.size()) > m_config.limits.max_pages_per_document) {
          throw Error(Stage::ingest, "too_many_pages",
                      "document has more than " +
                          std::to_string(m_config.limits.max_pages_per_document) + " pages",
                      name);
        }
      } catch (const Error& e) {
        doc.outcome.errors.push_back(to_error_info(e));
        pages.clear();
      }
    }
    if (doc.outcome.errors.empty() && pages.empty()) {
      doc.outcome.errors.push_back({"ingest", "no_pages", "the document has no pages", "", 0});
    }
    doc.outcome.timings.ingest_ms = ingest_watch.elapsed_ms();
    if (!doc.outcome.errors.empty()) {
      finish_document(doc);
      return;
    }
    doc.pages.resize(pages.size());
    doc.remaining = pages.size();
    m_pages_seen += static_cast<int>(pages.size());
    for (std::size_t i = 0; i < pages.size(); ++i) {
      m_queue.push(PageTask{&doc, i, std::move(pages[i])});
    }
  }

  void finish_document(DocumentState& doc) {
    DossierState& dossier = *doc.dossier;
    DocumentOutcome outcome = std::move(doc.outcome);
    if (!m_abort) {
      try {
        outcome = write_document(m_context, dossier.input, doc.index, std::move(doc.pages),
                                 std::move(outcome));
      } catch (const Error& e) {
        if (e.stage() == Stage::sign) {
          m_abort = true;
          m_log.error(e.file(), e.code(), e.what());
        } else {
          outcome.errors.push_back(to_error_info(e));
          outcome.status = "failed";
        }
      } catch (const std::exception& e) {
        outcome.errors.push_back({"pipeline", "internal_error", e.what(), "", 0});
        outcome.status = "failed";
      }
    }
    doc.pages.clear();
    outcome.timings.total_ms = doc.watch.elapsed_ms();
    if (outcome.status == "failed" && !outcome.errors.empty() && !m_abort) {
      const auto& e = outcome.errors.front();
      m_log.error(dossier.input.id + "/" + (e.file.empty() ? outcome.document_id : e.file),
                  e.code, e.message);
    }
    doc.outcome = std::move(outcome);
    ++m_documents_done;
    report_progress();
    m_slots->release();
    if (--dossier.remaining == 0) {
      finish_dossier(dossier);
    }
  }

  void finish_dossier(DossierState& dossier) {
    if (m_abort) {
      m_report->add_unfinished(dossier.input.id, "the run stopped: signer or TSA unusable");
      return;
    }
    ManifestInput in;
    in.dossier = &dossier.input;
    for (const auto& d : dossier.documents) {
      in.documents.push_back(d->outcome);
    }
    if (m_context.signer) {
      in.signer = m_context.signer->certificate();
    }
    in.versions = &m_versions;
    in.started_at = dossier.started_at;
    in.finished_at = iso_now(m_config.deterministic);
    in.pdfa = m_config.pdfa == pdf::PdfAPart::a3b ? "3b" : "2b";
    try {
      const auto manifest = build_manifest(in);
      for (const auto& violation : forms::validate_manifest(manifest, *m_context.catalog)) {
        m_log.warning(dossier.input.id + "/manifest.json", "schema: " + violation);
      }
      write_file_atomic(m_config.out / dossier.input.id / "manifest.json",
                        manifest.dump(2) + "\n");
      m_report->add_dossier(dossier.input.id, in.documents, dossier.watch.elapsed_ms());
      m_report->write("", 0, false);
    } catch (const Error& e) {
      m_log.error(e.file(), e.code(), e.what());
      m_report->add_unfinished(dossier.input.id, e.what());
    }
  }

  const RunConfig& m_config;
  Logger& m_log;
  RunContext m_context;
  ocr::OcrOptions m_ocr_options;
  EngineVersions m_versions;
  std::unique_ptr<BatchReport> m_report;
  WorkQueue<PageTask> m_queue;
  std::unique_ptr<Slots> m_slots;
  std::vector<std::thread> m_workers;
  std::atomic<bool> m_abort{false};
  std::atomic<int> m_pages_done{0};
  std::atomic<int> m_pages_seen{0};
  std::atomic<int> m_documents_done{0};
  int m_documents_total = 0;
};

} // namespace

int run_batch(const RunConfig& config, Logger& log) {
  Runner runner(config, log);
  return runner.run();
}

} // namespace sohoa::pipeline
