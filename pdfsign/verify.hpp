#pragma once
// `sohoa verify`: integrity, CMS, PAdES structure, trust, revocation, timestamp,
// later changes and PDF/A markers of every signature in a PDF.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace sohoa::sign {

struct VerifyRequest {
  std::vector<std::filesystem::path> files;
  std::vector<std::filesystem::path> trust;   // PEM files or folders of them (--trust)
  std::vector<std::filesystem::path> crls;    // extra CRL files
  bool json = false;                          // machine report on out
  std::string lang = "vi";                    // "vi" or "en"
};

// Runs the checks and prints the report. Returns the exit code of CONTRACT.md
// section 3: 0 every signature valid, intact and trusted; 1 anything else;
// 2 an unreadable file.
int run_verify(const VerifyRequest& request, std::ostream& out, std::ostream& err);

} // namespace sohoa::sign
