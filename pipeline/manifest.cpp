#include "sohoa/pipeline/manifest.hpp"
#include "sohoa/core/build_info.hpp"
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/name_text.hpp"
#include "json_file.hpp"
#include <algorithm>
#include "sohoa/pdf/pdfa_writer.hpp"
#include <opencv2/core/version.hpp>

namespace sohoa::pipeline {

EngineVersions gather_versions(const ocr::OcrOptions& ocr_options) {
  EngineVersions v;
  v.software = sohoa::software_version();
  v.tesseract = ocr::tesseract_version();
  v.leptonica = ocr::leptonica_version();
  v.opencv = CV_VERSION;
  v.podofo = pdf::podofo_version();
  v.openssl = sign::openssl_version();
  v.language_data = ocr::language_data(ocr_options);
  return v;
}

bool failed_writing(const DocumentOutcome& document) {
  return document.status == Status::failed &&
         std::any_of(document.errors.begin(), document.errors.end(), [](const ErrorInfo& e) {
           return e.stage == Stage::output || e.stage == Stage::pipeline;
         });
}

Manifest build_manifest(const ManifestInput& input) {
  const DossierInput& dossier = *input.dossier;
  const EngineVersions& v = *input.versions;
  Manifest m;
  m.complete = true;
  for (const auto& d : input.documents) {
    m.complete = m.complete && !failed_writing(d);
    m.documents.push_back(manifest_document(d));
  }
  m.recount();
  m.dossier_id = dossier.id;
  const auto& meta = dossier.metadata;
  const std::string code = meta.dossier_code.empty() ? dossier.id : meta.dossier_code;
  const std::string folder = dossier.folder.filename().string();
  m.dossier = {code,
               meta.procedure_code,
               meta.agency_code,
               meta.agency_name,
               meta.officer,
               escape_invalid_utf8(folder),
               is_valid_utf8(folder) ? "" : hex_bytes(folder)}; // the exact name on disk
  // Archival metadata (Thông tư 05/2025/TT-BNV PL III): a digitized dossier.
  m.archival.file_code = code;
  m.archival.paper_file_code = code;
  m.archival.total_documents = input.documents.size();
  m.archival.page_amount = m.summary.pages;
  m.started_at = input.started_at;
  m.finished_at = input.finished_at;
  m.software_version = v.software;
  m.pdfa = input.pdfa;
  m.engines = {v.tesseract, v.leptonica, v.opencv, v.podofo, v.openssl, {}};
  for (const auto& l : v.language_data) {
    m.engines.language_data.push_back({l.language, l.path.filename().string(), l.sha256});
  }
  for (const auto& [document_id, message] : dossier.document_errors) {
    if (document_id.empty()) {
      m.warnings.push_back(message);
    }
  }
  if (input.signer) {
    m.signer = ManifestSigner{input.signer->subject, input.signer->issuer, input.signer->serial_hex,
                              input.signer->sha256_fingerprint};
  }
  return m;
}

ManifestFile read_manifest_file(const std::filesystem::path& file) {
  ManifestFile out;
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::symlink_status(file, ec))) {
    return out;
  }
  nlohmann::json j;
  try {
    j = read_json_file(file, "the manifest");
  } catch (const Error& e) {
    out.state = ManifestFile::State::corrupt;
    out.problem = e.describe();
    return out;
  }
  const auto schema = j.is_object() ? j.find("schema") : j.end();
  if (!j.is_object() || schema == j.end() || *schema != "sohoa.manifest/1" ||
      !j.contains("documents") || !j["documents"].is_array() || !j.contains("dossier") ||
      !j["dossier"].is_object()) {
    out.state = ManifestFile::State::corrupt;
    out.problem = escape_invalid_utf8(file.string()) + ": not a sohoa.manifest/1 record";
    return out;
  }
  for (const auto& d : j["documents"]) {
    if (!d.is_object() || !d.contains("document_id") || !d["document_id"].is_string()) {
      out.state = ManifestFile::State::corrupt;
      out.problem = escape_invalid_utf8(file.string()) + ": a document has no document_id";
      return out;
    }
  }
  try {
    out.value = j.get<Manifest>();
  } catch (const nlohmann::json::exception&) {
    out.state = ManifestFile::State::corrupt;
    out.problem =
        escape_invalid_utf8(file.string()) + ": the manifest has fields of the wrong type";
    return out;
  }
  out.state = out.value.complete ? ManifestFile::State::complete : ManifestFile::State::incomplete;
  return out;
}

std::optional<Manifest> read_complete_manifest(const std::filesystem::path& file) {
  ManifestFile manifest = read_manifest_file(file);
  if (manifest.state != ManifestFile::State::complete) {
    return std::nullopt; // missing, torn, foreign or unfinished: the dossier is redone
  }
  return std::move(manifest.value);
}

} // namespace sohoa::pipeline
