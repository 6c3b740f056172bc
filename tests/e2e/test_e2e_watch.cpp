// `sohoa watch`: the real binary on a hot folder, killed and restarted.
#include "e2e_support.hpp"
#include <algorithm>
#include <csignal>
#include <fstream>

using namespace sohoa::test;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> complete_manifests(const fs::path& out) {
  std::vector<fs::path> found;
  std::error_code ec;
  for (const auto& dir : fs::directory_iterator(out, ec)) {
    const auto manifest = dir.path() / "manifest.json";
    if (dir.is_directory() && fs::exists(manifest) &&
        slurp(manifest).find("\"complete\": true") != std::string::npos) {
      found.push_back(manifest);
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

// Copies a dossier folder in the way a scanner station would: under a hidden name,
// then renamed, so the watcher never sees half a folder under the real name.
void drop(const fs::path& dossier, const fs::path& in) {
  const fs::path staging = in / ("." + dossier.filename().string());
  fs::copy(dossier, staging, fs::copy_options::recursive);
  fs::rename(staging, in / dossier.filename());
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.front() != '.') { // hidden files: the report's lock file
      names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

} // namespace

TEST_CASE("watch takes dossiers as they complete and loses or doubles none over a restart") {
  ScratchDir dir("watch");
  const auto gen = generate(dir / "gen", 23, 2, "clean", "png");
  const fs::path in = dir / "in";
  const fs::path out = dir / "out";
  fs::create_directories(in);
  const std::vector<std::string> argv = {
      sohoa_binary().string(), "watch", in.string(), "--out", out.string(), "--jobs", "2"};

  // The first dossier says it is complete with READY; the watcher is killed as soon
  // as its manifest exists, before or after the move to done/.
  drop(gen.input / "hs-001", in);
  { std::ofstream(in / "hs-001" / "READY") << ""; }
  const auto first = run_and_kill_when(
      argv, [&] { return complete_manifests(out).size() == 1; }, std::chrono::seconds(300));
  INFO(first.err);
  REQUIRE(first.signal == SIGKILL);
  const auto manifests = complete_manifests(out);
  REQUIRE(manifests.size() == 1);
  const std::string first_manifest = slurp(manifests.front());

  // The second has no marker: taken once it has been quiet for 5 s.
  drop(gen.input / "hs-002", in);
  const auto second = run_and_kill_when(
      argv,
      [&] { return fs::exists(in / "done" / "hs-001") && fs::exists(in / "done" / "hs-002"); },
      std::chrono::seconds(300));
  INFO(second.err);
  REQUIRE(second.signal == SIGKILL);

  CHECK(names_in(in) == std::vector<std::string>{"done"});
  CHECK(names_in(in / "done") == std::vector<std::string>{"hs-001", "hs-002"});
  CHECK_FALSE(fs::exists(in / "done" / "hs-001" / "READY"));
  const auto all = complete_manifests(out);
  REQUIRE(all.size() == 2);
  CHECK(slurp(manifests.front()) == first_manifest); // not digitized a second time
  CHECK(names_in(out).size() == 3);                  // two dossiers and batch-report.json
  for (const auto& m : all) {
    const auto j = read_json(m);
    CHECK(j["summary"]["failed"] == 0);
    CHECK(j["summary"]["documents"].get<int>() >= 1);
  }
  CHECK(temp_files(out).empty());
}
