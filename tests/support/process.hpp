#pragma once
// Running the real binaries from tests: argv in, exit code and output back.
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace sohoa::test {

struct CommandResult {
  int exit_code = -1;       // -1 when killed by a signal
  int signal = 0;           // the signal that ended it, 0 for a normal exit
  std::string out;          // stdout
  std::string err;          // stderr
};

// Runs argv[0] with argv (no shell), extra environment "NAME=value" entries added.
CommandResult run_command(const std::vector<std::string>& argv,
                          const std::vector<std::string>& extra_env = {});

// Starts argv, calls until() every 20 ms while it runs, and SIGKILLs it the first
// time until() returns true. Returns the result (signal 9 when killed).
CommandResult run_and_kill_when(const std::vector<std::string>& argv,
                                const std::function<bool()>& until,
                                std::chrono::seconds timeout = std::chrono::seconds(600));

std::string slurp(const std::filesystem::path& file);

} // namespace sohoa::test
