#pragma once
// The checks verify builds from the PDF structure after a signature: later
// changes (sohoa::pdf's revision diff) and the DSS's certificates and CRLs.
#include "verify_signature.hpp"
#include "sohoa/sign/verify_model.hpp"

#include <string>

namespace sohoa::sign {

// covered_end: where the signature's revision ends.
Check check_later_changes(const std::string& bytes, long long covered_end);

// Adds the /DSS /Certs and /CRLs of the whole file to trust. Returns whether a
// DSS was found.
bool add_dss_to_trust(const std::string& bytes, TrustContext& trust);

} // namespace sohoa::sign
