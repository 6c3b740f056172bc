#include "sohoa/pipeline/hot_folder.hpp"
#include "sohoa/pipeline/batch_runner.hpp"
#include <algorithm>
#include <csignal>
#include <set>
#include <poll.h>
#include <pthread.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <unistd.h>

namespace sohoa::pipeline {
namespace fs = std::filesystem;

namespace {

constexpr const char* k_done = "done";
constexpr const char* k_failed = "failed";

class Fd {
public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return m_fd; }

private:
  int m_fd;
};

using Clock = fs::file_time_type::clock;

// The newest modification time in a dossier folder (the folder itself included:
// a file added or removed changes it). nullopt while the folder cannot be read.
std::optional<fs::file_time_type> newest_change(const fs::path& dir) {
  std::error_code ec;
  auto newest = fs::last_write_time(dir, ec);
  if (ec) {
    return std::nullopt;
  }
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    const auto t = fs::last_write_time(entry.path(), ec);
    if (!ec) {
      newest = std::max(newest, t);
    }
  }
  return ec ? std::nullopt : std::optional(newest);
}

// dest/name, or dest/name-2, -3, ... when a dossier of that name was done before.
fs::path free_place(const fs::path& dest, const std::string& name) {
  fs::path target = dest / name;
  for (int n = 2; fs::exists(target); ++n) {
    target = dest / (name + "-" + std::to_string(n));
  }
  return target;
}

class HotFolder {
public:
  HotFolder(const RunConfig& config, Logger& log)
      : m_config(config), m_log(log), m_in(config.inputs.front()) {}

  int run() {
    std::error_code ec;
    if (!fs::is_directory(m_in, ec)) {
      m_log.error(m_in.string(), "no_input", "the hot folder does not exist");
      return k_exit_usage;
    }
    fs::create_directories(m_in / k_done, ec);
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);
    const Fd signals(::signalfd(-1, &stop, SFD_CLOEXEC | SFD_NONBLOCK));
    const Fd events(::inotify_init1(IN_CLOEXEC | IN_NONBLOCK));
    if (events.get() < 0 || signals.get() < 0 ||
        ::inotify_add_watch(events.get(), m_in.c_str(),
                            IN_CREATE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM) < 0) {
      m_log.error(m_in.string(), "cannot_watch", "inotify is not available on this folder");
      return k_exit_usage;
    }
    m_log.info("watching " + m_in.string() + " (a dossier is taken when it holds READY or " +
               "has not changed for " + std::to_string(k_settle_time.count()) + " s)");
    for (;;) {
      watch_new_folders(events.get());
      for (const auto& dir : ready_dossiers()) {
        const int code = take(dir);
        if (code == k_exit_signer) {
          return code;
        }
        if (stop_requested(signals.get())) {
          return k_exit_ok;
        }
      }
      // Sleep until something changes in IN or a dossier, or a second has passed
      // (the 5 s of quiet are measured by the clock, not by events).
      pollfd fds[2] = {{events.get(), POLLIN, 0}, {signals.get(), POLLIN, 0}};
      ::poll(fds, 2, 1000);
      drain(events.get());
      if (stop_requested(signals.get())) {
        return k_exit_ok;
      }
    }
  }

private:
  static bool stop_requested(int signal_fd) {
    signalfd_siginfo info{};
    return ::read(signal_fd, &info, sizeof info) == static_cast<ssize_t>(sizeof info);
  }

  static void drain(int fd) {
    char buffer[4096];
    while (::read(fd, buffer, sizeof buffer) > 0) {
    }
  }

  // Each dossier folder is watched too, so files landing in it wake the loop.
  void watch_new_folders(int fd) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(m_in, ec)) {
      if (entry.is_directory(ec) && is_candidate(entry.path()) &&
          !m_watched.contains(entry.path())) {
        ::inotify_add_watch(fd, entry.path().c_str(),
                            IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE);
        m_watched.insert(entry.path());
      }
    }
  }

  static bool is_candidate(const fs::path& dir) {
    const std::string name = dir.filename().string();
    return !name.empty() && name.front() != '.' && name != k_done && name != k_failed;
  }

  // Dossier folders complete now, in name order (arrival order is not kept by
  // every way of copying; names usually carry it).
  std::vector<fs::path> ready_dossiers() {
    std::vector<fs::path> ready;
    std::error_code ec;
    const auto now = Clock::now();
    std::set<fs::path> present;
    for (const auto& entry : fs::directory_iterator(m_in, ec)) {
      if (!entry.is_directory(ec) || !is_candidate(entry.path())) {
        continue;
      }
      present.insert(entry.path());
      if (fs::exists(entry.path() / k_ready_marker, ec)) {
        ready.push_back(entry.path());
        continue;
      }
      const auto changed = newest_change(entry.path());
      if (changed && now - *changed >= k_settle_time) {
        ready.push_back(entry.path());
      }
    }
    std::erase_if(m_watched, [&](const fs::path& p) { return !present.contains(p); });
    std::sort(ready.begin(), ready.end());
    return ready;
  }

  // Digitizes one dossier folder and moves it out of the way. Its manifest is
  // written before the move: a crash in between leaves a complete dossier that the
  // next start skips (run's resume) and only moves.
  int take(const fs::path& dir) {
    std::error_code ec;
    fs::remove(dir / k_ready_marker, ec); // a marker, not a document
    RunConfig one = m_config;
    one.inputs = {dir};
    m_log.info("taking " + dir.filename().string());
    const int code = run_batch(one, m_log);
    if (code == k_exit_signer) {
      m_log.error(dir.filename().string(), "signer_unavailable",
                  "the signer or TSA cannot be used: watching stops, the dossier stays in IN");
      return code;
    }
    const char* dest = code == k_exit_usage ? k_failed : k_done;
    fs::create_directories(m_in / dest, ec);
    const fs::path target = free_place(m_in / dest, dir.filename().string());
    fs::rename(dir, target, ec);
    if (ec) {
      m_log.error(dir.string(), "cannot_move",
                  "cannot move to " + target.string() + ": " + ec.message());
    } else {
      m_log.info(dir.filename().string() + " -> " + target.string());
    }
    return code;
  }

  const RunConfig& m_config;
  Logger& m_log;
  fs::path m_in;
  std::set<fs::path> m_watched;
};

} // namespace

int run_watch(const RunConfig& config, Logger& log) {
  if (config.inputs.size() != 1) {
    log.error("", "bad_usage", "watch takes one folder, IN");
    return k_exit_usage;
  }
  HotFolder folder(config, log);
  return folder.run();
}

} // namespace sohoa::pipeline
