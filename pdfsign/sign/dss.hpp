#pragma once
// B-LT: the Document Security Store (catalog /DSS with /Certs, /CRLs, /OCSPs and
// a /VRI entry per signature) so the signature can be validated later without
// the network; B-LTA: a document time-stamp over everything in a later update.
#include "openssl_handles.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace sohoa::sign {

// DER blobs a validator needs for some certificates.
struct ValidationData {
  std::vector<std::string> certs;
  std::vector<std::string> crls;
  std::vector<std::string> ocsps;
};

// Every certificate of certs and, for each one but a root, its revocation
// status: an OCSP response from the responder its AIA names (when its issuer is
// among certs) and a CRL from crl_files when one matches, else fetched from its
// distribution points when OCSP gave nothing. Throws Error(Stage::sign,
// "revocation_unavailable") naming the certificate and every reason when it has
// neither.
ValidationData collect_validation_data(const std::vector<X509*>& certs,
                                       const std::vector<std::filesystem::path>& crl_files);

// The certificates a time-stamp token carries (the TSA's and its chain), owned.
X509StackPtr token_certificates(const std::string& token_der);

// The /VRI key of a signature: upper-case hex SHA-1 of its /Contents bytes
// (padding included, as the string is stored).
std::string vri_key(const std::string& contents);

// Writes the DSS update adding data (kept with what the DSS already holds) and a
// /VRI entry for the signature whose /Contents bytes are signature_contents.
void add_dss(const std::filesystem::path& path, const ValidationData& data,
             const std::string& signature_contents);

// Appends a document time-stamp (/Type /DocTimeStamp /SubFilter /ETSI.RFC3161).
// Returns the token's genTime. Throws Error(Stage::sign, "tsa_unavailable").
long long add_document_timestamp(const std::filesystem::path& path, const std::string& tsa_url);

} // namespace sohoa::sign
