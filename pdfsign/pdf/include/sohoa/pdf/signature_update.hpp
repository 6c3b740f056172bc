#pragma once
// The PDF side of signing, as values: an incremental update with a signature
// field whose /Contents is a zero-filled placeholder, the DER patched in once the
// caller has signed the byte ranges, and the DSS update (DER blobs in, bytes out).
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace sohoa::pdf {

struct SignatureFieldSpec {
  bool document_timestamp = false; // /Type /DocTimeStamp /SubFilter /ETSI.RFC3161
  std::string reason;
  std::string location;
  long long signing_time = 0;  // /M, unix seconds (written in Vietnam time)
  size_t contents_size = 8192; // bytes reserved for the DER
  // Visible appearance: the stamp's lines; empty = invisible widget.
  std::vector<std::string> stamp_lines;
};

// The complete new file (original bytes first) with the placeholder in place.
struct PreparedSignature {
  std::string bytes;
  // /ByteRange as written and checked: [0, range[1]) and [range[2], range[2] + range[3])
  // are what the signature covers; the gap between them is /Contents.
  long long range[4] = {0, 0, 0, 0};
  size_t contents_offset = 0; // the '<' of /Contents
  size_t contents_length = 0; // from '<' to '>' inclusive
};

// Loads the PDF at path for update and adds the field. Throws
// Error(Stage::sign, "signing_failed" | "not_a_pdf").
PreparedSignature prepare_signature_update(const std::filesystem::path& path,
                                           const SignatureFieldSpec& spec);

// Writes der, hex, into the placeholder (zero padded) and returns the file.
// Throws Error(Stage::sign, "signing_failed") when it does not fit.
std::string fill_signature_contents(PreparedSignature prepared, const std::string& der);

// Validation data for the catalog's /DSS (PAdES, ETSI EN 319 142-1 5.4): DER
// blobs, and per signature a /VRI entry naming the blobs used for it.
struct DssUpdate {
  std::vector<std::string> certs;
  std::vector<std::string> crls;
  std::vector<std::string> ocsps; // OCSPResponse, DER
  struct Vri {
    std::string key; // upper-case hex SHA-1 of the signature's /Contents bytes
    std::vector<size_t> certs, crls, ocsps; // indexes into the lists above
  };
  std::vector<Vri> vri;
};

// An incremental update writing a new /DSS that keeps every entry of the current
// one (a blob already there is referred to, not copied) and adds `update`.
// Returns the complete new file. Throws Error(Stage::sign).
std::string write_dss_update(const std::filesystem::path& path, const DssUpdate& update);

} // namespace sohoa::pdf
