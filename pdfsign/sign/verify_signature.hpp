#pragma once
// The cryptographic checks of one signature: integrity, CMS, PAdES structure,
// time-stamp, chain, validity and revocation at the signing time.
#include "openssl_handles.hpp"
#include "sohoa/pdf/signature_scan.hpp"
#include "sohoa/sign/verify_model.hpp"

#include <map>
#include <optional>

namespace sohoa::sign {

struct TrustContext {
  std::vector<X509Ptr> anchors;      // --trust
  bool system_anchors = false;       // no --trust: the system store
  std::vector<X509Ptr> extra_certs;  // from the DSS
  std::vector<X509CrlPtr> crls;      // files, DSS, and fetched ones (cached)
  std::vector<std::string> ocsps;    // OCSP responses (DER) from the DSS
  std::vector<std::string> vri_keys; // the DSS's /VRI entries
  std::map<std::string, bool> fetched_urls;
  bool fetch_crls = true;
  // A fresh store with the anchors; the caller owns it.
  X509_STORE* make_store() const;
};

// bytes: the whole file; revisions: revision_ends(bytes). proof_time: the
// genTime of the next valid document time-stamp, which proves the signature (and
// its time-stamp) existed then: time-stamp certificates are judged at that time
// instead of now, so an expired TSA certificate under a later time-stamp still
// counts (B-LTA).
SignatureReport check_signature(const std::string& bytes, const pdf::RawSignature& raw, int index,
                                const std::vector<long long>& revisions, TrustContext& trust,
                                std::optional<long long> proof_time);

} // namespace sohoa::sign
