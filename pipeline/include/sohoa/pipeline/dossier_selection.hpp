#pragma once
// Which of the discovered dossiers one process handles: a shard of a cluster run
// (`run --shard I/N`, Slurm job arrays, Kubernetes Indexed Jobs) or the few ids a
// queue worker was handed. Every process must agree on the split without talking to
// the others, so the shard of a dossier depends on its id alone.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sohoa::pipeline {

// 64-bit FNV-1a over the id's UTF-8 bytes (offset basis 14695981039346656037, prime
// 1099511628211), the dossier id after de-duplication. Chosen because it is fully
// specified by those two numbers: the same on every machine, compiler and library
// version (std::hash is none of these).
std::uint64_t stable_id_hash(std::string_view id);

struct Shard {
  int index = 0; // 0 .. count-1
  int count = 1; // 1: the whole batch
  bool whole() const { return count <= 1; }
  bool holds(std::string_view dossier_id) const;
};

// "I/N" with 0 <= I < N. Throws sohoa::Error(Stage::config, "bad_shard").
Shard parse_shard(std::string_view spec);

// The shard from the command line, else from the environment of a cluster job:
// SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_COUNT (Slurm job arrays), or
// JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs) with shard_count. An empty spec and
// no such variable: the whole batch. getenv is injectable for tests.
Shard resolve_shard(const std::string& spec, int shard_count,
                    const std::function<const char*(const char*)>& getenv);

struct DossierSelection {
  Shard shard;
  std::vector<std::string> ids; // non-empty: only these dossier ids (queue workers)
  bool everything() const { return shard.whole() && ids.empty(); }
  bool holds(const std::string& dossier_id) const;
};

// The batch report a run writes: batch-report.json for a whole batch, or
// batch-report-<I>.json for shard I so that shards sharing OUT never overwrite
// each other (`sohoa report` merges them).
std::string report_file_name(const Shard& shard);

} // namespace sohoa::pipeline
