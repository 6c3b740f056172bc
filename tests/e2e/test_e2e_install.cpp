// `cmake --install` into a scratch prefix gives a sohoa that runs on its own: the
// binary finds the installed schemas beside itself, even when moved elsewhere.
#include "e2e_support.hpp"
#include <algorithm>

using namespace sohoa::test;
namespace fs = std::filesystem;

namespace {

// The first page file of the generated batch, in name order.
fs::path first_scan(const fs::path& input) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(input)) {
    if (e.is_regular_file() && e.path().extension() == ".png") {
      files.push_back(e.path());
    }
  }
  REQUIRE_FALSE(files.empty());
  std::sort(files.begin(), files.end());
  return files.front();
}

} // namespace

TEST_CASE("an installed sohoa, moved to another folder, digitizes a scan with its own schemas") {
  ScratchDir dir("install");
  const fs::path prefix = dir / "prefix";
  auto r = run_command(
      {cmake_command().string(), "--install", build_dir().string(), "--prefix", prefix.string()});
  INFO(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(fs::is_regular_file(prefix / "bin/sohoa"));
  REQUIRE(fs::is_regular_file(prefix / "share/sohoa/schemas/citizen_id_card.v1.schema.json"));

  // Moved, the tree still works: the schemas are found beside the binary.
  const fs::path moved = dir / "elsewhere";
  fs::rename(prefix, moved);
  r = run_command({(moved / "bin/sohoa").string(), "--version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("sohoa ", 0) == 0);

  const auto set = generate(dir / "gen", 12, 1, "clean", "png");
  const fs::path out = dir / "out";
  r = run_command({(moved / "bin/sohoa").string(), "run", first_scan(set.input).string(), "--out",
                   out.string(), "--jobs", "1", "--quiet"},
                  {"SOHOA_SCHEMAS_DIR="});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  const auto report = read_json(out / "batch-report.json");
  CHECK(report["dossiers"].size() == 1);

  CHECK(report["totals"]["failed"] == 0);
  CHECK(
      fs::exists(out / report["documents"][0]["dossier_id"].get<std::string>() / "manifest.json"));
}
