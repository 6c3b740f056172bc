#include "sohoa/scanner/scan_dossier.hpp"
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/pipeline/batch_runner.hpp"
#include "sohoa/pipeline/ingest.hpp"
#include <ctime>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

namespace sohoa::scan {
namespace fs = std::filesystem;

namespace {

std::string default_id() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "scan-%Y%m%d-%H%M%S", &tm);
  return stamp;
}

std::string page_name(int n) {
  char name[32];
  std::snprintf(name, sizeof name, "p%03d.png", n);
  return name;
}

} // namespace

int run_scan(const ScanConfig& config, pipeline::Logger& log) {
  const std::string id =
      pipeline::sanitize_id(config.dossier_id.empty() ? default_id() : config.dossier_id);
  const fs::path pages_dir = config.run.out / ".scans" / id;
  std::vector<std::string> files;
  try {
    Scanner scanner(config.settings);
    fs::create_directories(pages_dir);
    while (auto page = scanner.next_page()) {
      std::vector<unsigned char> png;
      cv::imencode(".png", page->pixels, png);
      files.push_back(page_name(static_cast<int>(files.size()) + 1));
      write_file_atomic(pages_dir / files.back(), std::string(png.begin(), png.end()));
      log.info("scanned page " + std::to_string(files.size()));
    }
  } catch (const Error& e) {
    log.error(config.settings.device, e.code(),
              std::string(e.what()) +
                  (files.empty()
                       ? ""
                       : " (" + std::to_string(files.size()) + " pages scanned before are in " +
                             pages_dir.string() + "; nothing was digitized)"));
    return e.code() == "scanner_option" || e.code() == "scanner_unavailable"
               ? pipeline::k_exit_usage
               : pipeline::k_exit_some_failed;
  }
  if (files.empty()) {
    std::error_code ec;
    fs::remove(pages_dir, ec);
    log.error(config.settings.device, "feeder_empty",
              config.settings.source == Source::adf
                  ? "the document feeder is empty: put the papers in and scan again"
                  : "the scanner gave no page");
    return pipeline::k_exit_some_failed;
  }
  // The pages of one scan are one document, in the order they came through.
  const nlohmann::json dossier = {{"documents", {{{"id", "scan"}, {"files", files}}}}};
  write_file_atomic(pages_dir / "dossier.json", dossier.dump(2) + "\n");
  pipeline::RunConfig run = config.run;
  run.inputs = {pages_dir};
  run.default_dpi = config.settings.dpi;
  return pipeline::run_batch(run, log);
}

} // namespace sohoa::scan
