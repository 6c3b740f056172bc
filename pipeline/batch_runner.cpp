#include "sohoa/core/clock.hpp"
#include "sohoa/pipeline/batch_runner.hpp"
#include "sohoa/core/build_info.hpp"
#include "sohoa/core/data_dir.hpp"
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/hash.hpp"
#include "sohoa/core/name_text.hpp"
#include "sohoa/forms/record_validation.hpp"
#include "batch_report.hpp"
#include "sohoa/pipeline/counter_priority.hpp"
#include "sohoa/pipeline/document.hpp"
#include "exit_code.hpp"
#include "heap_policy.hpp"
#include "sohoa/pipeline/manifest.hpp"
#include "sohoa/pipeline/output_lock.hpp"
#include "resume.hpp"
#include "task_errors.hpp"
#include "work_queue.hpp"
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <thread>
#include <fcntl.h>
#include <unistd.h>

namespace sohoa::pipeline {
namespace fs = std::filesystem;

fs::path resolve_schemas_dir(const fs::path& explicit_dir) {
  if (!explicit_dir.empty()) {
    return explicit_dir;
  }
  if (const char* env = std::getenv("SOHOA_SCHEMAS_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return sohoa::find_data_dir("schemas");
}

namespace {

struct DossierState;

struct DocumentState {
  DossierState* dossier = nullptr;
  std::size_t index = 0;
  DocumentOutcome outcome;
  std::vector<ProcessedPage> pages;
  std::atomic<std::size_t> remaining{0};
  std::mutex mutex; // guards pages, outcome.errors and timings while pages run
  Stopwatch watch;
};

struct DossierState {
  DossierInput input;
  std::vector<std::unique_ptr<DocumentState>> documents;
  std::atomic<std::size_t> remaining{0};
  std::string started_at;
  Stopwatch watch;
  bool reported = false; // a row is in the batch report (finished or failed)
};

struct PageTask {
  DocumentState* document = nullptr;
  std::size_t page_index = 0;
  RasterPage raster;
};

// Why files cannot be written in `dir` (created when missing), or nullopt. Creating
// and removing a probe file catches a read-only folder or file system even as root,
// for whom the permission bits say nothing.
std::optional<std::string> unwritable_folder_problem(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    return "cannot create the output folder " + dir.string() + ": " + ec.message();
  }
  if (!fs::is_directory(dir, ec)) {
    return "cannot create the output folder " + dir.string() + ": a file is in the way";
  }
  const fs::path probe = temp_path_for(dir / ".write-probe");
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return "cannot write in the output folder " + dir.string() + ": " + std::strerror(errno);
  }
  ::close(fd);
  fs::remove(probe, ec);
  return std::nullopt;
}

class Runner {
public:
  Runner(const RunConfig& config, Logger& log) : m_config(config), m_log(log) {}

  int run() {
    std::vector<DossierInput> dossiers;
    std::unique_ptr<ocr::OcrEngine> first_engine;
    bound_heap_for_workers(worker_count());
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
    set_run_outputs(m_context, m_config.out, m_config.pdfa, m_config.image_mode, m_config.hocr,
                    m_config.deterministic);
    const fs::path report_file = !m_config.report_file.empty()
                                     ? m_config.report_file
                                     : m_config.out / report_file_name(m_config.selection.shard);
    std::unique_ptr<OutputLock> report_lock;
    try {
      report_lock =
          std::make_unique<OutputLock>(report_file.parent_path(), report_file.filename().string());
    } catch (const Error& e) {
      m_log.error(e.file(), e.code(), e.what());
      return k_exit_usage;
    }
    m_report = std::make_unique<BatchReportWriter>(report_file, to_iso8601(m_context.clock->now()));
    m_report->set_deterministic(m_config.deterministic);

    make_unique_dossier_ids(dossiers);
    select_dossiers(dossiers);
    clear_stale_temps(dossiers);
    std::vector<std::unique_ptr<DossierState>> todo;
    for (auto& d : dossiers) {
      if (d.failure) {
        m_log.error(d.failure->file, d.failure->code, d.failure->message);
        m_report->add_failed_dossier(
            d.id, {Stage::ingest, d.failure->code, d.failure->message, d.failure->file, 0});
        continue;
      }
      if (!m_config.force) {
        ResumeCheck resume = check_resume(m_config.out / d.id, d);
        if (resume.manifest) {
          m_report->add_skipped(d.id, *resume.manifest);
          m_log.info("skipping " + d.id + ": complete from an earlier run (--force redoes it)");
          continue;
        }
        if (!resume.redo_reason.empty()) {
          m_log.info("redoing " + d.id + ": " + resume.redo_reason);
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
      if (!dossier->reported) {
        m_report->add_unfinished(dossier->input.id, "the run stopped before this dossier finished");
      }
    }

    BatchOutcome outcome;
    outcome.signer_stopped = m_abort;
    outcome.any_failed = m_report->any_failed();
    try {
      m_report->write(to_iso8601(m_context.clock->now()), run_exit_code(outcome), true);
    } catch (const Error& e) {
      m_log.error(e.file(), e.code(), e.what());
      outcome.report_unwritten = true;
    }
    return run_exit_code(outcome);
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

  // Only this process's share of the batch (a shard, a queue worker's dossier).
  void select_dossiers(std::vector<DossierInput>& dossiers) const {
    if (m_config.selection.everything()) {
      return;
    }
    std::erase_if(dossiers, [&](const DossierInput& d) { return !m_config.selection.holds(d.id); });
  }

  // A killed run may have left temp files in OUT: clear them first. A process
  // sharing OUT with others clears only its own dossiers' folders, never the temp
  // files another one is writing right now.
  void clear_stale_temps(const std::vector<DossierInput>& dossiers) const {
    std::error_code ec;
    if (m_config.selection.everything()) {
      remove_temp_files(m_config.out);
      for (const auto& entry : fs::directory_iterator(m_config.out, ec)) {
        if (entry.is_directory()) {
          remove_temp_files(entry.path());
        }
      }
      return;
    }
    for (const auto& d : dossiers) {
      if (fs::is_directory(m_config.out / d.id, ec)) {
        remove_temp_files(m_config.out / d.id);
      }
    }
  }

  int worker_count() const {
    int jobs =
        m_config.jobs > 0 ? m_config.jobs : static_cast<int>(std::thread::hardware_concurrency());
    return std::max(1, jobs);
  }

  void start_workers(std::unique_ptr<ocr::OcrEngine> first_engine) {
    const int n = worker_count();
    // Decoded pages wait for a worker: allow a few documents ahead so both cores
    // stay busy, but never the whole batch (memory stays flat).
    m_slots = std::make_unique<Slots>(static_cast<std::size_t>(2 * n));
    // Pages are decoded one at a time as workers take them: one page in hand per
    // worker and one decoded ahead (decoding takes a tenth of a page's cleanup and
    // OCR), so a file of thousands of pages never sits decoded in memory.
    m_page_slots = std::make_unique<Slots>(static_cast<std::size_t>(n + 1));
    for (int i = 0; i < n; ++i) {
      std::unique_ptr<ocr::OcrEngine> engine = i == 0 ? std::move(first_engine) : nullptr;
      m_workers.emplace_back(
          [this, e = std::move(engine)]() mutable { worker_loop(std::move(e)); });
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
      // Kept apart: the raster is moved into the page's processing.
      const std::string source = task->raster.source;
      const int source_page = task->raster.source_page;
      if (!m_abort) {
        try {
          if (engine_error) {
            throw *engine_error;
          }
          yield_to_counter(); // a citizen waiting at the counter goes first
          ProcessedPage page = process_page(std::move(task->raster), *engine);
          Stopwatch encode_watch;
          {
            // An MRC split holds several full-page buffers at once: two at a time
            // would double the run's peak for a second's gain.
            std::lock_guard encode_lock(m_encode_mutex);
            compact_page(page, m_context.image_mode);
            trim_heap();
          }
          const double encode_ms = encode_watch.elapsed_ms();
          std::lock_guard lock(doc.mutex);
          doc.outcome.timings.clean_ms += page.clean_ms;
          doc.outcome.timings.ocr_ms += page.ocr_ms;
          doc.outcome.timings.pdf_ms += encode_ms;
          doc.pages[task->page_index] = std::move(page);
        } catch (...) {
          ErrorInfo error = page_task_error(std::current_exception(), source, source_page);
          std::lock_guard lock(doc.mutex);
          doc.outcome.errors.push_back(std::move(error));
        }
      }
      task->raster.pixels.release();
      return_free_heap_if_grown(); // the page's buffers stay for the next page, within bounds
      m_page_slots->release();
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

  // The dossier fails before any work: one failed row in the report, no manifest,
  // so the next run tries it again.
  void fail_dossier(DossierState& dossier, const std::string& code, const std::string& message,
                    const std::string& file) {
    m_log.error(file, code, message);
    m_report->add_failed_dossier(dossier.input.id, {Stage::output, code, message, file, 0});
    dossier.reported = true;
    write_partial_report();
  }

  void write_partial_report() {
    try {
      m_report->write("", 0, false);
    } catch (const Error& e) {
      m_log.warning(e.file(), e.what()); // the final write tries again
    }
  }

  void feed_dossier(DossierState& dossier) {
    const fs::path dir = m_config.out / dossier.input.id;
    if (auto problem = unwritable_folder_problem(dir)) {
      fail_dossier(dossier, "output_unwritable", *problem, dir.string());
      return;
    }
    for (const auto& [document_id, message] : dossier.input.document_errors) {
      if (document_id.empty()) {
        m_log.warning(dossier.input.id, message);
      }
    }
    dossier.started_at = to_iso8601(m_context.clock->now());
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

  static bool has_errors(DocumentState& doc) {
    std::lock_guard lock(doc.mutex);
    return !doc.outcome.errors.empty();
  }

  static void add_error(DocumentState& doc, ErrorInfo error) {
    std::lock_guard lock(doc.mutex);
    doc.outcome.errors.push_back(std::move(error));
  }

  // Streams one file's pages to the workers: each page is decoded only once a page
  // slot is free, so at most a few decoded pages exist whatever the file's length.
  void feed_file(DocumentState& doc, PageSource& source, const std::string& name,
                 std::size_t& count, double& ingest_ms) {
    while (!m_abort) {
      m_page_slots->acquire();
      std::optional<RasterPage> page;
      try {
        Stopwatch decode_watch;
        page = source.next();
        ingest_ms += decode_watch.elapsed_ms();
      } catch (...) {
        m_page_slots->release();
        throw;
      }
      if (!page) {
        m_page_slots->release();
        return;
      }
      if (count >= static_cast<std::size_t>(m_config.limits.max_pages_per_document)) {
        m_page_slots->release();
        throw Error(Stage::ingest, "too_many_pages",
                    "document has more than " +
                        std::to_string(m_config.limits.max_pages_per_document) + " pages",
                    name);
      }
      {
        std::lock_guard lock(doc.mutex);
        doc.pages.emplace_back();
      }
      ++doc.remaining;
      ++m_pages_seen;
      m_queue.push(PageTask{&doc, count++, std::move(*page)});
      if (has_errors(doc)) {
        return; // a page failed: decoding the rest would be wasted
      }
    }
  }

  void feed_document(DossierState& dossier, DocumentState& doc) {
    const DocumentInput& input = dossier.input.documents[doc.index];
    for (const auto& [id, message] : dossier.input.document_errors) {
      if (id == input.id) {
        doc.outcome.errors.push_back({Stage::ingest, "bad_input", message, "", 0});
      }
    }
    // The feeder's own hold: the document cannot finish while its pages still come.
    doc.remaining = 1;
    std::size_t count = 0;
    double ingest_ms = 0;
    for (const auto& file : input.files) {
      const std::string name = source_name(dossier.input, file);
      const std::string name_bytes = source_name_bytes(dossier.input, file);
      try {
        FileDigest digest = digest_file(file, name);
        if (name != name_bytes) {
          digest.name_bytes_hex = hex_bytes(name_bytes);
        }
        std::lock_guard lock(doc.mutex);
        doc.outcome.inputs.push_back(std::move(digest));
      } catch (const std::exception& e) {
        add_error(doc, {Stage::ingest, "unreadable_file", e.what(), name, 0});
        continue;
      }
      if (has_errors(doc) || m_abort) {
        continue; // already failed: hash the rest for the manifest, decode nothing
      }
      try {
        Stopwatch open_watch;
        const std::unique_ptr<PageSource> source =
            open_pages(file, m_config.default_dpi, m_config.limits, name);
        ingest_ms += open_watch.elapsed_ms();
        feed_file(doc, *source, name, count, ingest_ms);
      } catch (const Error& e) {
        add_error(doc, to_error_info(e));
      }
    }
    {
      std::lock_guard lock(doc.mutex);
      if (doc.outcome.errors.empty() && count == 0) {
        doc.outcome.errors.push_back(
            {Stage::ingest, "no_pages", "the document has no pages", "", 0});
      }
      doc.outcome.timings.ingest_ms = ingest_ms;
    }
    if (--doc.remaining == 0) {
      finish_document(doc);
    }
  }

  void finish_document(DocumentState& doc) {
    DossierState& dossier = *doc.dossier;
    DocumentOutcome outcome = std::move(doc.outcome);
    if (!m_abort) {
      // write_document takes the outcome: keep what names the document for a failure.
      const std::string document_id = outcome.document_id;
      const std::vector<FileDigest> inputs = outcome.inputs;
      const auto restore = [&] {
        outcome.document_id = document_id;
        outcome.inputs = inputs;
      };
      try {
        outcome = write_document(m_context, dossier.input, doc.index, std::move(doc.pages),
                                 std::move(outcome));
      } catch (const Error& e) {
        restore();
        if (e.stage() == Stage::sign) {
          m_abort = true;
          m_log.error(e.file(), e.code(), e.what());
        } else {
          outcome.errors.push_back(to_error_info(e));
          outcome.status = Status::failed;
        }
      } catch (...) {
        restore();
        outcome.errors.push_back(task_error(std::current_exception()));
        outcome.status = Status::failed;
      }
    }
    doc.pages.clear();
    return_free_heap_if_grown();
    outcome.timings.total_ms = doc.watch.elapsed_ms();
    if (outcome.status == Status::failed && !outcome.errors.empty() && !m_abort) {
      const auto& e = outcome.errors.front();
      // An output that failed is named by its full path; inputs within the dossier.
      const std::string where =
          fs::path(e.file).is_absolute()
              ? e.file
              : dossier.input.id + "/" + (e.file.empty() ? outcome.document_id : e.file);
      m_log.error(where, e.code, e.message);
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
      dossier.reported = true;
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
    in.finished_at = to_iso8601(m_context.clock->now());
    in.pdfa = m_config.pdfa == pdf::PdfAPart::a3b ? "3b" : "2b";
    std::string failure;
    try {
      const nlohmann::json manifest = build_manifest(in);
      for (const auto& violation : forms::validate_manifest(manifest, *m_context.catalog)) {
        m_log.warning(dossier.input.id + "/manifest.json", "schema: " + violation);
      }
      write_file_atomic(m_config.out / dossier.input.id / "manifest.json", manifest.dump(2) + "\n");
    } catch (const Error& e) {
      m_log.error(e.file(), e.code(), e.what());
      failure = e.what();
    }
    m_report->add_dossier(dossier.input.id, in.documents, dossier.watch.elapsed_ms(), failure);
    dossier.reported = true;
    write_partial_report();
  }

  const RunConfig& m_config;
  Logger& m_log;
  RunContext m_context;
  ocr::OcrOptions m_ocr_options;
  EngineVersions m_versions;
  std::unique_ptr<BatchReportWriter> m_report;
  WorkQueue<PageTask> m_queue;
  std::unique_ptr<Slots> m_slots;
  std::unique_ptr<Slots> m_page_slots;
  std::vector<std::thread> m_workers;
  std::mutex m_encode_mutex; // one page image encoded at a time (compact_page)
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
