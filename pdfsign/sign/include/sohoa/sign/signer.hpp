#pragma once
// PAdES baseline signing: a signer is "a private key handle plus its certificate
// chain", whatever holds the key (PEM files, PKCS#12, a PKCS#11 token).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sohoa::sign {

// Where the key comes from. Secrets never come from the command line: from the
// environment variable secret_env or the file secret_file.
struct SignerSource {
  std::filesystem::path cert_pem;  // --sign-cert (may hold the chain after the leaf)
  std::filesystem::path key_pem;   // --sign-key
  std::filesystem::path chain_pem; // optional extra chain certificates
  std::filesystem::path p12;       // --sign-p12
  std::string pkcs11_uri;          // --pkcs11-uri
  std::string pkcs11_module;       // --pkcs11-module or $SOHOA_PKCS11_MODULE
  std::string secret_env = "SOHOA_SIGN_PASSPHRASE"; // pass phrase / PIN variable
  std::filesystem::path secret_file;                // --sign-secret-file
};

struct CertificateSummary {
  std::string subject; // RFC 2253
  std::string issuer;
  std::string serial_hex;
  std::string sha256_fingerprint; // lower-case hex of the DER
  std::string not_before;         // ISO 8601 UTC
  std::string not_after;
};

class Signer {
public:
  virtual ~Signer() = default;
  virtual CertificateSummary certificate() const = 0;
};

// Throws sohoa::Error(Stage::sign, "signer_unavailable", ...) with the reason.
std::shared_ptr<const Signer> load_signer(const SignerSource& source);

struct SignOptions {
  std::string tsa_url;             // B-T when set
  bool ltv = false;                // B-LT/B-LTA: DSS + document timestamp (needs tsa_url)
  bool visible = false;            // NĐ 30/2020 PL I copy stamp, top right of page 1
  std::string copy_form = "SAO Y"; // "SAO Y", "SAO LỤC", "TRÍCH SAO"
  std::string agency_name;
  std::string reason;
  std::string location;
  std::optional<long long> signing_time; // unix seconds; now when empty (tests fix it)
  bool rsa_pss = false;                  // RSA keys sign RSASSA-PSS (RSA-PSS keys always do)
  // --ltv: CRL files for the DSS; without a matching one the CRL is fetched from
  // the certificate's distribution points.
  std::vector<std::filesystem::path> ltv_crls;
};

struct SignResult {
  std::string level;          // "B-B", "B-T", "B-LT", "B-LTA"
  std::string signing_time;   // ISO 8601, Vietnam time
  std::string timestamp_time; // from the TSA token, empty without one
  long long bytes_added = 0;
};

// Appends a signature to the PDF at path as an incremental update (the file as
// it was stays a byte-exact prefix). Throws sohoa::Error(Stage::sign, ...):
// "tsa_unavailable" when the TSA cannot be reached or answers badly;
// with ltv: "ltv_needs_tsa", "revocation_unavailable" (no CRL for a certificate).
SignResult sign_pdf(const std::filesystem::path& path, const Signer& signer,
                    const SignOptions& options);

std::string openssl_version();

} // namespace sohoa::sign
