#include "sohoa/pipeline/manifest_model.hpp"
#include "sohoa/core/name_text.hpp"
#include "json_fields.hpp"

namespace sohoa::pipeline {
using nlohmann::json;

namespace {

constexpr const char* k_from_dossier_json = "dossier.json";
constexpr const char* k_classified = "classified";

} // namespace

void Manifest::recount() {
  summary = {};
  summary.documents = documents.size();
  for (const auto& d : documents) {
    summary.pages += d.pages;
    summary.ok += d.status == Status::ok ? 1 : 0;
    summary.needs_review += d.status == Status::needs_review ? 1 : 0;
    summary.failed += d.status == Status::failed ? 1 : 0;
  }
}

ManifestDocument* Manifest::find_document(const std::string& document_id) {
  for (auto& d : documents) {
    if (d.document_id == document_id) {
      return &d;
    }
  }
  return nullptr;
}

const ManifestDocument* Manifest::find_document(const std::string& document_id) const {
  return const_cast<Manifest*>(this)->find_document(document_id);
}

ManifestDocument manifest_document(const DocumentOutcome& d) {
  ManifestDocument m;
  m.document_id = d.document_id;
  m.status = d.status;
  m.doc_type = d.doc_type;
  m.doc_type_confidence = d.doc_type_confidence;
  m.doc_type_from_dossier = d.doc_type_from_dossier;
  m.pages = d.pages;
  m.blank_pages = d.blank_pages;
  m.inputs = d.inputs;
  m.outputs = d.outputs;
  m.issues = d.issues.size();
  m.result_code = d.result_code;
  if (d.status == Status::failed && !d.errors.empty()) {
    const ErrorInfo& first = d.errors.front();
    m.failure = ManifestFailure{escape_invalid_utf8(first.message), first.code,
                                escape_invalid_utf8(first.file)};
  }
  if (d.signature) {
    m.signature = ManifestSignature{d.signature->level, d.signature->signing_time,
                                    d.signature->timestamp_time};
  }
  return m;
}

DocumentOutcome outcome_from(const ManifestDocument& entry) {
  DocumentOutcome o;
  o.document_id = entry.document_id;
  o.status = entry.status;
  o.doc_type = entry.doc_type;
  o.doc_type_confidence = entry.doc_type_confidence;
  o.doc_type_from_dossier = entry.doc_type_from_dossier;
  o.pages = entry.pages;
  o.blank_pages = entry.blank_pages;
  o.result_code = entry.result_code;
  o.inputs = entry.inputs;
  o.outputs = entry.outputs;
  if (entry.failure) {
    // The stage is not recorded: the manifest only says why, not where it failed.
    o.errors.push_back({Stage::pipeline, entry.failure->error_code, entry.failure->reason,
                        entry.failure->error_file, 0});
  }
  if (entry.signature) {
    o.signature = sign::SignResult{entry.signature->level, entry.signature->signing_time,
                                   entry.signature->timestamp_time, 0};
  }
  return o;
}

void to_json(json& j, const FileDigest& d) {
  j = {{"name", d.name}, {"sha256", d.sha256}, {"bytes", d.bytes}};
  if (d.mtime_ns != 0) {
    j["mtime_ns"] = d.mtime_ns;
  }
  if (!d.name_bytes_hex.empty()) {
    j["name_bytes_hex"] = d.name_bytes_hex; // the exact name on disk
  }
}

void from_json(const json& j, FileDigest& d) {
  d.name = optional_value<std::string>(j, "name", "");
  d.sha256 = optional_value<std::string>(j, "sha256", "");
  d.bytes = optional_value<long long>(j, "bytes", -1); // unknown size: never matches a file
  d.mtime_ns = optional_value<long long>(j, "mtime_ns", 0);
  d.name_bytes_hex = optional_value<std::string>(j, "name_bytes_hex", "");
}

void to_json(json& j, const ManifestSignature& s) {
  j = {{"level", s.level}, {"signing_time", s.signing_time}};
  if (!s.timestamp_time.empty()) {
    j["timestamp_time"] = s.timestamp_time;
  }
}

void to_json(json& j, const ManifestDocument& d) {
  j = {{"document_id", d.document_id},
       {"status", d.status},
       {"doc_type", d.doc_type},
       {"doc_type_confidence", d.doc_type_confidence},
       {"doc_type_source", d.doc_type_from_dossier ? k_from_dossier_json : k_classified},
       {"pages", d.pages},
       {"blank_pages", d.blank_pages},
       {"inputs", d.inputs},
       {"outputs", d.outputs},
       {"issues", d.issues}};
  if (!d.result_code.empty()) {
    j["result_code"] = d.result_code;
  }
  if (d.failure) {
    j["reason"] = d.failure->reason;
    j["error_code"] = d.failure->error_code;
    if (!d.failure->error_file.empty()) {
      j["error_file"] = d.failure->error_file;
    }
  }
  if (d.signature) {
    j["signature"] = *d.signature;
  }
}

void from_json(const json& j, ManifestDocument& d) {
  d.document_id = j.at("document_id").get<std::string>();
  d.status = optional_value<Status>(j, "status", Status::failed);
  d.doc_type = optional_value<std::string>(j, "doc_type", "unknown");
  d.doc_type_confidence = optional_value<double>(j, "doc_type_confidence", 0.0);
  d.doc_type_from_dossier =
      optional_value<std::string>(j, "doc_type_source", "") == k_from_dossier_json;
  d.pages = optional_value<int>(j, "pages", 0);
  d.blank_pages = optional_value<int>(j, "blank_pages", 0);
  d.inputs = optional_value<std::vector<FileDigest>>(j, "inputs", {});
  d.outputs = optional_value<std::vector<FileDigest>>(j, "outputs", {});
  d.issues = optional_value<std::size_t>(j, "issues", 0);
  d.result_code = optional_value<std::string>(j, "result_code", "");
  d.failure.reset();
  if (j.contains("reason")) {
    d.failure = ManifestFailure{j.at("reason").get<std::string>(),
                                optional_value<std::string>(j, "error_code", ""),
                                optional_value<std::string>(j, "error_file", "")};
  }
  d.signature.reset();
  if (const auto s = j.find("signature"); s != j.end() && !s->is_null()) {
    d.signature = ManifestSignature{optional_value<std::string>(*s, "level", ""),
                                    optional_value<std::string>(*s, "signing_time", ""),
                                    optional_value<std::string>(*s, "timestamp_time", "")};
  }
}

void to_json(json& j, const Manifest& m) {
  json languages = json::array();
  for (const auto& l : m.engines.language_data) {
    languages.push_back({{"language", l.language}, {"file", l.file}, {"sha256", l.sha256}});
  }
  j = {
      {"schema", "sohoa.manifest/1"},
      {"complete", m.complete},
      {"dossier_id", m.dossier_id},
      {"dossier",
       {{"dossier_code", m.dossier.dossier_code},
        {"procedure_code", m.dossier.procedure_code},
        {"agency_code", m.dossier.agency_code},
        {"agency_name", m.dossier.agency_name},
        {"officer", m.dossier.officer},
        {"source_folder", m.dossier.source_folder}}},
      {"archival",
       {{"file_code", m.archival.file_code},
        {"confidence_level", m.archival.confidence_level},
        {"paper_file_code", m.archival.paper_file_code},
        {"language", m.archival.language},
        {"total_documents", m.archival.total_documents},
        {"page_amount", m.archival.page_amount}}},
      {"started_at", m.started_at},
      {"finished_at", m.finished_at},
      {"software", {{"name", m.software_name}, {"version", m.software_version}}},
      {"pdfa", m.pdfa},
      {"engines",
       {{"tesseract", m.engines.tesseract},
        {"leptonica", m.engines.leptonica},
        {"opencv", m.engines.opencv},
        {"podofo", m.engines.podofo},
        {"openssl", m.engines.openssl},
        {"language_data", languages}}},
      {"signer", nullptr},
      {"summary",
       {{"documents", m.summary.documents},
        {"pages", m.summary.pages},
        {"ok", m.summary.ok},
        {"needs_review", m.summary.needs_review},
        {"failed", m.summary.failed}}},
      {"documents", m.documents},
      {"warnings", m.warnings},
  };
  if (!m.dossier.source_folder_bytes_hex.empty()) {
    j["dossier"]["source_folder_bytes_hex"] = m.dossier.source_folder_bytes_hex;
  }
  if (m.signer) {
    j["signer"] = {{"subject", m.signer->subject},
                   {"issuer", m.signer->issuer},
                   {"serial", m.signer->serial},
                   {"sha256_fingerprint", m.signer->sha256_fingerprint}};
  }
  if (m.reprocessed_at) {
    j["reprocessed_at"] = *m.reprocessed_at;
  }
  if (m.events) {
    j["events"] = *m.events;
  }
}

void from_json(const json& j, Manifest& m) {
  m.complete = optional_value<bool>(j, "complete", false);
  m.dossier_id = optional_value<std::string>(j, "dossier_id", "");
  const json& d = j.at("dossier");
  m.dossier.dossier_code = optional_value<std::string>(d, "dossier_code", "");
  m.dossier.procedure_code = optional_value<std::string>(d, "procedure_code", "");
  m.dossier.agency_code = optional_value<std::string>(d, "agency_code", "");
  m.dossier.agency_name = optional_value<std::string>(d, "agency_name", "");
  m.dossier.officer = optional_value<std::string>(d, "officer", "");
  m.dossier.source_folder = optional_value<std::string>(d, "source_folder", "");
  m.dossier.source_folder_bytes_hex = optional_value<std::string>(d, "source_folder_bytes_hex", "");
  const json a = optional_value<json>(j, "archival", json::object());
  m.archival.file_code = optional_value<std::string>(a, "file_code", "");
  m.archival.confidence_level = optional_value<std::string>(a, "confidence_level", "02");
  m.archival.paper_file_code = optional_value<std::string>(a, "paper_file_code", "");
  m.archival.language = optional_value<std::string>(a, "language", "vi");
  m.archival.total_documents = optional_value<std::size_t>(a, "total_documents", 0);
  m.archival.page_amount = optional_value<int>(a, "page_amount", 0);
  m.started_at = optional_value<std::string>(j, "started_at", "");
  m.finished_at = optional_value<std::string>(j, "finished_at", "");
  const json s = optional_value<json>(j, "software", json::object());
  m.software_name = optional_value<std::string>(s, "name", "sohoa");
  m.software_version = optional_value<std::string>(s, "version", "");
  m.pdfa = optional_value<std::string>(j, "pdfa", "2b");
  const json e = optional_value<json>(j, "engines", json::object());
  m.engines.tesseract = optional_value<std::string>(e, "tesseract", "");
  m.engines.leptonica = optional_value<std::string>(e, "leptonica", "");
  m.engines.opencv = optional_value<std::string>(e, "opencv", "");
  m.engines.podofo = optional_value<std::string>(e, "podofo", "");
  m.engines.openssl = optional_value<std::string>(e, "openssl", "");
  m.engines.language_data.clear();
  for (const auto& l : optional_value<json>(e, "language_data", json::array())) {
    m.engines.language_data.push_back({optional_value<std::string>(l, "language", ""),
                                       optional_value<std::string>(l, "file", ""),
                                       optional_value<std::string>(l, "sha256", "")});
  }
  m.signer.reset();
  if (const auto signer = j.find("signer"); signer != j.end() && signer->is_object()) {
    m.signer = ManifestSigner{optional_value<std::string>(*signer, "subject", ""),
                              optional_value<std::string>(*signer, "issuer", ""),
                              optional_value<std::string>(*signer, "serial", ""),
                              optional_value<std::string>(*signer, "sha256_fingerprint", "")};
  }
  m.documents = j.at("documents").get<std::vector<ManifestDocument>>();
  if (const auto summary = j.find("summary"); summary != j.end() && summary->is_object()) {
    m.summary.documents = optional_value<std::size_t>(*summary, "documents", 0);
    m.summary.pages = optional_value<int>(*summary, "pages", 0);
    m.summary.ok = optional_value<int>(*summary, "ok", 0);
    m.summary.needs_review = optional_value<int>(*summary, "needs_review", 0);
    m.summary.failed = optional_value<int>(*summary, "failed", 0);
  } else {
    m.recount();
  }
  m.warnings = optional_value<std::vector<std::string>>(j, "warnings", {});
  m.reprocessed_at.reset();
  if (j.contains("reprocessed_at")) {
    m.reprocessed_at = j.at("reprocessed_at").get<std::string>();
  }
  m.events.reset();
  if (j.contains("events")) {
    m.events = j.at("events");
  }
}

} // namespace sohoa::pipeline
