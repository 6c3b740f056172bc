#include "sohoa/queue/worker.hpp"
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/hash.hpp"
#include "sohoa/pipeline/batch_runner.hpp"
#include "sohoa/pipeline/ingest.hpp"
#include "sohoa/pipeline/manifest.hpp"
#include "sohoa/pipeline/output_lock.hpp"
#include "sohoa/pipeline/report_merge.hpp"
#include "ledger.hpp"
#include <thread>

namespace sohoa::queue {
namespace fs = std::filesystem;
using nlohmann::json;

int enqueue_batch(const EnqueueConfig& config, pipeline::Logger& log) {
  const fs::path batch = fs::absolute(config.batch).lexically_normal();
  const auto dossiers = pipeline::discover_inputs({batch});
  DossierQueue queue(parse_redis_url(config.queue_url));
  queue.ensure_groups();
  for (const auto& d : dossiers) {
    queue.add({d.id, batch.string(), config.lane});
  }
  log.info(std::to_string(dossiers.size()) + " dossier(s) added to the " + lane_name(config.lane) +
           " lane");
  return static_cast<int>(dossiers.size());
}

namespace {

class Worker {
public:
  Worker(const WorkerConfig& config, pipeline::Logger& log)
      : m_config(config), m_log(log), m_queue(parse_redis_url(config.queue_url)),
        m_ledger(config.ledger_url), m_report_name("batch-report-worker-" + config.name + ".json"),
        m_scratch_report(config.run.out / (".worker-" + config.name + ".last-report.json")) {}

  int serve(const std::atomic<bool>& stop) {
    m_queue.ensure_groups();
    m_ledger.ensure_schema();
    std::error_code ec;
    fs::create_directories(m_config.run.out, ec);
    const pipeline::OutputLock own_report(m_config.run.out, m_report_name);
    int exit_code = pipeline::k_exit_ok;
    while (!stop) {
      auto delivery = m_queue.next(m_config.name, m_config.claim_after);
      if (!delivery) {
        if (m_config.drain && m_queue.undelivered() == 0 && m_queue.pending() == 0) {
          break;
        }
        std::this_thread::sleep_for(m_config.idle_wait);
        continue;
      }
      const int code = handle(*delivery);
      if (code == pipeline::k_exit_usage || code == pipeline::k_exit_signer) {
        return code; // this worker cannot work; its entry waits for another one
      }
      if (code != pipeline::k_exit_ok) {
        exit_code = code;
      }
    }
    return exit_code;
  }

private:
  int handle(const Delivery& delivery) {
    const auto& m = delivery.message;
    const Claim claim = m_ledger.claim(m.dossier_id, m.batch, lane_name(m.lane), m_config.name,
                                       m_config.max_attempts);
    switch (claim.verdict) {
    case ClaimVerdict::busy:
      m_log.info(m.dossier_id + ": another live worker holds it");
      return pipeline::k_exit_ok;
    case ClaimVerdict::already_done:
      m_queue.ack(delivery);
      return pipeline::k_exit_ok;
    case ClaimVerdict::dead:
      m_queue.dead_letter(delivery, claim.attempts, "a worker stopped in every attempt",
                          m_config.name);
      m_log.error(m.dossier_id, "dead_letter",
                  "moved to " + std::string(k_dead_stream) + " after " +
                      std::to_string(claim.attempts) + " attempts");
      return pipeline::k_exit_some_failed;
    case ClaimVerdict::process:
      break;
    }
    return process(delivery, claim);
  }

  int process(const Delivery& delivery, const Claim& claim) {
    const auto& m = delivery.message;
    pipeline::RunConfig run = m_config.run;
    run.inputs = {m.batch};
    run.selection.ids = {m.dossier_id};
    run.report_file = m_scratch_report;
    // A failed attempt left a complete manifest of failures: redo it. Otherwise the
    // runner's resume check keeps outputs a killed worker finished before its XACK.
    run.force = claim.previous_state == "failed";
    const auto started = std::chrono::steady_clock::now();
    std::error_code ec;
    // A vanished batch folder is this dossier's problem, not the worker's: it counts
    // as a failed attempt instead of stopping every worker that takes the entry.
    const int code = fs::is_directory(m.batch, ec) ? pipeline::run_batch(run, m_log)
                                                   : pipeline::k_exit_some_failed;
    DossierResult result;
    result.exit_code = code;
    result.elapsed_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    if (code == pipeline::k_exit_usage || code == pipeline::k_exit_signer) {
      m_ledger.release(m.dossier_id, m_config.name);
      return code;
    }
    const std::optional<pipeline::BatchReport> last = read_scratch_report();
    const pipeline::ReportDossierRow* row = last ? last->find_dossier(m.dossier_id) : nullptr;
    const auto manifest_file = m_config.run.out / m.dossier_id / "manifest.json";
    const auto manifest = pipeline::read_complete_manifest(manifest_file);
    result.written = row != nullptr && !row->skipped;
    if (manifest) {
      result.manifest_sha256 = sha256_file(manifest_file);
      result.outputs = json::array();
      for (const auto& doc : manifest->documents) {
        for (const auto& out : doc.outputs) {
          result.outputs.push_back({{"name", out.name}, {"sha256", out.sha256}});
        }
      }
    }
    const bool ok = manifest.has_value() && row != nullptr && row->status != Status::failed &&
                    row->status != Status::not_finished;
    if (ok) {
      result.state = "done";
      m_ledger.finish(m.dossier_id, m_config.name, result);
      m_queue.ack(delivery);
      add_to_own_report(last);
      return pipeline::k_exit_ok;
    }
    result.error = row != nullptr ? std::string(to_string(row->status))
                                  : "the dossier is no longer in " + m.batch;
    add_to_own_report(last);
    if (claim.attempts >= m_config.max_attempts) {
      result.state = "dead";
      m_ledger.finish(m.dossier_id, m_config.name, result);
      m_queue.dead_letter(delivery, claim.attempts,
                          "failed in " + std::to_string(claim.attempts) + " attempts",
                          m_config.name);
      m_log.error(m.dossier_id, "dead_letter",
                  "moved to " + std::string(k_dead_stream) + " after " +
                      std::to_string(claim.attempts) + " failed attempts");
    } else {
      result.state = "failed";
      m_ledger.finish(m.dossier_id, m_config.name, result);
      m_queue.requeue(delivery, claim.attempts);
    }
    return pipeline::k_exit_some_failed;
  }

  // The report of the dossier just run; nullopt when the run wrote none.
  std::optional<pipeline::BatchReport> read_scratch_report() const {
    try {
      return json::parse(read_file(m_scratch_report)).get<pipeline::BatchReport>();
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }

  // The worker's own batch-report-worker-<name>.json, for `sohoa report OUT`.
  void add_to_own_report(const std::optional<pipeline::BatchReport>& last) {
    if (!last) {
      return;
    }
    m_own_report = m_own_report ? pipeline::merge_batch_reports({*m_own_report, *last}) : *last;
    write_file_atomic(m_config.run.out / m_report_name, json(*m_own_report).dump(2) + "\n");
    std::error_code ec;
    fs::remove(m_scratch_report, ec);
  }

  const WorkerConfig& m_config;
  pipeline::Logger& m_log;
  DossierQueue m_queue;
  Ledger m_ledger;
  std::string m_report_name;
  fs::path m_scratch_report;
  std::optional<pipeline::BatchReport> m_own_report;
};

} // namespace

int run_worker(const WorkerConfig& config, pipeline::Logger& log, const std::atomic<bool>& stop) {
  Worker worker(config, log);
  return worker.serve(stop);
}

} // namespace sohoa::queue
