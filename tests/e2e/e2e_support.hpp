#pragma once
// Shared steps of the end-to-end tests: generate scans, run the binary, read outputs.
#include "support/process.hpp"
#include "support/scratch.hpp"
#include <doctest/doctest.h>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sohoa::test {

struct GeneratedSet {
  std::filesystem::path input; // batch folder
  std::filesystem::path truth;
};

// sohoa-gen with a seed: the same seed gives the same scans.
inline GeneratedSet generate(const std::filesystem::path& dir, int seed, int dossiers,
                             const std::string& profile, const std::string& formats,
                             const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv = {generator_binary().string(),
                                   "--seed",
                                   std::to_string(seed),
                                   "--out",
                                   dir.string(),
                                   "--dossiers",
                                   std::to_string(dossiers),
                                   "--profile",
                                   profile,
                                   "--formats",
                                   formats};
  argv.insert(argv.end(), extra.begin(), extra.end());
  const auto r = run_command(argv);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return {dir / "input", dir / "truth"};
}

inline CommandResult run_sohoa(std::vector<std::string> args,
                               const std::vector<std::string>& env = {}) {
  args.insert(args.begin(), sohoa_binary().string());
  return run_command(args, env);
}

inline nlohmann::json read_json(const std::filesystem::path& file) {
  INFO(file.string());
  REQUIRE(std::filesystem::exists(file));
  return nlohmann::json::parse(slurp(file));
}

// Every file below dir whose name marks it as a temp file of an atomic write.
inline std::vector<std::filesystem::path> temp_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.path().filename().string().find(".tmp-") != std::string::npos) {
      out.push_back(e.path());
    }
  }
  return out;
}

} // namespace sohoa::test
