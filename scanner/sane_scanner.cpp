#include "sohoa/scanner/sane_scanner.hpp"
#include "driver_protocol.hpp"
#include "sane_session.hpp"
#include "sohoa/core/error.hpp"
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace sohoa::scan {

namespace {

// The fd the driver writes its messages to.
constexpr int k_driver_fd = 3;
// How long the driver may take to release the device once it has said its last
// word (a feeder may eject a sheet), and how long a scan may send nothing.
constexpr std::chrono::seconds k_release_grace{5};
constexpr int k_silence_limit_ms = 180 * 1000;

[[noreturn]] void throw_reported(const driver::Message& m, const std::string& device) {
  // The code came from the driver (this same binary); it is one of the scanner's.
  if (m.code == "scanner_unavailable") {
    throw Error(Stage::ingest, "scanner_unavailable", m.text, device, m.page);
  }
  if (m.code == "scanner_option") {
    throw Error(Stage::ingest, "scanner_option", m.text, device, m.page);
  }
  if (m.code == "scanner_jammed") {
    throw Error(Stage::ingest, "scanner_jammed", m.text, device, m.page);
  }
  if (m.code == "scanner_cover_open") {
    throw Error(Stage::ingest, "scanner_cover_open", m.text, device, m.page);
  }
  throw Error(Stage::ingest, "scanner_error", m.text, device, m.page);
}

std::string describe_exit(int status) {
  if (WIFSIGNALED(status)) {
    return "it was killed by signal " + std::to_string(WTERMSIG(status));
  }
  return "it exited with code " + std::to_string(WEXITSTATUS(status));
}

struct FdCloser {
  int fd = -1;
  ~FdCloser() {
    if (fd >= 0) {
      ::close(fd);
    }
  }
};

} // namespace

struct Scanner::Impl {
  ScanSettings settings;
  std::function<void(const std::string&)> warn;
  pid_t pid = -1;
  int fd = -1;
  bool finished = false;

  // Waits for the driver to exit, up to `grace`; then stops it. Returns its status.
  int reap(std::chrono::milliseconds grace) {
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + grace;
    for (;;) {
      const pid_t r = ::waitpid(pid, &status, WNOHANG);
      if (r == pid || (r < 0 && errno != EINTR)) {
        pid = -1;
        return status;
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    pid = -1;
    if (warn) {
      warn("the scanner's driver did not release the device within " +
           std::to_string(std::chrono::duration_cast<std::chrono::seconds>(grace).count()) +
           " s and was stopped: restart the scanner before the next scan");
    }
    return status;
  }

  void stop_reading() {
    if (fd >= 0) {
      ::close(fd);
      fd = -1;
    }
  }
};

Scanner::Scanner(const ScanSettings& settings, std::function<void(const std::string&)> warn)
    : m_impl(std::make_unique<Impl>()) {
  m_impl->settings = settings;
  m_impl->warn = std::move(warn);
  std::error_code ec;
  const std::string exe = std::filesystem::read_symlink("/proc/self/exe", ec).string();
  if (ec) {
    throw Error(Stage::ingest, "scanner_unavailable",
                "the scanner's driver cannot be started: /proc/self/exe is unreadable",
                settings.device);
  }
  int ends[2] = {-1, -1};
  if (::pipe2(ends, O_CLOEXEC) != 0) {
    throw Error(Stage::ingest, "scanner_unavailable",
                "the scanner's driver cannot be started: no pipe", settings.device);
  }
  FdCloser read_end{ends[0]};
  // The write end must not already be the driver's fd: dup2 onto itself would
  // keep its close-on-exec flag.
  FdCloser write_end{::fcntl(ends[1], F_DUPFD_CLOEXEC, 10)};
  ::close(ends[1]);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, write_end.fd, k_driver_fd);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  const std::string json = settings_to_json(settings);
  std::vector<char*> argv = {const_cast<char*>(exe.c_str()), const_cast<char*>("scan-driver"),
                             const_cast<char*>(json.c_str()), nullptr};
  pid_t pid = -1;
  const int spawned =
      write_end.fd >= 0 ? ::posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), environ)
                        : -1;
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    throw Error(Stage::ingest, "scanner_unavailable", "the scanner's driver cannot be started",
                settings.device);
  }
  m_impl->pid = pid;
  m_impl->fd = read_end.fd;
  read_end.fd = -1;
}

Scanner::~Scanner() {
  Impl& s = *m_impl;
  s.stop_reading(); // a driver still sending gets EPIPE and ends
  if (s.pid > 0) {
    s.reap(k_release_grace);
  }
}

std::optional<RasterPage> Scanner::next_page() {
  Impl& s = *m_impl;
  if (s.finished) {
    return std::nullopt;
  }
  pollfd ready{s.fd, POLLIN, 0};
  int polled = 0;
  while ((polled = ::poll(&ready, 1, k_silence_limit_ms)) < 0 && errno == EINTR) {
  }
  if (polled == 0) {
    s.finished = true;
    s.stop_reading();
    s.reap(std::chrono::milliseconds(0));
    throw Error(Stage::ingest, "scanner_error",
                "the scanner sent nothing for " + std::to_string(k_silence_limit_ms / 1000) +
                    " s and was stopped",
                s.settings.device);
  }
  std::optional<driver::Message> message = driver::read_message(s.fd);
  if (!message) {
    s.finished = true;
    s.stop_reading();
    const int status = s.reap(k_release_grace);
    throw Error(Stage::ingest, "scanner_error",
                "the scanner's driver ended without a word (" + describe_exit(status) + ")",
                s.settings.device);
  }
  switch (message->kind) {
  case driver::Message::Kind::end:
    s.finished = true;
    return std::nullopt;
  case driver::Message::Kind::error:
    s.finished = true;
    throw_reported(*message, s.settings.device);
  case driver::Message::Kind::page:
    break;
  }
  RasterPage out;
  out.pixels = message->pixels;
  out.kind = out.pixels.channels() == 3 ? ColourKind::colour : ColourKind::grey;
  out.dpi = s.settings.dpi;
  out.dpi_from_file = true;
  return out;
}

int run_scan_driver(const ScanSettings& settings, int fd) {
  std::signal(SIGPIPE, SIG_IGN); // a parent gone away is a write that fails
  std::optional<SaneSession> session;
  try {
    session.emplace(settings);
    while (auto pixels = session->next_page()) {
      if (!driver::write_page(fd, *pixels)) {
        return 1;
      }
    }
    driver::write_end(fd);
  } catch (const Error& e) {
    driver::write_error(fd, e.code(), e.what(), e.page());
  } catch (const std::exception& e) {
    driver::write_error(fd, "scanner_error", e.what(), 0);
  }
  // The parent has its answer before the device is released: a backend that hangs
  // here is stopped by the parent.
  ::close(fd);
  session.reset();
  return 0;
}

std::string settings_to_json(const ScanSettings& settings) {
  nlohmann::json options = nlohmann::json::array();
  for (const auto& [name, value] : settings.extra_options) {
    options.push_back({name, value});
  }
  return nlohmann::json{{"device", settings.device},
                        {"source", settings.source == Source::adf ? "adf" : "flatbed"},
                        {"dpi", settings.dpi},
                        {"colour", settings.colour},
                        {"options", options}}
      .dump();
}

ScanSettings settings_from_json(const std::string& json) {
  const auto j = nlohmann::json::parse(json);
  ScanSettings settings;
  settings.device = j.at("device").get<std::string>();
  settings.source = j.at("source").get<std::string>() == "adf" ? Source::adf : Source::flatbed;
  settings.dpi = j.at("dpi").get<int>();
  settings.colour = j.at("colour").get<bool>();
  for (const auto& option : j.at("options")) {
    settings.extra_options.emplace_back(option.at(0).get<std::string>(),
                                        option.at(1).get<std::string>());
  }
  return settings;
}

} // namespace sohoa::scan
