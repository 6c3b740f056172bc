#include "pixel_fingerprint.hpp"
#include <cstring>

namespace sohoa::ocr {
namespace {

// FNV-1a over 64-bit words: a few milliseconds for a 300-dpi page.
constexpr std::uint64_t k_offset = 14695981039346656037ULL;
constexpr std::uint64_t k_prime = 1099511628211ULL;

std::uint64_t mix(std::uint64_t hash, std::uint64_t value) {
  return (hash ^ value) * k_prime;
}

} // namespace

std::uint64_t pixel_fingerprint(const cv::Mat& image) {
  std::uint64_t hash = k_offset;
  hash = mix(hash, static_cast<std::uint64_t>(image.rows));
  hash = mix(hash, static_cast<std::uint64_t>(image.cols));
  hash = mix(hash, static_cast<std::uint64_t>(image.type()));
  if (image.dims != 2) {
    return hash;
  }
  const std::size_t row_bytes = static_cast<std::size_t>(image.cols) * image.elemSize();
  for (int y = 0; y < image.rows; ++y) {
    const auto* row = image.ptr<unsigned char>(y);
    std::size_t i = 0;
    for (; i + 8 <= row_bytes; i += 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, row + i, 8);
      hash = mix(hash, word);
    }
    for (; i < row_bytes; ++i) {
      hash = mix(hash, row[i]);
    }
  }
  return hash;
}

} // namespace sohoa::ocr
