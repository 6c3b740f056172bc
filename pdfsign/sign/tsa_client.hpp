#pragma once
// RFC 3161 time-stamp requests over HTTP, with the reply checked before use.
#include <string>

namespace sohoa::sign {

struct TimestampToken {
  std::string der;        // the TimeStampToken (a CMS ContentInfo)
  long long gen_time = 0; // unix seconds of genTime
};

// Asks the TSA at url to stamp a SHA-256 digest (32 raw bytes). Checks status,
// version, nonce, imprint and the token's signature (against the certificates
// the reply carries; trust in the TSA is judged by the verifier). Throws
// Error(Stage::sign, "tsa_unavailable", reason).
TimestampToken request_timestamp(const std::string& url, const std::string& sha256_digest);

} // namespace sohoa::sign
