// Queue workers for real: redis-server and PostgreSQL started in a scratch folder,
// three `sohoa worker` processes over a generated batch, one SIGKILLed in the middle
// of a dossier. Every dossier must end complete exactly once, written byte for byte
// as `sohoa run` writes it, the ledger must agree with the manifests, and a dossier
// that always fails must land in the dead-letter stream.
#include "sohoa/core/hash.hpp"
#include "e2e_support.hpp"
#include <csignal>
#include <fstream>
#include <map>
#include <netinet/in.h>
#include <set>
#include <sstream>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace sohoa::test;
namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

const std::vector<std::string> k_deterministic = {"SOHOA_DETERMINISTIC=1"};

// Redis and PostgreSQL for one test case, stopped when it ends.
class QueueServices {
public:
  explicit QueueServices(const fs::path& dir)
      : m_dir(dir), m_redis_port(free_port()), m_pg_port(free_port()) {
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec);
    const auto r = run_command({script().string(), "start", dir.string(),
                                std::to_string(m_redis_port), std::to_string(m_pg_port)});
    INFO(r.err << slurp(dir / "pg" / "server.log") << slurp(dir / "pg" / "initdb.log"));
    REQUIRE(r.exit_code == 0);
  }
  ~QueueServices() { run_command({script().string(), "stop", m_dir.string()}); }
  QueueServices(const QueueServices&) = delete;
  QueueServices& operator=(const QueueServices&) = delete;

  std::string queue_url() const { return "redis://127.0.0.1:" + std::to_string(m_redis_port); }
  std::string ledger_url() const {
    return "postgresql://sohoa@127.0.0.1:" + std::to_string(m_pg_port) + "/sohoa";
  }
  // Rows of a query, fields joined by '|'.
  std::vector<std::string> sql(const std::string& query) const {
    const auto r =
        run_command({"/usr/bin/psql", "-X", "-At", "-F", "|", "-d", ledger_url(), "-c", query});
    INFO(query << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    return lines(r.out);
  }
  // True once a worker claimed a dossier (the tables appear with the first worker).
  bool any_claim() const {
    const auto r = run_command({"/usr/bin/psql", "-X", "-At", "-d", ledger_url(), "-c",
                                "SELECT 1 FROM sohoa_events WHERE event = 'claimed' LIMIT 1"});
    return r.exit_code == 0 && r.out.find('1') != std::string::npos;
  }
  std::vector<std::string> redis(const std::vector<std::string>& args) const {
    std::vector<std::string> argv = {"/usr/bin/redis-cli", "-h", "127.0.0.1", "-p",
                                     std::to_string(m_redis_port)};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = run_command(argv);
    REQUIRE(r.exit_code == 0);
    return lines(r.out);
  }

private:
  static fs::path script() { return source_dir() / "tests" / "e2e" / "queue_services.sh"; }
  static std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) {
        out.push_back(line);
      }
    }
    return out;
  }
  fs::path m_dir;
  int m_redis_port;
  int m_pg_port;
};

std::map<std::string, std::string> tree_hashes(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const auto name = e.path().filename().string();
    if (e.is_regular_file() && e.path().parent_path() != dir) { // dossier folders only
      out[fs::relative(e.path(), dir).generic_string()] = sohoa::sha256_file(e.path());
    }
  }
  return out;
}

} // namespace

TEST_CASE("three queue workers, one killed mid-dossier: nothing lost, nothing doubled") {
  ScratchDir dir("e2e-queue");
  QueueServices services(dir / "services");
  const auto archive = generate(dir / "archive", 41, 3, "clean", "png");
  const auto counter = generate(dir / "counter", 42, 1, "clean", "png");
  // A dossier that always fails: its only scan is not an image.
  const auto poison = archive.input / "zz-poisoned";
  fs::create_directories(poison);
  std::ofstream(poison / "scan.png") << "this is not a PNG file";

  const auto out = dir / "out";
  auto r = run_sohoa({"enqueue", archive.input.string(), "--queue", services.queue_url()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  r = run_sohoa(
      {"enqueue", counter.input.string(), "--queue", services.queue_url(), "--lane", "counter"});
  REQUIRE(r.exit_code == 0);
  CHECK(run_sohoa({"enqueue", archive.input.string(), "--queue", services.queue_url(), "--lane",
                   "nowhere"})
            .exit_code == 2);

  auto worker = [&](const std::string& name) {
    return std::make_unique<BackgroundCommand>(
        std::vector<std::string>{sohoa_binary().string(), "worker", "--queue", services.queue_url(),
                                 "--ledger", services.ledger_url(), "--out", out.string(), "--name",
                                 name, "--jobs", "1", "--claim-after", "4", "--max-attempts", "2",
                                 "--drain", "--quiet"},
        k_deterministic);
  };
  // w1 starts alone: the counter lane is served before the archive lane.
  auto w1 = worker("w1");
  for (int i = 0; i < 600 && !services.any_claim(); ++i) {
    std::this_thread::sleep_for(100ms);
  }
  auto w2 = worker("w2");
  auto w3 = worker("w3");

  // Kill w2 once it is inside a dossier that already has some output on disk.
  std::string killed_dossier;
  for (int i = 0; i < 1200 && killed_dossier.empty(); ++i) {
    for (const auto& id : services.sql("SELECT dossier_id FROM sohoa_dossiers WHERE state = "
                                       "'running' AND worker = 'w2'")) {
      const auto folder = out / id;
      if (fs::exists(folder) && !fs::exists(folder / "manifest.json") && id != "zz-poisoned") {
        killed_dossier = id;
      }
    }
    if (killed_dossier.empty()) {
      std::this_thread::sleep_for(50ms);
    }
  }
  REQUIRE(!killed_dossier.empty());
  w2->kill(SIGKILL);
  CHECK(w2->wait().signal == SIGKILL);

  const auto r1 = w1->wait();
  const auto r3 = w3->wait();
  INFO(r1.err << r3.err);
  CHECK(r1.signal == 0);
  CHECK(r3.signal == 0);

  // The first dossier claimed at all is the counter lane's.
  const auto first = services.sql("SELECT d.lane FROM sohoa_events e JOIN sohoa_dossiers d "
                                  "USING (dossier_id) WHERE e.event = 'claimed' ORDER BY "
                                  "e.event_id LIMIT 1");
  REQUIRE(first.size() == 1);
  CHECK(first[0] == "counter");

  // Every good dossier: done once in the ledger, manifest hashes matching the files
  // and the ledger.
  const auto rows = services.sql("SELECT dossier_id, state, attempts, manifest_sha256, outputs "
                                 "FROM sohoa_dossiers ORDER BY dossier_id");
  std::set<std::string> done;
  for (const auto& line : rows) {
    std::vector<std::string> f;
    std::istringstream in(line);
    for (std::string part; std::getline(in, part, '|');) {
      f.push_back(part);
    }
    REQUIRE(f.size() == 5);
    INFO(line);
    if (f[0] == "zz-poisoned") {
      CHECK(f[1] == "dead");
      CHECK(f[2] == "2");
      continue;
    }
    CHECK(f[1] == "done");
    done.insert(f[0]);
    const auto manifest_file = out / f[0] / "manifest.json";
    CHECK(sohoa::sha256_file(manifest_file) == f[3]);
    const auto manifest = read_json(manifest_file);
    json ledger_outputs = json::parse(f[4]);
    json manifest_outputs = json::array();
    for (const auto& doc : manifest["documents"]) {
      for (const auto& o : doc["outputs"]) {
        CHECK(sohoa::sha256_file(out / f[0] / o["name"].get<std::string>()) == o["sha256"]);
        manifest_outputs.push_back({{"name", o["name"]}, {"sha256", o["sha256"]}});
      }
    }
    CHECK(ledger_outputs == manifest_outputs);
    const auto finished = services.sql("SELECT count(*) FROM sohoa_events WHERE dossier_id = '" +
                                       f[0] + "' AND event = 'done'");
    CHECK(finished == std::vector<std::string>{"1"});
  }
  CHECK(done.size() == 4);
  CHECK(done.count(killed_dossier) == 1);
  // The killed worker's dossier was taken over by another worker.
  const auto takers = services.sql("SELECT DISTINCT worker FROM sohoa_events WHERE dossier_id = '" +
                                   killed_dossier + "' AND event = 'claimed' ORDER BY worker");
  CHECK(takers.size() >= 2);

  // The poisoned dossier is in the dead-letter stream, once.
  const auto dead = services.redis({"XRANGE", "sohoa:dead", "-", "+"});
  CHECK(std::count(dead.begin(), dead.end(), "zz-poisoned") == 1);
  CHECK(services.redis({"XLEN", "sohoa:dead"}) == std::vector<std::string>{"1"});

  // The outputs are exactly what one `sohoa run` writes.
  fs::remove_all(poison);
  const auto whole = dir / "whole";
  r = run_sohoa({"run", archive.input.string(), counter.input.string(), "--out", whole.string(),
                 "--jobs", "1"},
                k_deterministic);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto got = tree_hashes(out);
  std::erase_if(got, [](const auto& kv) { return kv.first.starts_with("zz-poisoned/"); });
  const auto expected = tree_hashes(whole);
  CHECK(expected.size() > 4);
  CHECK(got == expected);

  // The workers' reports merge into one batch-report.json.
  r = run_sohoa({"report", out.string()});
  REQUIRE(r.exit_code == 0);
  const auto report = read_json(out / "batch-report.json");
  std::set<std::string> reported;
  for (const auto& d : report["dossiers"]) {
    reported.insert(d["dossier_id"].get<std::string>());
  }
  for (const auto& id : done) {
    CHECK(reported.count(id) == 1);
  }
}
