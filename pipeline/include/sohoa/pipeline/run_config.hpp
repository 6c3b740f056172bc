#pragma once
// What `sohoa run` and `sohoa reprocess` are asked to do, after the CLI parsed it.
#include "sohoa/pdf/pdfa_writer.hpp"
#include "sohoa/sign/signer.hpp"
#include "sohoa/pipeline/dossier_selection.hpp"
#include "sohoa/pipeline/ingest.hpp"
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sohoa::pipeline {

struct OutputOptions {
  bool quiet = false;    // no progress line, errors only
  bool log_json = false; // one JSON object per event on stderr
  bool progress = false; // a progress line (the CLI sets it when stderr is a terminal)
};

struct SigningConfig {
  bool enabled = false; // a signer was configured (and not --no-sign)
  sign::SignerSource source;
  sign::SignOptions options;
};

struct RunConfig {
  std::vector<std::filesystem::path> inputs;
  std::filesystem::path out;
  std::string languages = "vie";
  std::string tessdata_dir;
  int jobs = 0; // 0: all cores
  double default_dpi = 300;
  pdf::PdfAPart pdfa = pdf::PdfAPart::a2b;
  pdf::ImageMode image_mode = pdf::ImageMode::mrc;
  // Of WarmPipeline's pages: `serve` asks for fastest, the rest keep smallest.
  pdf::MrcEffort mrc_effort = pdf::MrcEffort::smallest;
  bool hocr = false; // <document_id>.hocr beside the ALTO file
  SigningConfig signing;
  bool force = false;
  std::filesystem::path schemas_dir; // empty: the installed/bundled schemas/
  bool post_correct = true;          // Vietnamese lexicon correction of OCR words
  IngestLimits limits;
  bool deterministic = false; // SOHOA_DETERMINISTIC=1: fixed times and /ID
  OutputOptions output;
  DossierSelection selection;        // --shard I/N, or the ids a queue worker took
  std::filesystem::path report_file; // empty: OUT/report_file_name(selection.shard)
};

struct ReprocessConfig {
  std::filesystem::path out;
  std::filesystem::path schemas_dir;
  SigningConfig signing; // used with resign
  bool resign = false;   // add a new signature to every PDF
  // --renew-timestamps --tsa URL: validation data and a new document time-stamp
  // for every B-LTA PDF (CRL files as for --ltv).
  bool renew_timestamps = false;
  std::string renew_tsa_url;
  std::vector<std::filesystem::path> renew_crls;
  pdf::PdfAPart pdfa = pdf::PdfAPart::a2b;
  pdf::ImageMode image_mode = pdf::ImageMode::mrc; // of rebuilt PDFs
  bool deterministic = false;
  OutputOptions output;
};

// Exit codes of CONTRACT.md section 3.
enum ExitCode : int {
  k_exit_ok = 0,
  k_exit_some_failed = 1,
  k_exit_usage = 2,
  k_exit_signer = 3,
};

} // namespace sohoa::pipeline
