#pragma once
// `sohoa scan`: one dossier from a SANE scanner, digitized as `run` would. The
// pages are kept as PNG files (OUT/.scans/<dossier_id>/) next to the outputs: they
// are the dossier's inputs, hashed in its manifest.
#include "sohoa/pipeline/logger.hpp"
#include "sohoa/pipeline/run_config.hpp"
#include "sohoa/scanner/sane_scanner.hpp"

namespace sohoa::scan {

struct ScanConfig {
  ScanSettings settings;
  pipeline::RunConfig run; // run.out is OUT; run.inputs is filled here
  std::string dossier_id;  // empty: scan-<local time>
};

// Exit codes as run's; 1 also when the scanner jams or the feeder is empty before
// the first page (nothing is digitized then; pages scanned before a jam are kept).
int run_scan(const ScanConfig& config, pipeline::Logger& log);

} // namespace sohoa::scan
