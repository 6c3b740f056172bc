// libFuzzer target: the scanned-PDF reader (PoDoFo parse, page images, filters,
// CCITT, the visible-text scan) on any bytes, with small limits.
#include "sohoa/core/error.hpp"
#include "fuzz/fuzz_input_file.hpp"
#include "sohoa/pdf/pdf_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = sohoa::fuzz::write_input_file(data, size, ".pdf");
  sohoa::DecodeLimits limits;
  limits.max_pixels_per_page = 4'000'000;
  limits.max_pages_per_document = 16;
  try {
    const sohoa::pdf::PdfPageImages images(file, limits);
    for (int i = 1; i <= images.page_count(); ++i) {
      try {
        (void)images.page(i);
      } catch (const sohoa::Error&) {
      }
    }
  } catch (const sohoa::Error&) {
  }
  return 0;
}
