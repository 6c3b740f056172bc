#pragma once
// The PoDoFo side of signing: prepare a signature field in an incremental
// update, reserve /Contents, and patch in the CMS once the byte ranges are known.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <vector>
#include <string>

namespace PoDoFo {
class PdfMemDocument;
} // namespace PoDoFo

namespace sohoa::sign {

struct SignatureFieldSpec {
  bool document_timestamp = false; // /Type /DocTimeStamp /SubFilter /ETSI.RFC3161
  std::string reason;
  std::string location;
  long long signing_time = 0;      // /M, unix seconds (written in Vietnam time)
  size_t contents_size = 8192;     // bytes reserved for the DER
  // Visible appearance: the stamp's lines; empty = invisible widget.
  std::vector<std::string> stamp_lines;
};

// Loads the PDF at path for update, adds the field, writes the update in memory
// and calls make_contents with the SHA-256 of the two byte ranges; its DER is
// patched into /Contents. Returns the complete new file (original bytes first).
// Throws Error(Stage::sign, "signing_failed" | "not_a_pdf").
std::string write_signed_update(const std::filesystem::path& path,
                                const SignatureFieldSpec& spec,
                                const std::function<std::string(const std::string&)>&
                                    make_contents);

// An incremental update without a signature (e.g. the DSS): edit changes the
// loaded document; returns the complete new file. Throws Error(Stage::sign).
std::string write_plain_update(const std::filesystem::path& path,
                               const std::function<void(PoDoFo::PdfMemDocument&)>& edit);

} // namespace sohoa::sign
