#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/name_text.hpp"
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace sohoa {
namespace {

constexpr std::string_view k_temp_marker = ".tmp-";

std::string errno_text(int error) {
  return std::strerror(error);
}

// A file descriptor closed on scope exit.
class Fd {
public:
  explicit Fd(int fd) : m_fd(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }
  int get() const { return m_fd; }
  // Closes now: close(2) may report a deferred write error (NFS, quota).
  int close() {
    const int rc = ::close(m_fd);
    m_fd = -1;
    return rc;
  }

private:
  int m_fd;
};

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& file, int error) {
  const std::string shown = escape_invalid_utf8(final_path_for(file).string());
  throw Error(Stage::output, "write_failed", what + " " + shown + ": " + errno_text(error), shown);
}

void fsync_path(const std::filesystem::path& path, bool directory) {
  Fd fd(::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY));
  if (fd.get() < 0) {
    fail("cannot open for fsync", path, errno);
  }
  if (::fsync(fd.get()) != 0) {
    fail("cannot flush to disk", path, errno);
  }
}

} // namespace

std::filesystem::path temp_path_for(const std::filesystem::path& target) {
  static std::atomic<unsigned> counter{0};
  auto name = "." + target.filename().string() + std::string(k_temp_marker) +
              std::to_string(::getpid()) + "-" + std::to_string(counter++);
  return target.parent_path() / name;
}

std::filesystem::path final_path_for(const std::filesystem::path& path) {
  std::string name = path.filename().string();
  // A temp of a temp (the signer rewrites the writer's temp file): strip every level.
  for (;;) {
    const auto marker = name.rfind(k_temp_marker);
    if (name.size() < 2 || name[0] != '.' || marker == std::string::npos || marker < 2) {
      break;
    }
    name = name.substr(1, marker - 1);
  }
  return path.parent_path() / name;
}

bool is_temp_path(const std::filesystem::path& path) {
  return final_path_for(path) != path;
}

void remove_temp_files(const std::filesystem::path& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (is_temp_path(entry.path())) {
      std::error_code ignored;
      std::filesystem::remove_all(entry.path(), ignored);
    }
  }
}

TempBeside::~TempBeside() {
  if (!m_committed) {
    std::error_code ignored;
    std::filesystem::remove_all(m_temp, ignored);
  }
}

void TempBeside::commit() {
  std::error_code ec;
  if (std::filesystem::is_directory(m_temp, ec)) {
    if (::rename(m_temp.c_str(), m_target.c_str()) != 0) {
      fail("cannot move into place", m_target, errno);
    }
    fsync_path(m_target.parent_path().empty() ? "." : m_target.parent_path(), true);
  } else {
    commit_file_atomic(m_temp, m_target);
  }
  m_committed = true;
}

void write_file_bytes(const std::filesystem::path& file, std::string_view bytes) {
  Fd fd(::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (fd.get() < 0) {
    fail("cannot create", file, errno);
  }
  const auto remove_and_fail = [&](const char* what, int error) {
    std::error_code ec;
    std::filesystem::remove(file, ec);
    fail(what, file, error);
  };
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd.get(), bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      remove_and_fail("cannot write", n < 0 ? errno : ENOSPC);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd.get()) != 0) {
    remove_and_fail("cannot flush to disk", errno);
  }
  if (fd.close() != 0) {
    remove_and_fail("cannot close", errno);
  }
}

namespace {

// Renames a temp file whose bytes are already on disk, then makes the new name durable.
void commit_synced_file(const std::filesystem::path& temp, const std::filesystem::path& target) {
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const int error = errno;
    std::error_code ec;
    std::filesystem::remove(temp, ec);
    fail("cannot move into place", target, error);
  }
  fsync_path(target.parent_path().empty() ? "." : target.parent_path(), true);
}

} // namespace

void commit_file_atomic(const std::filesystem::path& temp, const std::filesystem::path& target) {
  fsync_path(temp, false); // written by someone else: its bytes may still be in the cache
  commit_synced_file(temp, target);
}

void write_file_atomic(const std::filesystem::path& path, std::string_view bytes) {
  const auto temp = temp_path_for(path);
  write_file_bytes(temp, bytes); // fsynced: no second flush before the rename
  commit_synced_file(temp, path);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(Stage::ingest, "unreadable_file", "cannot open: " + errno_text(errno),
                escape_invalid_utf8(path.string()));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

} // namespace sohoa
