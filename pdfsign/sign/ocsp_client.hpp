#pragma once
// OCSP (RFC 6960): asking a certificate's responder for its status when signing,
// and reading a stored response back when verifying (offline, from the DSS).
#include <openssl/x509.h>

#include <optional>
#include <string>
#include <vector>

namespace sohoa::sign {

// The responder URLs of cert's Authority Information Access (id-ad-ocsp).
std::vector<std::string> ocsp_urls(X509* cert);

enum class OcspCertStatus { not_about_it, invalid, good, revoked, unknown };

struct OcspAnswer {
  OcspCertStatus status = OcspCertStatus::not_about_it;
  long long produced_at = 0;
  long long this_update = 0;
  long long next_update = 0; // 0 when the responder gave none
  long long revoked_at = 0;  // when status is revoked
  std::string problem;       // when invalid
};

// What the DER OCSPResponse says of cert (issued by issuer): not_about_it when it
// holds no status for cert; invalid when it is not a successful response signed by
// the issuer or by a responder the issuer delegated (id-kp-OCSPSigning), judged at
// the response's own producedAt so an old response still reads once its
// responder certificate has expired.
OcspAnswer read_ocsp_response(const std::string& der, X509* cert, X509* issuer);

// Asks every responder of cert's AIA in turn, with a nonce. Returns the DER of
// the first response that is valid, fresh and says good or revoked; nullopt with
// the reasons in error otherwise (no responder named, unreachable, bad answer).
// Never throws.
std::optional<std::string> fetch_ocsp(X509* cert, X509* issuer, std::string& error);

} // namespace sohoa::sign
