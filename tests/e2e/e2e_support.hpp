#pragma once
// Shared steps of the end-to-end tests: generate scans, run the binary, read outputs.
#include "support/process.hpp"
#include "support/scratch.hpp"
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <filesystem>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/socket.h>
#include <unistd.h>
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

// A TCP port free on host (an IPv4 address) now: the kernel's pick, released at
// once, for a server the test starts next.
inline int free_port(const char* host = "127.0.0.1") {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  REQUIRE(::inet_pton(AF_INET, host, &address.sin_addr) == 1);
  const bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  REQUIRE(bound);
  return ntohs(address.sin_port);
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
