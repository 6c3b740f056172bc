#pragma once
// PAdES B-LTA renewal: before the last document time-stamp's certificate (or its
// algorithms) ages out, the validation data of that time-stamp goes into the DSS
// and a new document time-stamp covers everything, so each time-stamp vouches
// for the one before it.
#include <filesystem>
#include <string>
#include <vector>

namespace sohoa::sign {

struct RenewalOptions {
  std::string tsa_url;                     // the new time-stamp's TSA
  std::vector<std::filesystem::path> crls; // CRL files, as for --ltv
};

struct RenewalResult {
  bool renewed = false;
  std::string not_renewed_reason; // why the file is not B-LTA (left as it is)
  std::string timestamp_time;     // the new time-stamp's genTime, Vietnam time
  int document_timestamps = 0;    // in the file afterwards
  long long bytes_added = 0;
};

// To a PDF whose last revision is a document time-stamp over a signed, DSS-bearing
// file, adds (an incremental update each) the TSA certificates of that
// time-stamp with their OCSP/CRL data and a /VRI entry for it, then a new
// document time-stamp. The file is replaced whole at the end, so a failure
// leaves it as it was. Any other PDF is left alone with the reason. Throws
// Error(Stage::sign, "unreadable_pdf" | "tsa_unavailable" | "revocation_unavailable").
RenewalResult renew_document_timestamp(const std::filesystem::path& path,
                                       const RenewalOptions& options);

} // namespace sohoa::sign
