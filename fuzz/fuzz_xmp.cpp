// libFuzzer target: what reads XMP packets back (verify, the PDF/A checks): the
// namespace-aware XMP reader (libxml2), the packet finder and the XMP / PDF date
// parser.
#include "pdfsign/pdf/xmp.hpp"
#include "sohoa/pdf/xmp_reader.hpp"
#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::string error;
  if (const auto packet = sohoa::pdf::parse_xmp(text, error)) {
    (void)sohoa::pdf::pdfa_identification(*packet);
  }
  (void)sohoa::pdf::find_xmp_packets(text);
  sohoa::pdf::PdfTime time;
  (void)sohoa::pdf::parse_pdf_or_xmp_date(text.substr(0, 64), time);
  return 0;
}
