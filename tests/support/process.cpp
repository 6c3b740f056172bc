#include "support/process.hpp"
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace sohoa::test {
namespace {

struct Spawned {
  pid_t pid = -1;
  std::filesystem::path out_file;
  std::filesystem::path err_file;
};

Spawned spawn(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env) {
  std::random_device rd;
  const auto base = std::filesystem::temp_directory_path() /
                    ("sohoa-cmd-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
  Spawned s;
  s.out_file = base.string() + ".out";
  s.err_file = base.string() + ".err";
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    env_strings.emplace_back(*e);
  }
  for (const auto& e : extra_env) {
    env_strings.push_back(e);
  }
  s.pid = ::fork();
  if (s.pid < 0) {
    throw std::runtime_error("fork failed");
  }
  if (s.pid == 0) {
    const int out = ::open(s.out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open(s.err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int in = ::open("/dev/null", O_RDONLY);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::dup2(in, 0);
    std::vector<char*> args;
    for (const auto& a : argv) {
      args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& e : env_strings) {
      envp.push_back(const_cast<char*>(e.c_str()));
    }
    envp.push_back(nullptr);
    ::execve(args[0], args.data(), envp.data());
    std::_Exit(127);
  }
  return s;
}

CommandResult collect(const Spawned& s, int status) {
  CommandResult r;
  if (WIFEXITED(status)) {
    r.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    r.signal = WTERMSIG(status);
  }
  r.out = slurp(s.out_file);
  r.err = slurp(s.err_file);
  std::error_code ec;
  std::filesystem::remove(s.out_file, ec);
  std::filesystem::remove(s.err_file, ec);
  return r;
}

} // namespace

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

CommandResult run_command(const std::vector<std::string>& argv,
                          const std::vector<std::string>& extra_env) {
  const Spawned s = spawn(argv, extra_env);
  int status = 0;
  while (::waitpid(s.pid, &status, 0) < 0 && errno == EINTR) {
  }
  return collect(s, status);
}

CommandResult run_and_kill_when(const std::vector<std::string>& argv,
                                const std::function<bool()>& until, std::chrono::seconds timeout) {
  const Spawned s = spawn(argv, {});
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(s.pid, &status, WNOHANG);
    if (done == s.pid) {
      break;
    }
    if (until() || std::chrono::steady_clock::now() > deadline) {
      ::kill(s.pid, SIGKILL);
      ::waitpid(s.pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return collect(s, status);
}

BackgroundCommand::BackgroundCommand(const std::vector<std::string>& argv,
                                     const std::vector<std::string>& extra_env) {
  const Spawned s = spawn(argv, extra_env);
  m_pid = s.pid;
  m_out_file = s.out_file;
  m_err_file = s.err_file;
}

BackgroundCommand::~BackgroundCommand() {
  if (running()) {
    kill(SIGKILL);
  }
  wait();
}

bool BackgroundCommand::running() {
  if (m_done) {
    return false;
  }
  if (::waitpid(m_pid, &m_status, WNOHANG) == m_pid) {
    m_done = true;
    m_result = collect({m_pid, m_out_file, m_err_file}, m_status);
  }
  return !m_done;
}

void BackgroundCommand::kill(int signal) {
  if (!m_done) {
    ::kill(m_pid, signal);
  }
}

CommandResult BackgroundCommand::wait() {
  if (!m_done) {
    while (::waitpid(m_pid, &m_status, 0) < 0 && errno == EINTR) {
    }
    m_done = true;
    m_result = collect({m_pid, m_out_file, m_err_file}, m_status);
  }
  return m_result;
}

} // namespace sohoa::test
