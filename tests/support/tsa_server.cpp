#include "support/tsa_server.hpp"
#include "support/scratch.hpp"
#include <chrono>
#include <csignal>
#include <fstream>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <vector>

extern char** environ;

namespace sohoa::test {

TsaServer::TsaServer(const std::filesystem::path& pki, const std::filesystem::path& work,
                     int lifetime_s) {
  const auto port_file = work / "tsa.port";
  const auto script = source_dir() / "tests/unit/pdfsign/pki/tsa_server.py";
  std::vector<std::string> args = {"python3", script.string(), pki.string(), port_file.string(),
                                   std::to_string(lifetime_s)};
  std::vector<char*> argv;
  for (auto& arg : args) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);
  if (posix_spawnp(&m_pid, "python3", nullptr, nullptr, argv.data(), environ) != 0) {
    m_pid = -1;
    throw std::runtime_error("cannot start the test TSA (tsa_server.py)");
  }
  for (int i = 0; i < 200 && !std::filesystem::exists(port_file); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::ifstream in(port_file);
  int port = 0;
  in >> port;
  if (port == 0) {
    throw std::runtime_error("the test TSA wrote no port");
  }
  m_url = "http://127.0.0.1:" + std::to_string(port) + "/";
}

TsaServer::~TsaServer() {
  if (m_pid > 0) {
    kill(m_pid, SIGTERM);
    int status = 0;
    waitpid(m_pid, &status, 0);
  }
}

} // namespace sohoa::test
