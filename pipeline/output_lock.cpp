#include "sohoa/pipeline/output_lock.hpp"
#include "sohoa/core/error.hpp"
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace sohoa::pipeline {

OutputLock::OutputLock(const std::filesystem::path& out, const std::string& name) {
  const auto file = out / ("." + name + ".lock");
  m_fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (m_fd < 0 && (errno == EROFS || errno == EACCES)) {
    // flock needs no write access: a lock file an earlier run made is locked as is.
    m_fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0 && errno == ENOENT) {
      // No lock file, and none can be made here: then no process can write the
      // report either, so there is no row to lose. The run goes on and its dossiers
      // fail with the reason when their outputs cannot be written.
      return;
    }
  }
  if (m_fd < 0) {
    throw Error(Stage::output, "output_unwritable",
                std::string("cannot create the lock file: ") + std::strerror(errno), file.string());
  }
  if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(m_fd);
    m_fd = -1;
    if (err == EWOULDBLOCK) {
      throw Error(Stage::config, "output_in_use",
                  "another sohoa process is writing " + (out / name).string() +
                      " (give each process its own --shard, or wait for it)",
                  file.string());
    }
    throw Error(Stage::output, "output_unwritable",
                std::string("cannot lock: ") + std::strerror(err), file.string());
  }
}

OutputLock::~OutputLock() {
  if (m_fd >= 0) {
    ::close(m_fd); // releases the flock
  }
}

} // namespace sohoa::pipeline
