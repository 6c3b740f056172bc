#pragma once
// What `sohoa verify` finds, as values: per file, per signature, per check.
// The checks fill these; verify_report.hpp turns them into text or JSON.
#include <filesystem>
#include <string>
#include <vector>

namespace sohoa::sign {

enum class CheckStatus { ok, warning, failed };

struct Text { // every message in both report languages
  std::string vi;
  std::string en;
};

struct Check {
  std::string id; // integrity, cms, pades, trust, validity,
                  // revocation, timestamp, changes, ltv
  CheckStatus status = CheckStatus::ok;
  Text detail;
};

struct SignatureReport {
  int index = 0;
  bool document_timestamp = false;
  std::string sub_filter;
  std::string level;       // B-B, B-T, B-LT, B-LTA; empty when unknown
  std::string signer_name; // CN
  std::string signer_subject;
  std::string issuer_name;
  std::string serial_hex;
  std::string claimed_time;     // /M
  std::string timestamp_time;   // genTime, Vietnam time
  long long timestamp_unix = 0; // genTime, unix seconds (0: none)
  std::string validation_time;  // the time the chain was judged at
  long long covered_end = 0;    // bytes covered (the revision end)
  std::vector<Check> checks;
  bool valid() const {
    for (const auto& check : checks) {
      if (check.status == CheckStatus::failed) {
        return false;
      }
    }
    return !checks.empty();
  }
};

struct FileReport {
  std::filesystem::path file;
  bool readable = true;
  std::string error; // why not readable
  long long size = 0;
  std::vector<SignatureReport> signatures;
  std::vector<Check> pdfa; // PDF/A markers
  bool valid() const {
    if (!readable || signatures.empty()) {
      return false;
    }
    for (const auto& sig : signatures) {
      if (!sig.valid()) {
        return false;
      }
    }
    return true;
  }
};

// PDF/A markers of the XMP (pdfaid:part / conformance) as checks
// (verify_pdfa.cpp).
std::vector<Check> pdfa_markers(const std::string& bytes);

} // namespace sohoa::sign
