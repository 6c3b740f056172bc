#pragma once
// E-ARK CSIP submission packages of digitized dossiers (CONTRACT.md section 7):
// METS.xml at the root with SHA-256 checksums of every file, descriptive
// metadata of TT 05/2025 (STANDARDS.md section 7), PREMIS preservation metadata,
// and the PDF/A files under representations/rep1/data/.
#include <filesystem>
#include <string>
#include <vector>

namespace sohoa::archive {

struct PackageOptions {
  std::filesystem::path dossier_dir; // OUT/<dossier_id> of a complete run
  std::filesystem::path sip_dir;     // created; must not exist or be empty
  std::string created_at;            // ISO 8601 with offset: METS and PREMIS dates
};

struct PackageSummary {
  std::string file_code;     // mã hồ sơ, the package's OBJID
  std::size_t documents = 0; // documents packaged (failed ones have no PDF)
  std::size_t files = 0;     // files listed in METS.xml
};

// Builds the package in a sibling temporary folder and renames it into place, so
// SIP_DIR is either complete or absent. Throws sohoa::Error(Stage::output, ...).
PackageSummary write_eark_sip(const PackageOptions& options);

struct PackageProblem {
  std::string file; // relative to the package root
  std::string code; // "checksum_mismatch", "missing_file", "schema_invalid", ...
  std::string message;
};

// Every file METS.xml lists has its size and SHA-256; nothing else is in the
// package; METS.xml and the PREMIS files validate against their schemas.
std::vector<PackageProblem> check_eark_sip(const std::filesystem::path& sip_dir,
                                           const std::filesystem::path& xsd_dir);

// The bundled schemas: explicit_dir, else $SOHOA_XSD_DIR, else archive/xsd of the
// source tree, else /usr/share/sohoa/xsd.
std::filesystem::path resolve_xsd_dir(const std::filesystem::path& explicit_dir = {});

// libxml2's messages for an XML file against an XML Schema; empty when valid.
// Imports resolve next to the schema: no network.
std::vector<std::string> validate_against_xsd(const std::filesystem::path& xml,
                                              const std::filesystem::path& xsd);

} // namespace sohoa::archive
