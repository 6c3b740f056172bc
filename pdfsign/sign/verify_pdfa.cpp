// The PDF/A claim of a signed file, as verify reports it: read from the newest
// XMP packet that uses the PDF/A id schema, by namespace URI (sohoa::pdf's reader).
#include "sohoa/pdf/xmp_reader.hpp"
#include "sohoa/sign/verify_model.hpp"

#include <cctype>

namespace sohoa::sign {

std::vector<Check> pdfa_markers(const std::string& bytes) {
  const std::vector<std::string> packets = pdf::find_xmp_packets(bytes);
  for (auto it = packets.rbegin(); it != packets.rend(); ++it) {
    if (it->find(pdf::k_xmp_ns_pdfaid) == std::string::npos) {
      continue;
    }
    std::string error;
    const std::optional<pdf::XmpPacket> packet = pdf::parse_xmp(*it, error);
    if (!packet) {
      return {Check{"pdfa",
                    CheckStatus::warning,
                    {"Không đọc được XMP khai báo PDF/A: " + error,
                     "The XMP claiming PDF/A cannot be read: " + error}}};
    }
    const pdf::PdfAIdentification id = pdf::pdfa_identification(*packet);
    if (id.part.size() != 1 || std::isdigit(static_cast<unsigned char>(id.part[0])) == 0 ||
        id.conformance.size() != 1 ||
        std::isalpha(static_cast<unsigned char>(id.conformance[0])) == 0) {
      return {Check{"pdfa",
                    CheckStatus::warning,
                    {"Khai báo PDF/A trong XMP không đầy đủ (thiếu part hoặc conformance)",
                     "Incomplete PDF/A claim in XMP (part or conformance missing)"}}};
    }
    const std::string name =
        "PDF/A-" + id.part +
        static_cast<char>(std::toupper(static_cast<unsigned char>(id.conformance[0])));
    return {Check{
        "pdfa",
        CheckStatus::ok,
        {"Khai báo " + name + " trong XMP (chỉ kiểm tra khai báo, không phải kiểm định đầy đủ)",
         name + " claimed in XMP (the claim only; not a full validation)"}}};
  }
  return {Check{"pdfa",
                CheckStatus::warning,
                {"Tệp không khai báo PDF/A trong XMP", "The file claims no PDF/A conformance"}}};
}

} // namespace sohoa::sign
