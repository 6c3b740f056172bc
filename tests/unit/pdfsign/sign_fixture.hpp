#pragma once
// Shared test infrastructure for signing: the test PKI (made once per process
// with the openssl CLI), a loopback TSA, commands, and small test PDFs.
#include "sohoa/sign/signer.hpp"
#include <filesystem>
#include <vector>
#include <string>

namespace sohoa::test {

struct CommandResult {
  int status = -1;
  std::string output; // stdout and stderr
};

// Runs a shell command with a time limit, capturing its output.
CommandResult run_command(const std::string& command, int timeout_s = 60);

// The test PKI of tests/unit/pdfsign/pki/make-test-pki.sh, built on first use.
const std::filesystem::path& test_pki();

// An NSS database trusting the test root (for pdfsig), built on first use.
const std::filesystem::path& nss_db();

// The loopback TSA (tsa_server.py), started on first use, stopped at exit.
std::string tsa_url();

// A one-page PDF with an uncompressed image stream, an uncompressed text layer
// ("sohoa test text layer"), an XMP packet claiming PDF/A-2B and an Info /ModDate.
void make_test_pdf(const std::filesystem::path& path);

std::string file_bytes(const std::filesystem::path& path);
void write_bytes(const std::filesystem::path& path, const std::string& bytes);

// The PEM key and certificate test_pki() made for name (e.g. "signer-rsa").
sign::SignerSource pem_source(const std::string& name);

struct VerifyOutcome {
  int code = -1;
  std::string text; // report and errors
};
// sohoa verify on files, trusting the test root, with its CRLs when with_crls.
VerifyOutcome verify_files(const std::vector<std::filesystem::path>& files, bool with_crls,
                           const std::string& lang, bool json);

} // namespace sohoa::test
