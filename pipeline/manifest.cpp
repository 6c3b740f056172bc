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
namespace {

nlohmann::json digests_json(const std::vector<FileDigest>& digests) {
  auto out = nlohmann::json::array();
  for (const auto& d : digests) {
    nlohmann::json digest = {{"name", d.name}, {"sha256", d.sha256}, {"bytes", d.bytes}};
    if (d.mtime_ns != 0) {
      digest["mtime_ns"] = d.mtime_ns;
    }
    if (!d.name_bytes_hex.empty()) {
      digest["name_bytes_hex"] = d.name_bytes_hex;  // the exact name on disk
    }
    out.push_back(std::move(digest));
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
    j["reason"] = escape_invalid_utf8(d.errors.front().message);
    j["error_code"] = d.errors.front().code;
    if (!d.errors.front().file.empty()) {
      j["error_file"] = escape_invalid_utf8(d.errors.front().file);
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

bool failed_writing(const DocumentOutcome& document) {
  return document.status == "failed" &&
         std::any_of(document.errors.begin(), document.errors.end(), [](const ErrorInfo& e) {
           return e.stage == "output" || e.stage == "pipeline";
         });
}

nlohmann::json build_manifest(const ManifestInput& input) {
  const DossierInput& dossier = *input.dossier;
  const EngineVersions& v = *input.versions;
  int pages = 0;
  int ok = 0;
  int review = 0;
  int failed = 0;
  bool complete = true;
  auto documents = nlohmann::json::array();
  for (const auto& d : input.documents) {
    complete = complete && !failed_writing(d);
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
      {"complete", complete},
      {"dossier_id", dossier.id},
      {"dossier",
       {{"dossier_code", m.dossier_code.empty() ? dossier.id : m.dossier_code},
        {"procedure_code", m.procedure_code},
        {"agency_code", m.agency_code},
        {"agency_name", m.agency_name},
        {"officer", m.officer},
        {"source_folder", escape_invalid_utf8(dossier.folder.filename().string())}}},
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
  if (const std::string folder = dossier.folder.filename().string(); !is_valid_utf8(folder)) {
    j["dossier"]["source_folder_bytes_hex"] = hex_bytes(folder);  // the exact name on disk
  }
  if (input.signer) {
    j["signer"] = {{"subject", input.signer->subject},
                   {"issuer", input.signer->issuer},
                   {"serial", input.signer->serial_hex},
                   {"sha256_fingerprint", input.signer->sha256_fingerprint}};
  }
  return j;
}

ManifestFile read_manifest_file(const std::filesystem::path& file) {
  ManifestFile out;
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::symlink_status(file, ec))) {
    return out;
  }
  try {
    out.value = read_json_file(file, "the manifest");
  } catch (const Error& e) {
    out.state = ManifestFile::State::corrupt;
    out.problem = e.describe();
    return out;
  }
  const auto& j = out.value;
  const auto schema = j.is_object() ? j.find("schema") : j.end();
  if (!j.is_object() || schema == j.end() || *schema != "sohoa.manifest/1" ||
      !j.contains("documents") || !j["documents"].is_array() ||
      !j.contains("dossier") || !j["dossier"].is_object()) {
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
  const auto complete = j.find("complete");
  out.state = complete != j.end() && complete->is_boolean() && complete->get<bool>()
                  ? ManifestFile::State::complete
                  : ManifestFile::State::incomplete;
  return out;
}

std::optional<nlohmann::json> read_complete_manifest(const std::filesystem::path& file) {
  ManifestFile manifest = read_manifest_file(file);
  if (manifest.state != ManifestFile::State::complete) {
    return std::nullopt;  // missing, torn, foreign or unfinished: the dossier is redone
  }
  return std::move(manifest.value);
}

} // namespace sohoa::pipeline
