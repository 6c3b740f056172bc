#pragma once
// What the scanner driver process sends its parent on one pipe: each page's pixels,
// an error, or the end of the scan. Binary, host byte order (both ends are the same
// binary on the same machine).
#include <opencv2/core/mat.hpp>
#include <optional>
#include <string>

namespace sohoa::scan::driver {

struct Message {
  enum class Kind : char { page = 'P', error = 'E', end = 'N' };
  Kind kind = Kind::end;
  cv::Mat pixels;   // page: 8-bit grey or BGR
  std::string code; // error: a scanner_* code of core/error_codes.hpp
  std::string text; // error: the message
  int page = 0;     // error: the page it was about, 0 when none
};

// Each returns false when the pipe is closed (the parent went away).
bool write_page(int fd, const cv::Mat& pixels);
bool write_error(int fd, const std::string& code, const std::string& text, int page);
bool write_end(int fd);

// The next message, or nullopt at the pipe's end. A message cut short or out of
// bounds throws sohoa::Error(scanner_error).
std::optional<Message> read_message(int fd);

} // namespace sohoa::scan::driver
