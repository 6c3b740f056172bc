// libFuzzer target: the PNG/JPEG header parsers (size, density, Exif) on any bytes.
// A sohoa::Error is a correct answer to bad input; anything else (a crash, an
// out-of-bounds read under ASan, another exception) is a bug.
#include "sohoa/core/error.hpp"
#include "pipeline/decode_density.hpp"
#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  using namespace sohoa::pipeline;
  try {
    (void)parse_png_header(bytes, "fuzz.png");
  } catch (const sohoa::Error&) {
  }
  try {
    (void)parse_jpeg_header(bytes, "fuzz.jpg");
  } catch (const sohoa::Error&) {
  }
  // The payload parsers directly, so the fuzzer need not build valid framing (or PNG
  // CRCs) to reach them.
  (void)parse_png_phys(bytes);
  (void)parse_jfif_density(bytes);
  (void)parse_exif(bytes);
  return 0;
}
