#pragma once
// The ledger of record in PostgreSQL (libpqxx, seen only here): one row per dossier
// with its state, attempts, worker, timings and output hashes, and an event log.
// Every state change is one transaction. While a worker processes a dossier it holds
// a session advisory lock on the dossier's id, so a second worker that took the same
// entry over (XAUTOCLAIM after a timeout) cannot write it at the same time; the lock
// ends with the worker's connection, so a killed worker frees it at once.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace sohoa::queue {

enum class ClaimVerdict {
  process,      // this worker now owns the dossier: run it
  already_done, // done earlier (another worker, or a retry after XACK was lost): just ack
  dead,         // attempts exhausted (it keeps killing workers): dead-letter it
  busy,         // another live worker holds it: leave the entry alone
};

struct Claim {
  ClaimVerdict verdict = ClaimVerdict::busy;
  std::string previous_state; // state before this claim: queued, running, failed, ...
  int attempts = 0;           // attempts including this one
};

struct DossierResult {
  std::string state; // done, failed or dead
  int exit_code = 0;
  double elapsed_ms = 0;
  nlohmann::json outputs; // [{"name", "sha256"}] from the manifest
  std::string manifest_sha256;
  bool written = false; // this attempt wrote the outputs (false: found complete)
  std::string error;
};

class Ledger {
public:
  // Throws sohoa::Error(Stage::config, "ledger_unreachable").
  explicit Ledger(const std::string& url);
  ~Ledger();
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  // Creates the tables when missing (safe when several workers start together).
  void ensure_schema();

  // Takes the dossier for `worker` unless it is done, dead, held by a live worker,
  // or has had max_attempts attempts already.
  Claim claim(const std::string& dossier_id, const std::string& batch, const std::string& lane,
              const std::string& worker, int max_attempts);
  // Records the end of the attempt and releases the dossier.
  void finish(const std::string& dossier_id, const std::string& worker,
              const DossierResult& result);
  // Releases a dossier claimed but not run (the worker is stopping).
  void release(const std::string& dossier_id, const std::string& worker);

private:
  struct Connection; // the pqxx connection, kept out of this header
  void unlock(const std::string& dossier_id);
  std::unique_ptr<Connection> m_db;
};

} // namespace sohoa::queue
