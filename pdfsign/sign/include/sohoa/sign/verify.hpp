#pragma once
// `sohoa verify`: integrity, CMS, PAdES structure, trust, revocation, timestamp,
// later changes and PDF/A markers of every signature in a PDF, as values
// (verify_model.hpp); verify_report.hpp turns them into text or JSON.
#include "sohoa/sign/verify_model.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace sohoa::sign {

struct VerifyRequest {
  std::vector<std::filesystem::path> files;
  std::vector<std::filesystem::path> trust; // PEM files or folders of them (--trust)
  std::vector<std::filesystem::path> crls;  // extra CRL files
};

struct VerifyResult {
  std::vector<FileReport> files; // empty when the trust material is unusable
  // One line each, for stderr: unusable --trust / --crl files, unreadable PDFs.
  std::vector<std::string> errors;
  // CONTRACT.md section 3: 0 every signature valid, intact and trusted; 1 anything
  // else; 2 an unreadable file or unusable trust material.
  int exit_code = 0;
};

// Runs the checks; never throws for a bad file (it becomes an unreadable report).
VerifyResult verify(const VerifyRequest& request);

} // namespace sohoa::sign
