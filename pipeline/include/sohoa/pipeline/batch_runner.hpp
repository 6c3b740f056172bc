#pragma once
// `sohoa run`: the orchestrator. It owns the threads and the files; the stages
// only see values.
#include "sohoa/pipeline/logger.hpp"
#include "sohoa/pipeline/run_config.hpp"

namespace sohoa::pipeline {

// Runs the batch and returns the exit code of CONTRACT.md section 3. Problems of
// one document are reported through log and the batch report, never thrown.
int run_batch(const RunConfig& config, Logger& log);

// The schemas folder: explicit, else $SOHOA_SCHEMAS_DIR, else find_data_dir("schemas")
// (an installed tree's share/sohoa/schemas, the source tree's, the configured prefix's).
std::filesystem::path resolve_schemas_dir(const std::filesystem::path& explicit_dir);

} // namespace sohoa::pipeline
