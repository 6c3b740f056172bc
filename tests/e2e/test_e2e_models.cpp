// What the real binary writes parses into the typed models and serializes back to
// the same JSON: manifest.json (also checked against schemas/), batch-report.json
// after a run and after `sohoa report` merged shard reports.
#include "e2e_support.hpp"
#include "sohoa/forms/analyze.hpp"
#include "sohoa/forms/record_validation.hpp"
#include "sohoa/pipeline/batch_report_model.hpp"
#include "sohoa/pipeline/manifest_model.hpp"
#include <algorithm>
#include <fstream>

using namespace sohoa::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::vector<std::string> k_deterministic = {"SOHOA_DETERMINISTIC=1"};

void check_report_round_trip(const fs::path& file) {
  INFO(file.string());
  const json written = read_json(file);
  const auto report = written.get<sohoa::pipeline::BatchReport>();
  CHECK(json(report) == written);
  CHECK(report.complete);
  CHECK(report.totals.documents == report.documents.size());
}

} // namespace

TEST_CASE("manifests and batch reports of a real run survive a read and a write") {
  ScratchDir dir("e2e-models");
  const auto set = generate(dir / "gen", 41, 2, "clean", "png");
  // One document that cannot be read: a failed row with a reason in both files.
  std::vector<fs::path> dossiers;
  for (const auto& e : fs::directory_iterator(set.input)) {
    dossiers.push_back(e.path());
  }
  REQUIRE(dossiers.size() == 2);
  std::sort(dossiers.begin(), dossiers.end());
  std::ofstream(dossiers.back() / "zz-broken.png") << "not a png"; // no documents list there
  const fs::path out = dir / "out";
  auto r =
      run_sohoa({"run", set.input.string(), "--out", out.string(), "--jobs", "1", "--shard", "0/2"},
                k_deterministic);
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  r = run_sohoa({"run", set.input.string(), "--out", out.string(), "--jobs", "1", "--shard", "1/2"},
                k_deterministic);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  r = run_sohoa({"report", out.string()}, k_deterministic);
  REQUIRE(r.exit_code == 0);

  const auto catalog = sohoa::forms::FormCatalog::load(source_dir() / "schemas");
  int manifests = 0;
  bool saw_failure = false;
  for (const auto& e : fs::directory_iterator(out)) {
    if (!e.is_directory()) {
      continue;
    }
    const json written = read_json(e.path() / "manifest.json");
    const auto manifest = written.get<sohoa::pipeline::Manifest>();
    CHECK(json(manifest) == written);
    CHECK(sohoa::forms::validate_manifest(written, *catalog).empty());
    for (const auto& d : manifest.documents) {
      saw_failure = saw_failure || (d.status == sohoa::Status::failed && d.failure.has_value());
    }
    ++manifests;
  }
  CHECK(manifests == 2);
  CHECK(saw_failure);
  check_report_round_trip(out / "batch-report-0.json");
  check_report_round_trip(out / "batch-report-1.json");
  check_report_round_trip(out / "batch-report.json"); // the merge
}
