#pragma once
// `sohoa enqueue` and `sohoa worker`: dossiers through the Redis Streams queue, each
// one processed by the ordinary batch runner (run_batch limited to that dossier), its
// fate recorded in the PostgreSQL ledger.
#include "sohoa/pipeline/logger.hpp"
#include "sohoa/pipeline/run_config.hpp"
#include "sohoa/queue/dossier_queue.hpp"
#include <atomic>
#include <chrono>
#include <string>

namespace sohoa::queue {

struct EnqueueConfig {
  std::filesystem::path batch;
  std::string queue_url;
  Lane lane = Lane::archive;
};

// Adds one entry per dossier of the batch (ids as `run` gives them). Returns how many.
// Throws sohoa::Error (config) when the batch or the queue cannot be used.
int enqueue_batch(const EnqueueConfig& config, pipeline::Logger& log);

struct WorkerConfig {
  std::string queue_url;
  std::string ledger_url;
  std::string name;        // consumer name; unique per live worker
  pipeline::RunConfig run; // OUT and the run options of every dossier
  std::chrono::milliseconds claim_after{std::chrono::minutes(10)};
  int max_attempts = 3; // then the dead-letter stream
  bool drain = false;   // exit once both lanes are empty and nothing is pending
  std::chrono::milliseconds idle_wait{500};
};

// Serves dossiers until `stop` is set (between dossiers) or, with drain, the queue
// is empty. Returns an exit code of CONTRACT.md section 3: 0, 1 when some dossier
// failed or was dead-lettered by this worker, 2 for bad configuration or a lost
// queue/ledger, 3 when the signer is unusable (the dossier is left for another worker).
int run_worker(const WorkerConfig& config, pipeline::Logger& log, const std::atomic<bool>& stop);

} // namespace sohoa::queue
