// `reprocess` on a small dossier made in the test (one generated dossier, digitized
// in-process): it re-reads the manifest through the model, re-extracts fields from
// the stored ALTO words, keeps what did not change and rewrites the manifest.
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/hash.hpp"
#include "e2e/e2e_support.hpp"
#include "sohoa/pipeline/batch_runner.hpp"
#include "sohoa/pipeline/manifest.hpp"
#include "sohoa/pipeline/reprocess.hpp"
#include <doctest/doctest.h>
#include <sstream>

using namespace sohoa::pipeline;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path only_dossier(const fs::path& out) {
  for (const auto& e : fs::directory_iterator(out)) {
    if (e.is_directory()) {
      return e.path();
    }
  }
  FAIL("no dossier in " << out.string());
  return {};
}

ReprocessConfig reprocess_config(const fs::path& out) {
  ReprocessConfig config;
  config.out = out;
  config.schemas_dir = sohoa::test::source_dir() / "schemas";
  config.deterministic = true;
  config.output.quiet = true;
  return config;
}

} // namespace

TEST_CASE("reprocess restores a record from its ALTO words and rewrites the manifest") {
  sohoa::test::ScratchDir dir("reprocess");
  const auto set = sohoa::test::generate(dir / "gen", 7, 1, "clean", "png");
  RunConfig run;
  run.inputs = {set.input};
  run.out = dir / "out";
  run.jobs = 1;
  run.schemas_dir = sohoa::test::source_dir() / "schemas";
  run.deterministic = true;
  run.output.quiet = true;
  std::ostringstream log_text;
  Logger log(log_text, run.output);
  REQUIRE(run_batch(run, log) == k_exit_ok);

  const fs::path dossier = only_dossier(run.out);
  const Manifest before = *read_complete_manifest(dossier / "manifest.json");
  REQUIRE_FALSE(before.documents.empty());
  CHECK_FALSE(before.reprocessed_at.has_value());
  const ManifestDocument& first = before.documents.front();
  const fs::path record_file = dossier / (first.document_id + ".json");
  const json record = json::parse(sohoa::read_file(record_file));
  REQUIRE_FALSE(record["fields"].empty());
  const std::string pdf_before = sohoa::read_file(dossier / (first.document_id + ".pdf"));

  // A record that lost its fields: reprocess reads them again from the ALTO words.
  json damaged = record;
  damaged["fields"] = json::object();
  sohoa::write_file_atomic(record_file, damaged.dump(2) + "\n");
  CHECK(run_reprocess(reprocess_config(run.out), log) == k_exit_ok);
  INFO(log_text.str());

  const json restored = json::parse(sohoa::read_file(record_file));
  CHECK(restored["fields"].size() == record["fields"].size());
  for (auto it = record["fields"].begin(); it != record["fields"].end(); ++it) {
    CHECK(restored["fields"][it.key()]["value"] == it.value()["value"]);
  }
  // Same doc_type, same PDF/A part: the PDF is kept as it was.
  CHECK(sohoa::read_file(dossier / (first.document_id + ".pdf")) == pdf_before);

  const Manifest after = *read_complete_manifest(dossier / "manifest.json");
  CHECK(after.reprocessed_at.has_value());
  CHECK(after.started_at == before.started_at);
  REQUIRE(after.documents.size() == before.documents.size());
  for (std::size_t i = 0; i < after.documents.size(); ++i) {
    CHECK(after.documents[i].document_id == before.documents[i].document_id);
    CHECK(after.documents[i].status == before.documents[i].status);
    CHECK(after.documents[i].inputs.size() == before.documents[i].inputs.size());
  }
  // The record file changed, so its digest in the manifest did too; `run` then still
  // takes the dossier as complete.
  const auto json_digest = [&](const Manifest& m) {
    for (const auto& o : m.documents.front().outputs) {
      if (o.name == first.document_id + ".json") {
        return o.sha256;
      }
    }
    return std::string();
  };
  CHECK(json_digest(after) == sohoa::sha256_file(record_file));
  CHECK(run_batch(run, log) == k_exit_ok);
  CHECK(log_text.str().find("redoing") == std::string::npos);
}

TEST_CASE("reprocess names a damaged manifest, leaves it as it is and exits 1") {
  sohoa::test::ScratchDir dir("reprocess-bad");
  fs::create_directories(dir / "out" / "d1");
  const std::string torn = R"({"schema": "sohoa.manifest/1", "complete": true, "dossier": {},)";
  sohoa::write_file_atomic(dir / "out" / "d1" / "manifest.json", torn);
  std::ostringstream log_text;
  Logger log(log_text, OutputOptions{});
  CHECK(run_reprocess(reprocess_config(dir / "out"), log) == k_exit_some_failed);
  CHECK(log_text.str().find("d1/manifest.json") != std::string::npos);
  CHECK(sohoa::read_file(dir / "out" / "d1" / "manifest.json") == torn);

  // A folder with no complete dossier at all is a usage error.
  sohoa::test::ScratchDir empty("reprocess-empty");
  CHECK(run_reprocess(reprocess_config(empty.path()), log) == k_exit_usage);
}
