// `sohoa scan` against SANE's test backend (device "test", from libsane1), which
// simulates a flatbed and a 10-sheet document feeder.
#include "e2e_support.hpp"
#include <chrono>
#include <csignal>
#include <fstream>
#include <thread>

using namespace sohoa::test;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> scan_args(const fs::path& out, const std::string& source,
                                   std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"scan",
                                   "--device",
                                   "test",
                                   "--source",
                                   source,
                                   "--dpi",
                                   "200",
                                   "--mode",
                                   "gray",
                                   "--out",
                                   out.string(),
                                   "--dossier-id",
                                   "quet",
                                   "--sane-option",
                                   "test-picture=Solid white",
                                   "--jobs",
                                   "2"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// Runs `sohoa scan` with this test's own counter-priority lock (other tests' batches
// on the machine neither wait for it nor hold it up) and a SANE configuration that
// lists only the test backend. A scan still running after two minutes is killed
// and reported with what it had logged, so a hang names the step it stopped at.
CommandResult run_scan(const fs::path& dir, const std::vector<std::string>& args) {
  const fs::path sane = dir / "sane.d";
  fs::create_directories(sane);
  {
    std::ofstream dll(sane / "dll.conf");
    dll << "test\n";
  }
  if (fs::exists("/etc/sane.d/test.conf")) {
    fs::copy_file("/etc/sane.d/test.conf", sane / "test.conf",
                  fs::copy_options::overwrite_existing);
  }
  std::vector<std::string> argv = args;
  argv.insert(argv.begin(), sohoa_binary().string());
  BackgroundCommand scan(argv, {"SOHOA_PRIORITY_LOCK=" + (dir / "priority.lock").string(),
                                "SANE_CONFIG_DIR=" + sane.string()});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (scan.running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const bool hung = scan.running();
  if (hung) {
    scan.kill(SIGKILL);
  }
  CommandResult result = scan.wait();
  INFO("sohoa scan's log until it was stopped:\n" << result.err);
  REQUIRE_FALSE(hung);
  return result;
}

} // namespace

TEST_CASE("the document feeder's sheets become one document of as many pages") {
  ScratchDir dir("scan-adf");
  const auto r = run_scan(dir.path(), scan_args(dir / "out", "adf"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto manifest = read_json(dir / "out" / "quet" / "manifest.json");
  REQUIRE(manifest["documents"].size() == 1);
  CHECK(manifest["documents"][0]["pages"] == 10); // the test backend's feeder holds 10
  CHECK(manifest["documents"][0]["inputs"].size() == 10);
  const auto record = read_json(dir / "out" / "quet" / "scan.json");
  REQUIRE(record["pages"].size() == 10);
  CHECK(record["pages"][0]["dpi"] == 200);
  CHECK(fs::exists(dir / "out" / "quet" / "scan.pdf"));
}

TEST_CASE("the flatbed gives one page") {
  ScratchDir dir("scan-flatbed");
  const auto r = run_scan(dir.path(), scan_args(dir / "out", "flatbed"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(read_json(dir / "out" / "quet" / "manifest.json")["documents"][0]["pages"] == 1);
}

TEST_CASE("a paper jam and an empty feeder are said plainly and digitize nothing") {
  ScratchDir dir("scan-faults");
  const auto jam =
      run_scan(dir.path(), scan_args(dir / "jam", "adf",
                                     {"--sane-option", "read-return-value=SANE_STATUS_JAMMED"}));
  CHECK(jam.exit_code == 1);
  CHECK(jam.err.find("paper jam") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "jam" / "quet" / "manifest.json"));
  const auto empty =
      run_scan(dir.path(), scan_args(dir / "empty", "adf",
                                     {"--sane-option", "read-return-value=SANE_STATUS_NO_DOCS"}));
  CHECK(empty.exit_code == 1);
  CHECK(empty.err.find("feeder is empty") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "empty" / "quet"));
  const auto unknown =
      run_scan(dir.path(), {"scan", "--device", "no-such-scanner", "--out", (dir / "x").string()});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("scanimage -L") != std::string::npos);
}

TEST_CASE("each page is cleaned and read while the next sheets are still being scanned") {
  ScratchDir dir("scan-stream");
  // A slow feeder (the test backend waits before each read): ten sheets take
  // seconds, far longer than a blank page's cleanup.
  const auto r = run_scan(dir.path(), scan_args(dir / "out", "adf",
                                                {"--sane-option", "read-delay=yes", "--sane-option",
                                                 "read-delay-duration=20000"}));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto manifest = read_json(dir / "out" / "quet" / "manifest.json");
  CHECK(manifest["documents"][0]["pages"] == 10);
  // The manifest's "digitized" event keeps the timing spans: when each sheet came
  // out of the scanner, when each page's cleanup started.
  nlohmann::json timings;
  for (const auto& event : manifest["events"]) {
    if (event["event"] == "digitized") {
      timings = event["timings"];
    }
  }
  REQUIRE(timings.is_array());
  double last_scanned = -1;
  double first_clean = -1;
  int scanned = 0;
  for (const auto& span : timings) {
    if (span["stage"] == "scanned") {
      ++scanned;
      last_scanned = std::max(last_scanned, span["start_ms"].get<double>());
    }
    if (span["stage"] == "clean" && span["page"] == 1) {
      first_clean = span["start_ms"].get<double>();
    }
  }
  CHECK(scanned == 10);
  REQUIRE(first_clean >= 0);
  CHECK(first_clean < last_scanned);
  // The whole dossier is in the batch report as `run` writes it.
  const auto report = read_json(dir / "out" / "batch-report.json");
  CHECK(report["exit_code"] == 0);
  CHECK(report["dossiers"][0]["dossier_id"] == "quet");
}
