#pragma once
// B-LT: the Document Security Store (catalog /DSS with /Certs and /CRLs) so the
// signature can be validated later without the network; B-LTA: a document
// time-stamp over everything in a later update.
#include "openssl_handles.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace sohoa::sign {

// Writes the DSS update holding certs and, for each certificate but the root,
// a CRL: from crl_files when one matches, else fetched from its distribution
// points. Throws Error(Stage::sign, "revocation_unavailable") when a
// certificate's status cannot be had.
void add_dss(const std::filesystem::path& path, const std::vector<X509*>& certs,
             const std::vector<std::filesystem::path>& crl_files);

// Appends a document time-stamp (/Type /DocTimeStamp /SubFilter /ETSI.RFC3161).
// Returns the token's genTime. Throws Error(Stage::sign, "tsa_unavailable").
long long add_document_timestamp(const std::filesystem::path& path, const std::string& tsa_url);

} // namespace sohoa::sign
