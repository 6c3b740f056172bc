// Shard selection, the one-writer lock on a report file, and merging the reports
// of several writers into one OUT.
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/pipeline/dossier_selection.hpp"
#include "sohoa/pipeline/output_lock.hpp"
#include "sohoa/pipeline/report_merge.hpp"
#include "support/scratch.hpp"
#include <doctest/doctest.h>
#include <map>
#include <set>

using namespace sohoa::pipeline;
using nlohmann::json;

namespace {

auto env_of(const std::map<std::string, std::string>& vars) {
  return [vars](const char* name) -> const char* {
    const auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  };
}

BatchReport report(const std::string& started, const std::string& finished, int exit_code,
                   const std::vector<std::pair<std::string, std::string>>& dossiers,
                   bool skipped = false) {
  std::vector<ReportDossierRow> d;
  std::vector<ReportDocumentRow> docs;
  for (const auto& [id, status] : dossiers) {
    ReportDossierRow row;
    row.dossier_id = id;
    row.status = *sohoa::status_from_string(status);
    row.skipped = skipped;
    d.push_back(row);
    ReportDocumentRow doc;
    doc.dossier_id = id;
    doc.document_id = "a";
    doc.status = row.status;
    doc.pages = 2;
    doc.skipped = skipped;
    docs.push_back(doc);
  }
  ReportHeader header;
  header.started_at = started;
  header.finished_at = finished;
  header.exit_code = exit_code;
  return render_batch_report(header, d, docs);
}

// The reports as they are read from their files.
json merged(const std::vector<json>& reports) {
  std::vector<BatchReport> typed;
  for (const auto& r : reports) {
    typed.push_back(r.get<BatchReport>());
  }
  return merge_batch_reports(typed);
}

} // namespace

TEST_CASE("the id hash is FNV-1a 64, fixed by its published test vectors") {
  CHECK(stable_id_hash("") == 0xcbf29ce484222325ULL);
  CHECK(stable_id_hash("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(stable_id_hash("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("every dossier lands in exactly one shard, and shards share the work") {
  std::vector<int> per_shard(3, 0);
  for (int i = 0; i < 300; ++i) {
    const std::string id = "000.00.16.H29-261122-" + std::to_string(i);
    int holders = 0;
    for (int s = 0; s < 3; ++s) {
      if (Shard{s, 3}.holds(id)) {
        ++holders;
        ++per_shard[static_cast<std::size_t>(s)];
      }
    }
    CHECK(holders == 1);
    CHECK(Shard{}.holds(id));
  }
  for (const int n : per_shard) {
    CHECK(n > 60); // 100 expected; a skewed hash would starve a shard
  }
}

TEST_CASE("shard specs: I/N, Slurm arrays, Kubernetes Indexed Jobs") {
  const auto none = env_of({});
  CHECK(parse_shard("2/3").index == 2);
  CHECK(parse_shard("2/3").count == 3);
  CHECK_THROWS_AS(parse_shard("3/3"), sohoa::Error);
  CHECK_THROWS_AS(parse_shard("-1/3"), sohoa::Error);
  CHECK_THROWS_AS(parse_shard("1"), sohoa::Error);
  CHECK_THROWS_AS(parse_shard("a/3"), sohoa::Error);
  CHECK_THROWS_AS(parse_shard("1/0"), sohoa::Error);
  CHECK(resolve_shard("", 0, none).whole());
  CHECK_THROWS_AS(resolve_shard("", 4, none), sohoa::Error);

  const auto slurm = resolve_shard("", 0,
                                   env_of({{"SLURM_ARRAY_TASK_ID", "4"},
                                           {"SLURM_ARRAY_TASK_COUNT", "4"},
                                           {"SLURM_ARRAY_TASK_MIN", "1"}}));
  CHECK(slurm.index == 3);
  CHECK(slurm.count == 4);
  const auto k8s = resolve_shard("", 5, env_of({{"JOB_COMPLETION_INDEX", "0"}}));
  CHECK(k8s.index == 0);
  CHECK(k8s.count == 5);
  CHECK_THROWS_AS(resolve_shard("", 0, env_of({{"JOB_COMPLETION_INDEX", "0"}})), sohoa::Error);
  // The command line wins over the environment.
  CHECK(resolve_shard("1/2", 0, env_of({{"JOB_COMPLETION_INDEX", "0"}})).index == 1);

  CHECK(report_file_name(Shard{}) == "batch-report.json");
  CHECK(report_file_name(Shard{2, 3}) == "batch-report-2.json");
}

TEST_CASE("a selection by ids keeps only those ids") {
  DossierSelection selection;
  CHECK(selection.everything());
  selection.ids = {"b"};
  CHECK_FALSE(selection.everything());
  CHECK(selection.holds("b"));
  CHECK_FALSE(selection.holds("a"));
}

TEST_CASE("two writers of one report file: the second is refused until the first ends") {
  sohoa::test::ScratchDir dir("lock");
  {
    const OutputLock first(dir.path(), "batch-report.json");
    CHECK_THROWS_AS(OutputLock(dir.path(), "batch-report.json"), sohoa::Error);
    try {
      const OutputLock second(dir.path(), "batch-report.json");
    } catch (const sohoa::Error& e) {
      CHECK(e.code() == "output_in_use");
    }
    const OutputLock other_shard(dir.path(), "batch-report-1.json"); // another file: fine
  }
  const OutputLock again(dir.path(), "batch-report.json");
}

TEST_CASE("the report lists rows by dossier id, whatever the finishing order") {
  const json a = report("t0", "t1", 0, {{"b", "ok"}, {"a", "ok"}});
  CHECK(a["dossiers"][0]["dossier_id"] == "a");
  CHECK(a["documents"][0]["dossier_id"] == "a");
  CHECK(a["totals"]["pages"] == 4);
}

TEST_CASE("merging keeps every writer's rows, the processed row over a skipped one") {
  const json whole = report("2026-01-01T08:00:00+07:00", "2026-01-01T09:00:00+07:00", 0,
                            {{"a", "ok"}, {"b", "ok"}}, true);
  const json shard0 = report("2026-01-01T07:00:00+07:00", "2026-01-01T08:30:00+07:00", 1,
                             {{"b", "failed"}, {"c", "ok"}});
  const json shard1 =
      report("2026-01-01T07:30:00+07:00", "2026-01-01T10:00:00+07:00", 0, {{"d", "needs_review"}});
  const auto merged_report = merged({whole, shard0, shard1});
  std::vector<std::string> ids;
  for (const auto& d : merged_report["dossiers"]) {
    ids.push_back(d["dossier_id"]);
  }
  CHECK(ids == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK(merged_report["dossiers"][1]["status"] == "failed"); // b processed by shard 0 wins
  CHECK(merged_report["dossiers"][1]["skipped"] == false);
  CHECK(merged_report["documents"].size() == 4);
  CHECK(merged_report["totals"]["failed"] == 1);
  CHECK(merged_report["started_at"] == "2026-01-01T07:00:00+07:00");
  CHECK(merged_report["finished_at"] == "2026-01-01T10:00:00+07:00");
  CHECK(merged_report["exit_code"] == 1);
  CHECK(merged_report["complete"] == true);

  auto running = shard1;
  running["complete"] = false;
  running["finished_at"] = nullptr;
  running["exit_code"] = nullptr;
  const auto partial = merged({shard0, running});
  CHECK(partial["complete"] == false);
  CHECK(partial["exit_code"].is_null());
}

TEST_CASE("merge_report_files merges every part of OUT and is idempotent") {
  sohoa::test::ScratchDir dir("merge");
  sohoa::write_file_atomic(dir / "batch-report-0.json",
                           json(report("t0", "t1", 0, {{"x", "ok"}})).dump(2));
  sohoa::write_file_atomic(dir / "batch-report-1.json",
                           json(report("t0", "t2", 0, {{"y", "ok"}})).dump(2));
  CHECK(report_parts(dir.path()).size() == 2);
  CHECK(merge_report_files(dir.path()) == 2);
  const auto first = sohoa::read_file(dir / "batch-report.json");
  CHECK(json::parse(first)["totals"]["dossiers"] == 2);
  CHECK(merge_report_files(dir.path()) == 3); // its own output is now a part
  CHECK(sohoa::read_file(dir / "batch-report.json") == first);

  sohoa::write_file_atomic(dir / "batch-report-2.json", "{not json");
  CHECK_THROWS_AS(merge_report_files(dir.path()), sohoa::Error);
  sohoa::test::ScratchDir empty("merge-empty");
  CHECK_THROWS_AS(merge_report_files(empty.path()), sohoa::Error);
}
