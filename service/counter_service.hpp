#pragma once
// The counter's dossiers under DIR: uploads staged and queued, digitized one at a
// time on warm engines ahead of any batch on the machine, fields corrected and
// signed on request. Every state change is an event in the dossier's manifest.
// The HTTP layer (http_api.hpp) only maps requests onto these operations.
#include "sohoa/pipeline/warm_pipeline.hpp"
#include "sohoa/service/serve_config.hpp"
#include "upload.hpp"
#include "dossier_state.hpp"
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

namespace sohoa::sign {
class Signer;
}

namespace sohoa::service {

class CounterService {
public:
  // Loads the engines, schemas and signer, takes up the dossiers DIR already holds
  // (finished ones as done, uploads without a manifest queued again) and starts
  // the worker. Throws sohoa::Error: Stage::sign when the signer cannot be used.
  explicit CounterService(ServeConfig config);
  ~CounterService();
  CounterService(const CounterService&) = delete;
  CounterService& operator=(const CounterService&) = delete;

  // Stages the files under DIR/.incoming/<id>/ and queues the dossier. The id is
  // dossier.json's dossier_code (sanitized) or a fresh one. 409 dossier_exists.
  std::string submit(CheckedUpload upload, const std::string& by);

  // {"id", "status", "reason"?, "records_ready", "documents": [record...],
  // "document_status": {doc: status}, "signed", "events"}. 404 unknown_dossier.
  // While a dossier is still working, its records come as soon as every one is
  // made ("records_ready": true), before the PDFs are written; it is done (and
  // can be edited and signed) once they are.
  nlohmann::json status(const std::string& id) const;

  // What a caller can wait for: the records shown, or the dossier finished (done
  // or failed: PDFs written, editable, signable).
  enum class Milestone { records, finished };
  // Blocks until the dossier reaches the milestone or timeout passes; true when it
  // was reached. A long poll instead of a client's sleep loop: the answer leaves
  // the moment the state changes. 404 unknown_dossier.
  bool wait_for(const std::string& id, Milestone milestone,
                std::chrono::milliseconds timeout) const;

  // The field re-normalized and re-validated, record and PDF rewritten, the edit
  // in the manifest. Answers the field as stored with its issues.
  nlohmann::json edit_field(const std::string& id, const std::string& document,
                            const std::string& field, const std::string& value,
                            const std::string& by);

  // Signs every document not yet signed; 409 needs_review unless force. Answers
  // the manifest. A dossier still being written is waited for (the clerk may
  // accept as soon as the records are shown): 409 not_ready only if it takes
  // longer than k_finish_wait.
  nlohmann::json sign(const std::string& id, bool force, const std::string& by);

  // Paths and bytes for downloads; 404 for anything not in the dossier. Like
  // sign, they wait for a dossier whose PDFs are still being written.
  std::filesystem::path pdf_file(const std::string& id, const std::string& document) const;
  std::string page_jpeg(const std::string& id, const std::string& document, int page);

  const std::string& labels_json() const { return m_labels_json; }
  bool knows(const std::string& id) const;

  // How long sign and the downloads wait for a dossier still being written.
  static constexpr std::chrono::seconds k_finish_wait{120};

private:
  struct Entry {
    DossierState status = DossierState::queued;
    std::string reason;
  };
  // The server's own steps before the pipeline, for the upload event.
  struct Arrival {
    double staged_ms = 0; // files written and flushed
    std::chrono::steady_clock::time_point queued_at;
  };

  void take_up_existing();
  void worker_loop();
  void digitize(const std::string& id);
  void set_status(const std::string& id, DossierState status, const std::string& reason);
  void set_current(const std::string& id);
  DossierState state_of(const std::string& id) const;
  pipeline::Manifest read_manifest(const std::string& id) const;
  void write_manifest(const std::string& id, const pipeline::Manifest& manifest) const;
  pipeline::ManifestDocument& document_entry(pipeline::Manifest& manifest,
                                             const std::string& document) const;
  bool reached(const std::string& id, Milestone milestone) const; // m_mutex held
  // Waits (k_finish_wait) for a queued or working dossier, then 409 unless done.
  void require_done(const std::string& id) const;
  std::string now() const;

  ServeConfig m_config;
  std::unique_ptr<pipeline::WarmPipeline> m_pipeline;
  std::shared_ptr<const sign::Signer> m_signer;
  std::string m_labels_json;

  mutable std::mutex m_mutex; // the maps below, m_queue_items, m_current
  std::map<std::string, Entry> m_entries;
  std::deque<std::string> m_queue_items;
  std::condition_variable m_queue_ready;
  mutable std::condition_variable m_state_changed; // a status or early records changed
  bool m_stopping = false;
  std::map<std::string, std::vector<std::string>> m_images;           // "<id>/<doc>": JPEG per page
  std::string m_current;                                              // the dossier being digitized
  std::map<std::string, std::vector<nlohmann::json>> m_early_records; // made, PDFs not yet
  std::map<std::string, Arrival> m_arrivals; // uploaded since the start, not digitized yet

  std::mutex m_change_mutex; // one edit or signing at a time: each rewrites the manifest
  std::thread m_worker;
};

} // namespace sohoa::service
