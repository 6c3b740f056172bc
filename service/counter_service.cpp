#include "counter_service.hpp"
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/hash.hpp"
#include "sohoa/forms/record_validation.hpp"
#include "sohoa/pdf/pdf_reader.hpp"
#include "sohoa/sign/signer.hpp"
#include "sohoa/core/clock.hpp"
#include "sohoa/pipeline/counter_priority.hpp"
#include "sohoa/pipeline/document_update.hpp"
#include "sohoa/pipeline/ingest.hpp"
#include "sohoa/pipeline/manifest.hpp"
#include "sohoa/pipeline/reprocess.hpp"
#include "api_error.hpp"
#include "field_edit.hpp"
#include <opencv2/imgcodecs.hpp>
#include <cmath>
#include <random>

namespace sohoa::service {
namespace fs = std::filesystem;

namespace {

constexpr const char* k_incoming = ".incoming";
constexpr const char* k_upload_note = ".upload.json"; // hidden: not a document

std::string random_hex(int bytes) {
  std::random_device rd;
  std::string out;
  static constexpr char k_hex[] = "0123456789abcdef";
  for (int i = 0; i < bytes; ++i) {
    const auto b = static_cast<unsigned>(rd()) & 0xFFU;
    out += k_hex[b >> 4U];
    out += k_hex[b & 0xFU];
  }
  return out;
}

// "hs-20261202-0915-3fa2c1": sortable by arrival, unguessable enough to not collide.
std::string fresh_id() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  return std::string("hs-") + stamp + "-" + random_hex(3);
}

void add_event(pipeline::Manifest& manifest, nlohmann::json event) {
  if (!manifest.events || !manifest.events->is_array()) {
    manifest.events = nlohmann::json::array();
  }
  manifest.events->push_back(std::move(event));
}

double elapsed_ms(std::chrono::steady_clock::time_point from,
                  std::chrono::steady_clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

double rounded_ms(double ms) {
  return std::round(ms * 10.0) / 10.0;
}

bool any_signed(const pipeline::Manifest& manifest) {
  return std::any_of(manifest.documents.begin(), manifest.documents.end(),
                     [](const pipeline::ManifestDocument& d) { return d.signature.has_value(); });
}

} // namespace

bool is_loopback_host(const std::string& host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

CounterService::CounterService(ServeConfig config) : m_config(std::move(config)) {
  m_config.run.out = m_config.data_dir;
  fs::create_directories(m_config.data_dir / k_incoming);
  m_pipeline = std::make_unique<pipeline::WarmPipeline>(m_config.run, m_config.engines);
  m_pipeline->on_records([this](const std::vector<nlohmann::json>& records) {
    {
      std::lock_guard lock(m_mutex);
      if (!m_current.empty()) {
        m_early_records[m_current] = records; // shown while the PDFs are being written
      }
    }
    m_state_changed.notify_all();
  });
  if (m_config.signing.enabled) {
    m_signer = sign::load_signer(m_config.signing.source);
  }
  m_labels_json = form_labels_json(*m_pipeline->context().catalog);
  take_up_existing();
  m_worker = std::thread([this] { worker_loop(); });
}

CounterService::~CounterService() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_queue_ready.notify_all();
  m_worker.join();
}

void CounterService::take_up_existing() {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(m_config.data_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory() && name.front() != '.' &&
        pipeline::read_complete_manifest(entry.path() / "manifest.json")) {
      m_entries[name] = {DossierState::done, ""};
    }
  }
  std::vector<std::string> waiting;
  for (const auto& entry : fs::directory_iterator(m_config.data_dir / k_incoming, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.front() == '.') {
      fs::remove_all(entry.path(), ec); // an upload cut off while being staged
    } else if (!m_entries.contains(name)) {
      waiting.push_back(name); // accepted, not finished: do it now
    }
  }
  std::sort(waiting.begin(), waiting.end());
  for (const auto& id : waiting) {
    m_entries[id] = {DossierState::queued, ""};
    m_queue_items.push_back(id);
  }
}

std::string CounterService::now() const {
  return to_iso8601(run_clock(m_config.run.deterministic).now());
}

std::string CounterService::submit(CheckedUpload upload, const std::string& by) {
  std::string id = upload.dossier_code ? pipeline::sanitize_id(*upload.dossier_code) : fresh_id();
  const fs::path incoming = m_config.data_dir / k_incoming;
  {
    std::lock_guard lock(m_mutex);
    if (m_entries.contains(id) || fs::exists(m_config.data_dir / id) || fs::exists(incoming / id)) {
      throw ApiError(409, "dossier_exists", "dossier " + id + " is already here");
    }
    m_entries[id] = {DossierState::queued, ""}; // reserved: a second upload of the code is refused
  }
  // Staged in a hidden folder and renamed whole: a dossier is queued complete or not at all.
  const auto staging_started = std::chrono::steady_clock::now();
  TempBeside staged(incoming / id);
  const fs::path& staging = staged.path();
  try {
    fs::create_directories(staging);
    // Each file is flushed; the folder is renamed into place whole, so the files
    // need no rename of their own. The last one's atomic write flushes the staging
    // folder, making every name in it durable before the folder is moved.
    for (const auto& file : upload.files) {
      write_file_bytes(staging / file.name, file.content);
    }
    write_file_bytes(staging / "dossier.json", staged_dossier_json(upload));
    const nlohmann::json note = {
        {"received_at", now()}, {"by", by}, {"files", upload.files.size()}};
    write_file_atomic(staging / k_upload_note, note.dump(2) + "\n");
    staged.commit();
  } catch (...) {
    std::lock_guard lock(m_mutex);
    m_entries.erase(id);
    throw;
  }
  {
    std::lock_guard lock(m_mutex);
    const auto queued_at = std::chrono::steady_clock::now();
    m_arrivals[id] = {elapsed_ms(staging_started, queued_at), queued_at};
    m_queue_items.push_back(id);
  }
  m_queue_ready.notify_one();
  return id;
}

void CounterService::worker_loop() {
  for (;;) {
    std::string id;
    {
      std::unique_lock lock(m_mutex);
      m_queue_ready.wait(lock, [this] { return m_stopping || !m_queue_items.empty(); });
      if (m_stopping) {
        return; // queued uploads stay staged: the next start takes them up
      }
      id = m_queue_items.front();
      m_queue_items.pop_front();
    }
    digitize(id);
  }
}

void CounterService::set_status(const std::string& id, DossierState status,
                                const std::string& reason) {
  {
    std::lock_guard lock(m_mutex);
    m_entries[id] = {status, reason};
    if (status == DossierState::done || status == DossierState::failed) {
      m_early_records.erase(id); // the files on disk say it all now
    }
  }
  m_state_changed.notify_all();
}

bool CounterService::reached(const std::string& id, Milestone milestone) const {
  const auto it = m_entries.find(id);
  if (it == m_entries.end()) {
    throw ApiError(404, "unknown_dossier", "no dossier " + id);
  }
  const bool finished =
      it->second.status == DossierState::done || it->second.status == DossierState::failed;
  return finished || (milestone == Milestone::records && m_early_records.contains(id));
}

bool CounterService::wait_for(const std::string& id, Milestone milestone,
                              std::chrono::milliseconds timeout) const {
  std::unique_lock lock(m_mutex);
  return m_state_changed.wait_for(lock, timeout, [&] { return reached(id, milestone); });
}

void CounterService::set_current(const std::string& id) {
  std::lock_guard lock(m_mutex);
  m_current = id;
}

void CounterService::digitize(const std::string& id) {
  set_status(id, DossierState::working, "");
  nlohmann::json server_steps = nlohmann::json::object();
  {
    std::lock_guard lock(m_mutex);
    if (const auto it = m_arrivals.find(id); it != m_arrivals.end()) {
      server_steps = {{"staged_ms", rounded_ms(it->second.staged_ms)},
                      {"queued_ms", rounded_ms(elapsed_ms(it->second.queued_at,
                                                          std::chrono::steady_clock::now()))}};
      m_arrivals.erase(it);
    }
  }
  const fs::path staged = m_config.data_dir / k_incoming / id;
  try {
    auto found = pipeline::discover_inputs({staged});
    if (found.size() != 1) {
      throw Error(Stage::ingest, "bad_input", "the upload is not one dossier");
    }
    pipeline::DossierInput dossier = std::move(found.front());
    dossier.id = id;
    pipeline::Manifest manifest;
    {
      const pipeline::CounterTurn turn; // batches on this machine wait meanwhile
      set_current(id);
      try {
        manifest = m_pipeline->process(dossier);
      } catch (...) {
        set_current("");
        throw;
      }
      set_current("");
    }
    nlohmann::json note = nlohmann::json::object();
    try {
      note = nlohmann::json::parse(read_file(staged / k_upload_note));
    } catch (const std::exception&) {
      // An upload staged by an older server has no note: the event keeps what is known.
    }
    // The pipeline's own event ("digitized", with its timing spans) follows the upload.
    nlohmann::json events = nlohmann::json::array();
    nlohmann::json upload_event = {{"event", "upload"},
                                   {"at", note.value("received_at", manifest.started_at)},
                                   {"by", note.value("by", "")},
                                   {"files", note.value("files", 0)}};
    upload_event.update(server_steps); // where the wait before the pipeline went
    events.push_back(std::move(upload_event));
    for (auto& event : manifest.events.value_or(nlohmann::json::array())) {
      events.push_back(std::move(event));
    }
    manifest.events = std::move(events);
    write_manifest(id, manifest);
    const auto& summary = manifest.summary;
    if (summary.failed > 0 && static_cast<std::size_t>(summary.failed) == summary.documents) {
      std::string reason = "every document failed";
      for (const auto& d : manifest.documents) {
        if (d.failure) {
          reason = d.document_id + ": " + d.failure->reason;
          break;
        }
      }
      set_status(id, DossierState::failed, reason);
    } else {
      set_status(id, DossierState::done, "");
    }
  } catch (const Error& e) {
    set_status(id, DossierState::failed, e.describe());
  } catch (const std::exception& e) {
    set_status(id, DossierState::failed, e.what());
  }
}

bool CounterService::knows(const std::string& id) const {
  std::lock_guard lock(m_mutex);
  return m_entries.contains(id);
}

DossierState CounterService::state_of(const std::string& id) const {
  std::lock_guard lock(m_mutex);
  const auto it = m_entries.find(id);
  if (it == m_entries.end()) {
    throw ApiError(404, "unknown_dossier", "no dossier " + id);
  }
  return it->second.status;
}

void CounterService::require_done(const std::string& id) const {
  wait_for(id, Milestone::finished, k_finish_wait);
  const DossierState state = state_of(id);
  if (state != DossierState::done) {
    throw ApiError(409, "not_ready", "dossier " + id + " is " + std::string(to_string(state)));
  }
}

pipeline::Manifest CounterService::read_manifest(const std::string& id) const {
  auto manifest = pipeline::read_complete_manifest(m_config.data_dir / id / "manifest.json");
  if (!manifest) {
    throw ApiError(409, "not_ready", "dossier " + id + " has no manifest yet");
  }
  return *manifest;
}

void CounterService::write_manifest(const std::string& id,
                                    const pipeline::Manifest& manifest) const {
  write_file_atomic(m_config.data_dir / id / "manifest.json",
                    nlohmann::json(manifest).dump(2) + "\n");
}

pipeline::ManifestDocument& CounterService::document_entry(pipeline::Manifest& manifest,
                                                           const std::string& document) const {
  if (pipeline::ManifestDocument* d = manifest.find_document(document)) {
    return *d;
  }
  throw ApiError(404, "unknown_document", "no document " + document + " in this dossier");
}

nlohmann::json CounterService::status(const std::string& id) const {
  Entry entry;
  {
    std::lock_guard lock(m_mutex);
    const auto it = m_entries.find(id);
    if (it == m_entries.end()) {
      throw ApiError(404, "unknown_dossier", "no dossier " + id);
    }
    entry = it->second;
  }
  nlohmann::json out = {{"id", id}, {"status", std::string(to_string(entry.status))}};
  if (!entry.reason.empty()) {
    out["reason"] = entry.reason;
  }
  out["documents"] = nlohmann::json::array();
  out["document_status"] = nlohmann::json::object();
  out["signed"] = false;
  out["events"] = nlohmann::json::array();
  out["records_ready"] = false;
  if (entry.status != DossierState::done && entry.status != DossierState::failed) {
    std::lock_guard lock(m_mutex);
    if (const auto early = m_early_records.find(id); early != m_early_records.end()) {
      out["documents"] = early->second; // the records are made, the PDFs not yet
      out["records_ready"] = true;
    }
    return out;
  }
  out["records_ready"] = true;
  const auto manifest = pipeline::read_complete_manifest(m_config.data_dir / id / "manifest.json");
  if (!manifest) {
    return out;
  }
  for (const auto& d : manifest->documents) {
    const std::string& doc = d.document_id;
    nlohmann::json state = {{"status", d.status}};
    if (d.failure) {
      state["reason"] = d.failure->reason;
    }
    if (d.signature) {
      state["signature"] = *d.signature;
      out["signed"] = true;
    }
    out["document_status"][doc] = state;
    const fs::path record = m_config.data_dir / id / (doc + ".json");
    std::error_code ec;
    if (d.status != Status::failed && fs::is_regular_file(record, ec)) {
      out["documents"].push_back(nlohmann::json::parse(read_file(record)));
    }
  }
  out["events"] = manifest->events.value_or(nlohmann::json::array());
  return out;
}

nlohmann::json CounterService::edit_field(const std::string& id, const std::string& document,
                                          const std::string& field, const std::string& value,
                                          const std::string& by) {
  wait_for(id, Milestone::finished, k_finish_wait);
  std::lock_guard change(m_change_mutex);
  require_done(id);
  pipeline::Manifest manifest = read_manifest(id);
  pipeline::ManifestDocument& entry = document_entry(manifest, document);
  if (any_signed(manifest)) {
    throw ApiError(409, "already_signed",
                   "the dossier is signed: a change would break its signatures");
  }
  if (entry.status == Status::failed) {
    throw ApiError(409, "not_editable", "document " + document + " failed: it has no record");
  }
  const fs::path dir = m_config.data_dir / id;
  DocumentRecord record =
      document_record_from_json(nlohmann::json::parse(read_file(dir / (document + ".json"))));
  const FieldEditResult edit =
      apply_field_edit(*m_pipeline->context().catalog, record, field, value);

  pipeline::DocumentOutcome outcome;
  outcome.document_id = document;
  outcome.inputs = entry.inputs;
  outcome.result_code = entry.result_code;
  const pipeline::Reviewer reviewer{by, now()};
  const pipeline::DossierInput dossier = pipeline::dossier_from_manifest(dir, manifest);
  const auto digests =
      pipeline::rewrite_document(m_pipeline->context(), dossier, record, outcome, reviewer);

  entry.status = pipeline::status_for(record.forms);
  entry.issues = record.forms.issues.size();
  entry.outputs = digests;
  manifest.recount();
  add_event(manifest, {{"event", "edit"},
                       {"at", reviewer.at},
                       {"by", by},
                       {"document", document},
                       {"field", field},
                       {"old", edit.old_value},
                       {"new", edit.field.value}});
  write_manifest(id, manifest);

  const nlohmann::json stored = to_json(record);
  nlohmann::json out = stored["fields"][field];
  out["field"] = field;
  out["document"] = document;
  out["old_value"] = edit.old_value;
  out["issues"] = nlohmann::json::array();
  for (const auto& issue : edit.issues) {
    out["issues"].push_back({{"code", issue.code}, {"message", issue.message}});
  }
  out["document_status"] = entry.status;
  out["record"] = stored; // other fields' flags may have moved (cross-checks)
  return out;
}

nlohmann::json CounterService::sign(const std::string& id, bool force, const std::string& by) {
  const auto asked_at = std::chrono::steady_clock::now();
  wait_for(id, Milestone::finished, k_finish_wait); // not holding the lock edits need
  std::lock_guard change(m_change_mutex);
  const auto started_at = std::chrono::steady_clock::now();
  require_done(id);
  if (!m_signer) {
    throw ApiError(409, "no_signer", "serve was started without a signer");
  }
  pipeline::Manifest manifest = read_manifest(id);
  const fs::path dir = m_config.data_dir / id;
  std::vector<std::string> review;
  for (const auto& d : manifest.documents) {
    const std::string& doc = d.document_id;
    if (d.status == Status::failed) {
      continue;
    }
    const DocumentRecord record =
        document_record_from_json(nlohmann::json::parse(read_file(dir / (doc + ".json"))));
    for (const auto& [field_id, field] : record.forms.fields) {
      if (field.needs_review) {
        review.push_back(doc + "/" + field_id);
      }
    }
  }
  if (!review.empty() && !force) {
    std::string list;
    for (const auto& r : review) {
      list += (list.empty() ? "" : ", ") + r;
    }
    throw ApiError(409, "needs_review", "fields still need review: " + list);
  }
  sign::SignOptions options = m_config.signing.options;
  if (options.agency_name.empty()) {
    options.agency_name = manifest.dossier.agency_name;
  }
  if (!options.signing_time) {
    options.signing_time = unix_seconds(run_clock(m_config.run.deterministic).now());
  }
  int signed_now = 0;
  std::optional<Error> failure;
  for (auto& d : manifest.documents) {
    if (d.status == Status::failed || d.signature) {
      continue; // failed documents have no PDF; signed ones are not signed twice
    }
    const fs::path pdf = dir / (d.document_id + ".pdf");
    try {
      const sign::SignResult result = sign::sign_pdf(pdf, *m_signer, options);
      d.signature =
          pipeline::ManifestSignature{result.level, result.signing_time, result.timestamp_time};
      for (auto& output : d.outputs) {
        if (output.name == pdf.filename().string()) {
          output.sha256 = sha256_file(pdf);
          output.bytes = static_cast<long long>(fs::file_size(pdf));
        }
      }
      ++signed_now;
    } catch (const Error& e) {
      failure = e;
      break;
    }
  }
  if (signed_now > 0) {
    const auto cert = m_signer->certificate();
    manifest.signer = pipeline::ManifestSigner{cert.subject, cert.issuer, cert.serial_hex,
                                               cert.sha256_fingerprint};
    add_event(manifest, {{"event", "sign"},
                         {"at", now()},
                         {"by", by},
                         {"documents", signed_now},
                         {"forced", force && !review.empty()},
                         {"waited_ms", rounded_ms(elapsed_ms(asked_at, started_at))},
                         {"signing_ms",
                          rounded_ms(elapsed_ms(started_at, std::chrono::steady_clock::now()))}});
    write_manifest(id, manifest); // what was signed is recorded, even when one failed
  }
  if (failure) {
    throw ApiError(502, "signer_unavailable", failure->describe());
  }
  return nlohmann::json(manifest);
}

fs::path CounterService::pdf_file(const std::string& id, const std::string& document) const {
  require_done(id);
  pipeline::Manifest manifest = read_manifest(id);
  const pipeline::ManifestDocument& entry = document_entry(manifest, document);
  if (entry.status == Status::failed) {
    throw ApiError(404, "no_pdf", "document " + document + " failed: it has no PDF");
  }
  return m_config.data_dir / id / (document + ".pdf");
}

std::string CounterService::page_jpeg(const std::string& id, const std::string& document,
                                      int page) {
  const fs::path pdf = pdf_file(id, document);
  const std::string key = id + "/" + document;
  {
    std::lock_guard lock(m_mutex);
    const auto it = m_images.find(key);
    if (it != m_images.end()) {
      if (page < 1 || page > static_cast<int>(it->second.size())) {
        throw ApiError(404, "unknown_page", "no page " + std::to_string(page));
      }
      return it->second[static_cast<std::size_t>(page - 1)];
    }
  }
  // Page images never change after digitization (edits and signatures leave
  // them), so each document's pages are decoded once and kept.
  std::vector<std::string> jpegs;
  for (const auto& raster : pdf::read_pdf_page_images(pdf)) {
    std::vector<unsigned char> bytes;
    cv::imencode(".jpg", raster.pixels, bytes, {cv::IMWRITE_JPEG_QUALITY, 80});
    jpegs.emplace_back(bytes.begin(), bytes.end());
  }
  std::lock_guard lock(m_mutex);
  auto& stored = m_images[key] = std::move(jpegs);
  if (page < 1 || page > static_cast<int>(stored.size())) {
    throw ApiError(404, "unknown_page", "no page " + std::to_string(page));
  }
  return stored[static_cast<std::size_t>(page - 1)];
}

} // namespace sohoa::service
