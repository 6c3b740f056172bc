#include "driver_protocol.hpp"
#include "sohoa/core/error.hpp"
#include <cerrno>
#include <cstdint>
#include <unistd.h>

namespace sohoa::scan::driver {

namespace {

// Bounds a page must keep (a 1200 dpi A3 colour page is about 14000 x 20000 x 3).
constexpr std::int32_t k_max_side = 60000;
constexpr std::uint32_t k_max_text = 64 * 1024;

bool write_all(int fd, const void* data, std::size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// Reads size bytes; false at the pipe's end before the first byte, throws when
// the end comes after it.
bool read_all(int fd, void* data, std::size_t size) {
  char* p = static_cast<char*>(data);
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = ::read(fd, p + got, size - got);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      throw Error(Stage::ingest, "scanner_error", "the scanner's driver cannot be read from");
    }
    if (n == 0) {
      if (got == 0) {
        return false;
      }
      throw Error(Stage::ingest, "scanner_error", "the scanner's driver stopped in mid-page");
    }
    got += static_cast<std::size_t>(n);
  }
  return true;
}

void read_exactly(int fd, void* data, std::size_t size) {
  if (!read_all(fd, data, size)) {
    throw Error(Stage::ingest, "scanner_error", "the scanner's driver stopped in mid-message");
  }
}

bool write_text(int fd, const std::string& text) {
  const auto size = static_cast<std::uint32_t>(std::min<std::size_t>(text.size(), k_max_text));
  return write_all(fd, &size, sizeof size) && write_all(fd, text.data(), size);
}

std::string read_text(int fd) {
  std::uint32_t size = 0;
  read_exactly(fd, &size, sizeof size);
  if (size > k_max_text) {
    throw Error(Stage::ingest, "scanner_error", "the scanner's driver sent a malformed message");
  }
  std::string text(size, '\0');
  read_exactly(fd, text.data(), size);
  return text;
}

} // namespace

bool write_page(int fd, const cv::Mat& pixels) {
  const char kind = static_cast<char>(Message::Kind::page);
  const std::int32_t header[3] = {pixels.rows, pixels.cols, pixels.channels()};
  if (!write_all(fd, &kind, 1) || !write_all(fd, header, sizeof header)) {
    return false;
  }
  const std::size_t row_bytes = pixels.cols * pixels.elemSize();
  for (int y = 0; y < pixels.rows; ++y) {
    if (!write_all(fd, pixels.ptr(y), row_bytes)) {
      return false;
    }
  }
  return true;
}

bool write_error(int fd, const std::string& code, const std::string& text, int page) {
  const char kind = static_cast<char>(Message::Kind::error);
  const std::int32_t page_number = page;
  return write_all(fd, &kind, 1) && write_all(fd, &page_number, sizeof page_number) &&
         write_text(fd, code) && write_text(fd, text);
}

bool write_end(int fd) {
  const char kind = static_cast<char>(Message::Kind::end);
  return write_all(fd, &kind, 1);
}

std::optional<Message> read_message(int fd) {
  char kind = 0;
  if (!read_all(fd, &kind, 1)) {
    return std::nullopt;
  }
  Message message;
  switch (static_cast<Message::Kind>(kind)) {
  case Message::Kind::page: {
    std::int32_t header[3] = {0, 0, 0};
    read_exactly(fd, header, sizeof header);
    const auto [rows, cols, channels] = header;
    if (rows <= 0 || cols <= 0 || rows > k_max_side || cols > k_max_side ||
        (channels != 1 && channels != 3)) {
      throw Error(Stage::ingest, "scanner_error", "the scanner's driver sent a malformed page");
    }
    message.kind = Message::Kind::page;
    message.pixels.create(rows, cols, channels == 3 ? CV_8UC3 : CV_8UC1);
    read_exactly(fd, message.pixels.data, message.pixels.total() * message.pixels.elemSize());
    return message;
  }
  case Message::Kind::error: {
    std::int32_t page = 0;
    read_exactly(fd, &page, sizeof page);
    message.kind = Message::Kind::error;
    message.page = page;
    message.code = read_text(fd);
    message.text = read_text(fd);
    return message;
  }
  case Message::Kind::end:
    message.kind = Message::Kind::end;
    return message;
  }
  throw Error(Stage::ingest, "scanner_error", "the scanner's driver sent a malformed message");
}

} // namespace sohoa::scan::driver
