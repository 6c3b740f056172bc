#pragma once
// Signing infrastructure for the end-to-end tests of the real binary: the test PKI
// (tests/unit/pdfsign/pki/make-test-pki.sh), the loopback TSA (tsa_server.py), an
// NSS database for pdfsig, a SoftHSM2 token, and checks on signed outputs.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sohoa::test::e2esign {

// The test PKI, made once per process.
const std::filesystem::path& pki();

// An NSS database trusting the test root, made once per process.
const std::filesystem::path& nss_db();

// The loopback TSA's URL; the server starts on first use and stops at exit.
std::string tsa_url();

// Every *.pdf below dir, sorted.
std::vector<std::filesystem::path> pdfs_under(const std::filesystem::path& dir);

struct PdfsigSummary {
  int signatures = 0; // "Signature #N" entries
  int valid = 0;      // "Signature is Valid."
  int trusted = 0;    // "Certificate is Trusted."
  std::string text;   // the whole output, for messages
};
PdfsigSummary pdfsig(const std::filesystem::path& pdf);

// A SoftHSM2 token holding a P-256 key and its certificate from the test PKI's
// issuing CA. Empty when softhsm2 or the pkcs11 engine is not installed.
struct Token {
  std::string env;     // "SOFTHSM2_CONF=..." for every process touching it
  std::string module;  // the PKCS#11 module
  std::string key_uri; // pkcs11: URI of the private key
  std::string pin;
};
std::optional<Token> make_softhsm_token(const std::filesystem::path& dir);

// Lower-case hex digits only, leading zeros dropped: serials and fingerprints
// compare equal whatever colons, case or padding each tool uses.
std::string normalise_hex(const std::string& text);

// `openssl x509 -noout FLAGS...` of the first certificate in pem, after the '='.
std::string x509_field(const std::filesystem::path& pem, const std::vector<std::string>& flags);

} // namespace sohoa::test::e2esign
