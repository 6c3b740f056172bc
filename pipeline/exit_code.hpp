#pragma once
// `sohoa run`'s exit code (CONTRACT.md section 3) from how the batch ended, decided
// here only (usage and configuration errors exit 2 before a batch starts).
#include "sohoa/pipeline/run_config.hpp"

namespace sohoa::pipeline {

struct BatchOutcome {
  bool signer_stopped = false;   // a signer or TSA was configured but could not be used
  bool any_failed = false;       // a dossier or a document failed
  bool report_unwritten = false; // batch-report.json could not be written
};

// 3 when the signer stopped the run (nothing unsigned was written), else 1 when
// anything failed or the report is missing, else 0.
int run_exit_code(const BatchOutcome& outcome);

} // namespace sohoa::pipeline
