// libFuzzer target: the TIFF reader (directory walk, page count, strip and tile
// decoding, damage notes) on any bytes, with small limits so a large claimed page
// cannot exhaust memory. A sohoa::Error is a correct answer to bad input.
#include "sohoa/core/error.hpp"
#include "fuzz/fuzz_input_file.hpp"
#include "pipeline/decode_tiff.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = sohoa::fuzz::write_input_file(data, size, ".tif");
  sohoa::pipeline::IngestLimits limits;
  limits.max_pixels_per_page = 4'000'000;
  limits.max_pages_per_document = 16;
  try {
    const auto source = sohoa::pipeline::open_tiff(file, "fuzz.tif", 300, limits);
    while (source->next()) {
    }
  } catch (const sohoa::Error&) {
  }
  return 0;
}
