#pragma once
// The XMP packet of our PDF/A files, and the date formats shared by XMP and
// the Info dictionary, so both are filled from one model. Private to sohoa::pdf.
#include "sohoa/pdf/pdfa_writer.hpp"

#include <ctime>
#include <string>

namespace sohoa::pdf {

inline constexpr const char* k_sohoa_ns = "https://sohoa.vn/ns/1.0/";

// A moment with the offset it is shown in.
struct PdfTime {
  std::time_t utc = 0;
  int offset_minutes = 0;
};

// "2026-11-22T18:05:00+07:00" (XMP) and "D:20261122180500+07'00'" (Info).
std::string xmp_date(const PdfTime& t);
std::string info_date(const PdfTime& t);
// Parses either form (XMP with or without seconds, offset or Z; PDF "D:...").
bool parse_pdf_or_xmp_date(const std::string& text, PdfTime& out);

struct XmpInput {
  PdfAPart part = PdfAPart::a2b;
  const LegalMetadata* metadata = nullptr;
  std::string producer;
  std::string creator_tool;
  std::string create_date; // XMP form
  std::string document_id; // "uuid:..."
  std::string instance_id;
};

std::string build_xmp(const XmpInput& input);

} // namespace sohoa::pdf
