#pragma once
// What happened to a PDF after a signature: the later revisions may only add
// what PAdES allows (DSS, document time-stamps, further signatures). Also reads
// the DSS (certificates, CRLs) for the trust checks. PoDoFo parses, never loads
// the document as a whole (Load would stamp /ModDate, trap 2).
#include "pdfsign/verify_model.hpp"
#include "pdfsign/verify_signature.hpp"

namespace sohoa::sign {

// covered_end: where the signature's revision ends.
Check check_later_changes(const std::string& bytes, long long covered_end);

// Adds the /DSS /Certs and /CRLs of the whole file to trust. Returns whether a
// DSS was found.
bool read_dss(const std::string& bytes, TrustContext& trust);

} // namespace sohoa::sign
