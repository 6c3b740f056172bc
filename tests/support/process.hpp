#pragma once
// Running the real binaries from tests: argv in, exit code and output back.
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace sohoa::test {

struct CommandResult {
  int exit_code = -1; // -1 when killed by a signal
  int signal = 0;     // the signal that ended it, 0 for a normal exit
  std::string out;    // stdout
  std::string err;    // stderr
};

// Runs argv[0] with argv (no shell), extra environment "NAME=value" entries added.
CommandResult run_command(const std::vector<std::string>& argv,
                          const std::vector<std::string>& extra_env = {});

// Starts argv, calls until() every 20 ms while it runs, and SIGKILLs it the first
// time until() returns true. Returns the result (signal 9 when killed).
CommandResult run_and_kill_when(const std::vector<std::string>& argv,
                                const std::function<bool()>& until,
                                std::chrono::seconds timeout = std::chrono::seconds(600));

// A command running in the background (queue workers): killed and reaped on
// destruction if still running.
class BackgroundCommand {
public:
  BackgroundCommand(const std::vector<std::string>& argv,
                    const std::vector<std::string>& extra_env = {});
  ~BackgroundCommand();
  BackgroundCommand(const BackgroundCommand&) = delete;
  BackgroundCommand& operator=(const BackgroundCommand&) = delete;
  bool running();
  void kill(int signal);
  CommandResult wait(); // once; later calls return the same result

private:
  int m_pid = -1;
  std::filesystem::path m_out_file;
  std::filesystem::path m_err_file;
  bool m_done = false;
  int m_status = 0;
  CommandResult m_result;
};

std::string slurp(const std::filesystem::path& file);

} // namespace sohoa::test
