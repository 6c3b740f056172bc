#pragma once
// What `sohoa serve` is asked to do, after the CLI parsed it.
#include "sohoa/pipeline/run_config.hpp"
#include <cstddef>
#include <filesystem>
#include <string>

namespace sohoa::service {

struct ServeConfig {
  std::filesystem::path data_dir; // every dossier as `run` writes OUT
  std::string host = "127.0.0.1";
  int port = 8750;                 // 0: any free port (printed on start)
  std::string token;               // $SOHOA_SERVE_TOKEN; required off loopback
  pipeline::RunConfig run;         // OCR, forms and PDF settings; run.out = data_dir
  pipeline::SigningConfig signing; // used by POST .../sign only
  int engines = 2;                 // warm OCR engines (pages of a document in parallel)
  std::size_t max_request_bytes = 100u << 20;
  int max_files = 40; // page files in one upload
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_host(const std::string& host);

} // namespace sohoa::service
