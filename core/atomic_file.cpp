#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace sohoa {
namespace {

std::string errno_text() { return std::strerror(errno); }

void fsync_path(const std::filesystem::path& path, bool directory) {
  const int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) {
    throw Error(Stage::output, "io_error", "cannot open for fsync: " + errno_text(), path.string());
  }
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) {
    throw Error(Stage::output, "io_error", "fsync failed: " + errno_text(), path.string());
  }
}

} // namespace

std::filesystem::path temp_path_for(const std::filesystem::path& target) {
  static std::atomic<unsigned> counter{0};
  auto name = "." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
              std::to_string(counter++);
  return target.parent_path() / name;
}

void commit_file_atomic(const std::filesystem::path& temp, const std::filesystem::path& target) {
  fsync_path(temp, false);
  std::error_code ec;
  std::filesystem::rename(temp, target, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    throw Error(Stage::output, "io_error", "cannot move into place: " + ec.message(),
                target.string());
  }
  fsync_path(target.parent_path().empty() ? "." : target.parent_path(), true);
}

void write_file_atomic(const std::filesystem::path& path, std::string_view bytes) {
  const auto temp = temp_path_for(path);
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw Error(Stage::output, "io_error", "cannot create: " + errno_text(), temp.string());
    }
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(temp, ec);
      throw Error(Stage::output, "io_error", "write failed (disk full?)", path.string());
    }
  }
  commit_file_atomic(temp, path);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(Stage::ingest, "unreadable_file", "cannot open: " + errno_text(), path.string());
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

} // namespace sohoa
