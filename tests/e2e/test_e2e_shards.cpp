// Cluster mode: N `run --shard I/N` processes sharing one OUT write exactly what one
// run writes, `sohoa report` merges their reports, and two writers of one report
// file are impossible.
#include "sohoa/core/hash.hpp"
#include "e2e_support.hpp"
#include <future>
#include <map>
#include <set>

using namespace sohoa::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::vector<std::string> k_deterministic = {"SOHOA_DETERMINISTIC=1"};

// Relative path -> SHA-256 of every file below dir, lock files aside (they are the
// writers' rendezvous, not outputs).
std::map<std::string, std::string> tree_hashes(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const auto name = e.path().filename().string();
    if (e.is_regular_file() && !name.ends_with(".lock")) {
      out[fs::relative(e.path(), dir).generic_string()] = sohoa::sha256_file(e.path());
    }
  }
  return out;
}

} // namespace

TEST_CASE("three shards into one OUT write byte for byte what one run writes") {
  ScratchDir dir("e2e-shards");
  const auto set = generate(dir / "gen", 31, 3, "clean", "png");
  const auto whole = dir / "whole";
  const auto shared = dir / "shared";
  auto r = run_sohoa({"run", set.input.string(), "--out", whole.string(), "--jobs", "1"},
                     k_deterministic);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);

  std::vector<std::future<CommandResult>> shards;
  for (int i = 0; i < 3; ++i) {
    shards.push_back(std::async(std::launch::async, [&, i] {
      return run_sohoa({"run", set.input.string(), "--out", shared.string(), "--jobs", "1",
                        "--shard", std::to_string(i) + "/3"},
                       k_deterministic);
    }));
  }
  std::set<std::string> dossiers_seen;
  for (int i = 0; i < 3; ++i) {
    const auto result = shards[static_cast<std::size_t>(i)].get();
    INFO(result.err);
    CHECK(result.exit_code == 0);
    const auto part = read_json(shared / ("batch-report-" + std::to_string(i) + ".json"));
    CHECK(part["complete"] == true);
    for (const auto& d : part["dossiers"]) {
      CHECK(dossiers_seen.insert(d["dossier_id"].get<std::string>()).second); // one shard each
    }
  }
  CHECK(!fs::exists(shared / "batch-report.json"));
  r = run_sohoa({"report", shared.string()}, k_deterministic);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);

  auto expected = tree_hashes(whole);
  auto got = tree_hashes(shared);
  for (int i = 0; i < 3; ++i) {
    got.erase("batch-report-" + std::to_string(i) + ".json");
  }
  CHECK(expected.size() > 3);
  CHECK(dossiers_seen.size() == read_json(whole / "batch-report.json")["dossiers"].size());
  for (const auto& [file, hash] : expected) {
    INFO(file);
    CHECK(got.count(file) == 1);
    CHECK(got[file] == hash);
  }
  CHECK(got.size() == expected.size());

  // A shard run again skips its complete dossiers and still reports them.
  r = run_sohoa(
      {"run", set.input.string(), "--out", shared.string(), "--jobs", "1", "--shard", "1/3"},
      k_deterministic);
  CHECK(r.exit_code == 0);
  for (const auto& d : read_json(shared / "batch-report-1.json")["dossiers"]) {
    CHECK(d["skipped"] == true);
  }
  // Shards from the environment of a Kubernetes Indexed Job, and bad specs.
  r = run_sohoa({"run", set.input.string(), "--out", shared.string(), "--shard-count", "3"},
                {"JOB_COMPLETION_INDEX=2"});
  CHECK(r.exit_code == 0);
  CHECK(read_json(shared / "batch-report-2.json")["dossiers"].size() ==
        read_json(whole / "batch-report.json")["dossiers"].size() -
            read_json(shared / "batch-report-0.json")["dossiers"].size() -
            read_json(shared / "batch-report-1.json")["dossiers"].size());
  r = run_sohoa({"run", set.input.string(), "--out", shared.string(), "--shard", "3/3"});
  CHECK(r.exit_code == 2);
  r = run_sohoa({"report", (dir / "nothing").string()});
  CHECK(r.exit_code == 2);
}

TEST_CASE("a second run writing the same report into OUT is refused, not interleaved") {
  ScratchDir dir("e2e-shared-out");
  const auto set = generate(dir / "gen", 32, 1, "clean", "png");
  const auto out = dir / "out";
  bool tried = false;
  CommandResult second;
  const auto first = run_and_kill_when(
      {sohoa_binary().string(), "run", set.input.string(), "--out", out.string(), "--jobs", "1"},
      [&] {
        if (!tried && fs::exists(out / ".batch-report.json.lock")) {
          tried = true;
          second = run_sohoa({"run", set.input.string(), "--out", out.string(), "--force"});
        }
        return false;
      });
  INFO(first.err);
  CHECK(first.exit_code == 0);
  REQUIRE(tried);
  INFO(second.err);
  CHECK(second.exit_code == 2);
  CHECK(second.err.find("another sohoa process") != std::string::npos);
  const auto report = read_json(out / "batch-report.json");
  CHECK(report["complete"] == true);
  CHECK(report["dossiers"].size() == 1);
}
