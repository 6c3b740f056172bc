#pragma once
// The CMS SignedData of a PAdES baseline signature (ETSI EN 319 142-1): detached,
// one SignerInfo, SHA-256, signed attributes content-type, message-digest and
// ESS signing-certificate-v2 only (no signing-time), the chain included.
#include "signer_impl.hpp"
#include "tsa_client.hpp"

#include <optional>
#include <string>

namespace sohoa::sign {

struct PadesCms {
  std::string der;
  std::optional<TimestampToken> timestamp; // B-T: id-aa-signatureTimeStampToken
};

// content_digest: SHA-256 (32 raw bytes) of the PDF's signed byte ranges.
// With a tsa_url the SignerInfo's signature value is time-stamped (B-T).
// rsa_pss: RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 32) with a plain RSA key.
// Throws Error(Stage::sign, "signing_failed" | "tsa_unavailable").
PadesCms build_pades_cms(const KeySigner& signer, const std::string& content_digest,
                         const std::string& tsa_url, bool rsa_pss = false);

} // namespace sohoa::sign
