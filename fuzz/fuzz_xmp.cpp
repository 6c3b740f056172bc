// libFuzzer target: what reads XMP packets back (verify, the PDF/A checks): the
// small XML parser, its unescaping and the XMP / PDF date parser.
#include "pdfsign/xml_lite.hpp"
#include "pdfsign/xmp.hpp"
#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  sohoa::pdf::XmlNode root;
  std::string error;
  (void)sohoa::pdf::parse_xml(text, root, error);
  (void)sohoa::pdf::xml_unescape(text);
  sohoa::pdf::PdfTime time;
  (void)sohoa::pdf::parse_pdf_or_xmp_date(text.substr(0, 64), time);
  return 0;
}
