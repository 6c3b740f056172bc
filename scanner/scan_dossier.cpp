#include "sohoa/scanner/scan_dossier.hpp"
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/clock.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/pipeline/counter_priority.hpp"
#include "sohoa/pipeline/ingest.hpp"
#include "sohoa/pipeline/manifest.hpp"
#include "sohoa/pipeline/warm_pipeline.hpp"
#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <thread>

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

int engine_count(int jobs) {
  const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  return std::clamp(jobs > 0 ? jobs : cores, 1, 64);
}

// Scans every page of the dossier into pages_dir, each kept as a PNG file (the
// dossier's inputs) and handed to the pipeline at once, so its cleanup and OCR
// run while the next sheet is being scanned. Returns the dossier of those files.
pipeline::DossierInput scan_pages(const ScanConfig& config, const std::string& id,
                                  const fs::path& pages_dir, std::vector<std::string>& files,
                                  const pipeline::WarmPipeline::PageSink& hand,
                                  pipeline::Logger& log) {
  Scanner scanner(config.settings, [&](const std::string& message) {
    log.warning(config.settings.device, message);
  });
  fs::create_directories(pages_dir);
  while (auto page = scanner.next_page()) {
    std::vector<unsigned char> png;
    cv::imencode(".png", page->pixels, png);
    files.push_back(page_name(static_cast<int>(files.size()) + 1));
    write_file_atomic(pages_dir / files.back(), std::string(png.begin(), png.end()));
    log.info("scanned page " + std::to_string(files.size()));
    page->source = files.back();
    hand(std::move(*page));
  }
  if (files.empty()) {
    throw Error(Stage::ingest, "scanner_empty",
                config.settings.source == Source::adf
                    ? "the document feeder is empty: put the papers in and scan again"
                    : "the scanner gave no page",
                config.settings.device);
  }
  // The pages of one scan are one document, in the order they came through.
  const nlohmann::json dossier = {{"documents", {{{"id", "scan"}, {"files", files}}}}};
  write_file_atomic(pages_dir / "dossier.json", dossier.dump(2) + "\n");
  auto found = pipeline::discover_inputs({pages_dir});
  if (found.size() != 1) {
    throw Error(Stage::ingest, "bad_input", "the scanned pages are not one dossier",
                pages_dir.string());
  }
  pipeline::DossierInput input = std::move(found.front());
  input.id = id;
  return input;
}

} // namespace

int run_scan(const ScanConfig& config, pipeline::Logger& log) {
  const std::string id =
      pipeline::sanitize_id(config.dossier_id.empty() ? default_id() : config.dossier_id);
  const fs::path pages_dir = config.run.out / ".scans" / id;
  if (!config.run.force &&
      pipeline::read_complete_manifest(config.run.out / id / "manifest.json")) {
    log.error(id, "dossier_exists",
              "dossier " + id + " is already digitized in " + config.run.out.string() +
                  ": choose another --dossier-id, or --force to scan it again");
    return pipeline::k_exit_usage;
  }
  pipeline::RunConfig run = config.run;
  run.default_dpi = config.settings.dpi;
  // The engines are started before the first sheet goes through the scanner.
  std::unique_ptr<pipeline::WarmPipeline> pipeline;
  try {
    pipeline = std::make_unique<pipeline::WarmPipeline>(run, engine_count(run.jobs));
  } catch (const Error& e) {
    log.error(e.file(), e.code(), e.what());
    return pipeline::k_exit_usage;
  }
  if (!pipeline->use_configured_signer(log)) {
    return pipeline::k_exit_signer;
  }
  const std::string started_at = to_iso8601(pipeline->context().clock->now());
  Stopwatch watch;
  std::vector<std::string> files;
  try {
    const pipeline::CounterTurn turn; // a citizen waits: batches on this machine yield
    pipeline->process_streamed([&](const pipeline::WarmPipeline::PageSink& hand) {
      return scan_pages(config, id, pages_dir, files, hand, log);
    });
  } catch (const Error& e) {
    if (e.stage() == Stage::sign) {
      log.error(e.file(), e.code(), e.what());
      return pipeline::k_exit_signer; // nothing unsigned was written
    }
    if (files.empty()) {
      std::error_code ec;
      fs::remove(pages_dir, ec);
    }
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
  return pipeline->write_batch_report(started_at, watch.elapsed_ms());
}

} // namespace sohoa::scan
