#include "ledger.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/pipeline/dossier_selection.hpp"
#include <pqxx/pqxx>

namespace sohoa::queue {
namespace {

constexpr long long k_schema_lock = 0x736f686f61; // "sohoa": serializes CREATE TABLE

constexpr const char* k_schema = R"sql(
CREATE TABLE IF NOT EXISTS sohoa_dossiers (
  dossier_id      text PRIMARY KEY,
  batch           text NOT NULL,
  lane            text NOT NULL,
  state           text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'dead')),
  attempts        integer NOT NULL DEFAULT 0,
  worker          text,
  claimed_at      timestamptz,
  finished_at     timestamptz,
  elapsed_ms      double precision,
  exit_code       integer,
  outputs         jsonb,
  manifest_sha256 text,
  error           text,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS sohoa_events (
  event_id   bigserial PRIMARY KEY,
  dossier_id text NOT NULL,
  worker     text NOT NULL,
  event      text NOT NULL,
  detail     text,
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS sohoa_events_dossier ON sohoa_events (dossier_id);
)sql";

// The advisory lock key of a dossier: the shards' stable hash, as PostgreSQL's bigint.
long long lock_key(const std::string& dossier_id) {
  return static_cast<long long>(pipeline::stable_id_hash(dossier_id));
}

void log_event(pqxx::work& tx, const std::string& dossier_id, const std::string& worker,
               const std::string& event, const std::string& detail) {
  tx.exec_params(
      "INSERT INTO sohoa_events (dossier_id, worker, event, detail) VALUES ($1, $2, $3, $4)",
      dossier_id, worker, event, detail);
}

template <typename F> auto ledger_call(F&& f) {
  try {
    return f();
  } catch (const pqxx::broken_connection& e) {
    throw Error(Stage::config, "ledger_unreachable", std::string("PostgreSQL: ") + e.what());
  } catch (const pqxx::failure& e) {
    throw Error(Stage::config, "ledger_error", std::string("PostgreSQL: ") + e.what());
  }
}

} // namespace

struct Ledger::Connection {
  explicit Connection(const std::string& url) : db(url) {}
  pqxx::connection db;
};

Ledger::Ledger(const std::string& url) {
  if (!url.starts_with("postgresql://") && !url.starts_with("postgres://")) {
    throw Error(Stage::config, "bad_ledger_url",
                "the ledger is postgresql://USER@HOST:PORT/DATABASE, not '" + url + "'");
  }
  try {
    m_db = std::make_unique<Connection>(url);
  } catch (const std::exception& e) {
    throw Error(Stage::config, "ledger_unreachable",
                std::string("cannot connect to PostgreSQL: ") + e.what());
  }
}

Ledger::~Ledger() = default;

void Ledger::ensure_schema() {
  ledger_call([&] {
    pqxx::work tx(m_db->db);
    tx.exec_params("SELECT pg_advisory_xact_lock($1)", k_schema_lock);
    tx.exec(k_schema);
    tx.commit();
    return 0;
  });
}

Claim Ledger::claim(const std::string& dossier_id, const std::string& batch,
                    const std::string& lane, const std::string& worker, int max_attempts) {
  return ledger_call([&] {
    Claim claim;
    {
      pqxx::nontransaction nt(m_db->db);
      if (!nt.exec_params1("SELECT pg_try_advisory_lock($1)", lock_key(dossier_id))[0].as<bool>()) {
        return claim; // busy
      }
    }
    try {
      pqxx::work tx(m_db->db);
      tx.exec_params("INSERT INTO sohoa_dossiers (dossier_id, batch, lane, state) "
                     "VALUES ($1, $2, $3, 'queued') ON CONFLICT (dossier_id) DO NOTHING",
                     dossier_id, batch, lane);
      const auto row = tx.exec_params1(
          "SELECT state, attempts FROM sohoa_dossiers WHERE dossier_id = $1 FOR UPDATE",
          dossier_id);
      claim.previous_state = row[0].as<std::string>();
      claim.attempts = row[1].as<int>();
      if (claim.previous_state == "done") {
        claim.verdict = ClaimVerdict::already_done;
        log_event(tx, dossier_id, worker, "redelivered", "already done");
      } else if (claim.previous_state == "dead") {
        claim.verdict = ClaimVerdict::already_done;
        log_event(tx, dossier_id, worker, "redelivered", "already dead-lettered");
      } else if (claim.attempts >= max_attempts) {
        claim.verdict = ClaimVerdict::dead;
        tx.exec_params("UPDATE sohoa_dossiers SET state = 'dead', worker = $2, updated_at = now(), "
                       "error = coalesce(error, 'a worker stopped in every attempt') "
                       "WHERE dossier_id = $1",
                       dossier_id, worker);
        log_event(tx, dossier_id, worker, "dead", "attempts exhausted");
      } else {
        claim.verdict = ClaimVerdict::process;
        claim.attempts += 1;
        tx.exec_params("UPDATE sohoa_dossiers SET state = 'running', attempts = $2, worker = $3, "
                       "claimed_at = now(), finished_at = NULL, updated_at = now() "
                       "WHERE dossier_id = $1",
                       dossier_id, claim.attempts, worker);
        log_event(tx, dossier_id, worker, "claimed",
                  "attempt " + std::to_string(claim.attempts) + " after " + claim.previous_state);
      }
      tx.commit();
    } catch (...) {
      unlock(dossier_id);
      throw;
    }
    if (claim.verdict != ClaimVerdict::process) {
      unlock(dossier_id);
    }
    return claim;
  });
}

void Ledger::finish(const std::string& dossier_id, const std::string& worker,
                    const DossierResult& result) {
  ledger_call([&] {
    pqxx::work tx(m_db->db);
    tx.exec_params("UPDATE sohoa_dossiers SET state = $2, worker = $3, finished_at = now(), "
                   "elapsed_ms = $4, exit_code = $5, outputs = $6::jsonb, manifest_sha256 = $7, "
                   "error = $8, updated_at = now() WHERE dossier_id = $1",
                   dossier_id, result.state, worker, result.elapsed_ms, result.exit_code,
                   result.outputs.dump(), result.manifest_sha256,
                   result.error.empty() ? nullptr : result.error.c_str());
    log_event(tx, dossier_id, worker, result.state,
              result.written ? "outputs written" : "outputs found complete");
    tx.commit();
    return 0;
  });
  unlock(dossier_id);
}

void Ledger::release(const std::string& dossier_id, const std::string& worker) {
  ledger_call([&] {
    pqxx::work tx(m_db->db);
    tx.exec_params("UPDATE sohoa_dossiers SET state = 'queued', attempts = attempts - 1, "
                   "updated_at = now() WHERE dossier_id = $1 AND worker = $2 AND state = 'running'",
                   dossier_id, worker);
    log_event(tx, dossier_id, worker, "released", "worker stopping");
    tx.commit();
    return 0;
  });
  unlock(dossier_id);
}

void Ledger::unlock(const std::string& dossier_id) {
  ledger_call([&] {
    pqxx::nontransaction nt(m_db->db);
    nt.exec_params("SELECT pg_advisory_unlock($1)", lock_key(dossier_id));
    return 0;
  });
}

} // namespace sohoa::queue
