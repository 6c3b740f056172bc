#pragma once
// The package's XML files, built with libxml2. Internal to archive/.
#include "dossier_model.hpp"

#include <string>
#include <vector>

namespace sohoa::archive {

inline constexpr const char* k_mets_ns = "http://www.loc.gov/METS/";
inline constexpr const char* k_premis_ns = "http://www.loc.gov/premis/v3";
inline constexpr const char* k_xlink_ns = "http://www.w3.org/1999/xlink";
inline constexpr const char* k_xsi_ns = "http://www.w3.org/2001/XMLSchema-instance";
inline constexpr const char* k_csip_ns = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
// The archival metadata of TT 05/2025 PL III has no XML schema of its own: a
// namespace of the project's, element names as the circular's field names.
inline constexpr const char* k_archival_ns = "urn:sohoa:archival:tt05-2025:1";

// Dossier level and one <document> per packaged document (STANDARDS.md section 7).
std::string descriptive_xml(const ArchivedDossier& dossier);

// Objects (the PDF/A files, with fixity), events (digitization, OCR, signing)
// and the agents that did them.
std::string premis_xml(const ArchivedDossier& dossier, const std::string& created_at);

// A file of the package as METS lists it.
struct PackagedFile {
  std::string href; // relative to the package root, '/' separated
  std::string mime;
  std::string sha256;
  long long size = 0;
  std::string created; // ISO 8601
};

struct MetsInput {
  const ArchivedDossier* dossier = nullptr;
  std::string created_at;
  PackagedFile descriptive;
  PackagedFile preservation;
  std::vector<PackagedFile> documents; // parallel to dossier->documents
};

std::string mets_xml(const MetsInput& input);

} // namespace sohoa::archive
