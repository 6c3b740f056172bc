#include "pipeline/manifest.hpp"
#include "core/build_info.hpp"
#include "core/atomic_file.hpp"
#include "pdfsign/pdfa_writer.hpp"
#include <opencv2/core/version.hpp>

namespace sohoa::pipeline {
namespace {

nlohmann::json digests_json(const std::vector<FileDigest>& digests) {
  auto out = nlohmann::json::array();
  for (const auto& d : digests) {
    out.push_back({{"name", d.name}, {"sha256", d.sha256}, {"bytes", d.bytes}});
  }
  return out;
}

nlohmann::json document_json(const DocumentOutcome& d) {
  nlohmann::json j = {{"document_id", d.document_id},
                      {"status", d.status},
                      {"doc_type", d.doc_type},
                      {"doc_type_confidence", d.doc_type_confidence},
                      {"doc_type_source", d.doc_type_from_dossier ? "dossier.json" : "classified"},
                      {"pages", d.pages},
                      {"blank_pages", d.blank_pages},
                      {"inputs", digests_json(d.inputs)},
                      {"outputs", digests_json(d.outputs)},
                      {"issues", d.issues.size()}};
  if (!d.result_code.empty()) {
    j["result_code"] = d.result_code;
  }
  if (d.status == "failed" && !d.errors.empty()) {
    j["reason"] = d.errors.front().message;
    j["error_code"] = d.errors.front().code;
    if (!d.errors.front().file.empty()) {
      j["error_file"] = d.errors.front().file;
    }
  }
  if (d.signature) {
    j["signature"] = {{"level", d.signature->level},
                      {"signing_time", d.signature->signing_time}};
    if (!d.signature->timestamp_time.empty()) {
      j["signature"]["timestamp_time"] = d.signature->timestamp_time;
    }
  }
  return j;
}

} // namespace

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

nlohmann::json build_manifest(const ManifestInput& input) {
  const DossierInput& dossier = *input.dossier;
  const EngineVersions& v = *input.versions;
  int pages = 0;
  int ok = 0;
  int review = 0;
  int failed = 0;
  auto documents = nlohmann::json::array();
  for (const auto& d : input.documents) {
    documents.push_back(document_json(d));
    pages += d.pages;
    ok += d.status == "ok" ? 1 : 0;
    review += d.status == "needs_review" ? 1 : 0;
    failed += d.status == "failed" ? 1 : 0;
  }
  auto languages = nlohmann::json::array();
  for (const auto& l : v.language_data) {
    languages.push_back(
        {{"language", l.language}, {"file", l.path.filename().string()}, {"sha256", l.sha256}});
  }
  const auto& m = dossier.metadata;
  nlohmann::json j = {
      {"schema", "sohoa.manifest/1"},
      {"complete", true},
      {"dossier_id", dossier.id},
      {"dossier",
       {{"dossier_code", m.dossier_code.empty() ? dossier.id : m.dossier_code},
        {"procedure_code", m.procedure_code},
        {"agency_code", m.agency_code},
        {"agency_name", m.agency_name},
        {"officer", m.officer},
        {"source_folder", dossier.folder.filename().string()}}},
      // Archival metadata (Thông tư 05/2025/TT-BNV PL III): a digitized dossier.
      {"archival",
       {{"file_code", m.dossier_code.empty() ? dossier.id : m.dossier_code},
        {"confidence_level", "02"},
        {"paper_file_code", m.dossier_code.empty() ? dossier.id : m.dossier_code},
        {"language", "vi"},
        {"total_documents", input.documents.size()},
        {"page_amount", pages}}},
      {"started_at", input.started_at},
      {"finished_at", input.finished_at},
      {"software", {{"name", "sohoa"}, {"version", v.software}}},
      {"pdfa", input.pdfa},
      {"engines",
       {{"tesseract", v.tesseract},
        {"leptonica", v.leptonica},
        {"opencv", v.opencv},
        {"podofo", v.podofo},
        {"openssl", v.openssl},
        {"language_data", languages}}},
      {"signer", nullptr},
      {"summary", {{"documents", input.documents.size()},
                   {"pages", pages},
                   {"ok", ok},
                   {"needs_review", review},
                   {"failed", failed}}},
      {"documents", documents},
  };
  auto warnings = nlohmann::json::array();
  for (const auto& [document_id, message] : dossier.document_errors) {
    if (document_id.empty()) {
      warnings.push_back(message);
    }
  }
  j["warnings"] = warnings;
  if (input.signer) {
    j["signer"] = {{"subject", input.signer->subject},
                   {"issuer", input.signer->issuer},
                   {"serial", input.signer->serial_hex},
                   {"sha256_fingerprint", input.signer->sha256_fingerprint}};
  }
  return j;
}

std::optional<nlohmann::json> read_complete_manifest(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    return std::nullopt;
  }
  try {
    auto j = nlohmann::json::parse(read_file(file));
    if (j.value("schema", "") == "sohoa.manifest/1" && j.value("complete", false) &&
        j.contains("documents") && j["documents"].is_array()) {
      return j;
    }
  } catch (const std::exception&) {
    // A torn or foreign file is not a complete manifest: the dossier is redone.
  }
  return std::nullopt;
}

} // namespace sohoa::pipeline
