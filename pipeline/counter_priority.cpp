#include "sohoa/pipeline/counter_priority.hpp"
#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace sohoa::pipeline {
namespace fs = std::filesystem;

namespace {

int open_lock_file(const fs::path& lock_file) {
  // 0666: every user's batch on the machine must be able to take the lock.
  return ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
}

int flock_retrying(int fd, int operation) {
  int rc = 0;
  do {
    rc = ::flock(fd, operation);
  } while (rc != 0 && errno == EINTR);
  return rc;
}

} // namespace

fs::path counter_priority_lock_path() {
  if (const char* env = std::getenv("SOHOA_PRIORITY_LOCK"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec);
  if (ec) {
    dir = "/tmp";
  }
  return dir / "sohoa-counter-priority.lock";
}

CounterTurn::CounterTurn(const fs::path& lock_file) : m_fd(open_lock_file(lock_file)) {
  if (m_fd >= 0 && flock_retrying(m_fd, LOCK_SH) != 0) {
    ::close(m_fd);
    m_fd = -1; // no priority then, but the counter still works
  }
}

CounterTurn::~CounterTurn() {
  if (m_fd >= 0) {
    ::close(m_fd); // closing the descriptor releases the lock
  }
}

void yield_to_counter(const fs::path& lock_file) {
  const int fd = open_lock_file(lock_file);
  if (fd < 0) {
    return;
  }
  // Blocks while any counter holds its shared lock; new counter dossiers can still
  // take theirs meanwhile (flock grants shared locks past a waiting exclusive one).
  if (flock_retrying(fd, LOCK_EX) == 0) {
    flock_retrying(fd, LOCK_UN);
  }
  ::close(fd);
}

} // namespace sohoa::pipeline
