#include "dossier_model.hpp"

#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/hash.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace sohoa::archive {
namespace {

namespace fs = std::filesystem;

std::string text(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

nlohmann::json parse_json(const fs::path& file) {
  try {
    return nlohmann::json::parse(read_file(file));
  } catch (const std::exception& e) {
    throw Error(Stage::output, "not_a_dossier_output", std::string("unreadable: ") + e.what(),
                file.string());
  }
}

// The record's field values as printed text (numbers and dates as JSON gives them).
std::map<std::string, std::string> field_values(const fs::path& record_file) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  if (!fs::is_regular_file(record_file, ec)) {
    return out;
  }
  const nlohmann::json record = parse_json(record_file);
  const auto fields = record.find("fields");
  if (fields == record.end() || !fields->is_object()) {
    return out;
  }
  for (const auto& [id, field] : fields->items()) {
    if (field.is_object() && field.contains("value")) {
      const auto& v = field["value"];
      out[id] = v.is_string() ? v.get<std::string>() : v.dump();
    }
  }
  return out;
}

std::string seven_digits(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%07d", n);
  return buf;
}

} // namespace

ArchivedDossier read_dossier_output(const fs::path& dossier_dir) {
  const fs::path manifest_file = dossier_dir / "manifest.json";
  std::error_code ec;
  if (!fs::is_regular_file(manifest_file, ec)) {
    throw Error(Stage::output, "not_a_dossier_output",
                "no manifest.json: not the output folder of one dossier", dossier_dir.string());
  }
  const nlohmann::json m = parse_json(manifest_file);
  if (text(m, "schema") != "sohoa.manifest/1" || !m.value("complete", false)) {
    throw Error(Stage::output, "incomplete_dossier",
                "the manifest is not a complete sohoa.manifest/1", manifest_file.string());
  }
  ArchivedDossier d;
  const nlohmann::json archival = m.value("archival", nlohmann::json::object());
  const nlohmann::json dossier = m.value("dossier", nlohmann::json::object());
  d.file_code = text(archival, "file_code");
  if (d.file_code.empty()) {
    d.file_code = text(m, "dossier_id");
  }
  if (d.file_code.empty()) {
    throw Error(Stage::output, "incomplete_dossier", "the manifest names no dossier",
                manifest_file.string());
  }
  d.paper_file_code = text(archival, "paper_file_code");
  if (!text(archival, "confidence_level").empty()) {
    d.confidence_level = text(archival, "confidence_level");
  }
  if (!text(archival, "language").empty()) {
    d.language = text(archival, "language");
  }
  d.page_amount = archival.value("page_amount", 0);
  d.procedure_code = text(dossier, "procedure_code");
  d.agency_code = text(dossier, "agency_code");
  d.agency_name = text(dossier, "agency_name");
  d.officer = text(dossier, "officer");
  d.started_at = text(m, "started_at");
  d.finished_at = text(m, "finished_at");
  d.pdfa = text(m, "pdfa");
  d.software_version = text(m.value("software", nlohmann::json::object()), "version");
  const nlohmann::json engines = m.value("engines", nlohmann::json::object());
  for (const char* name : {"tesseract", "leptonica", "opencv", "podofo", "openssl"}) {
    if (!text(engines, name).empty()) {
      d.engines[name] = text(engines, name);
    }
  }
  for (const auto& l : engines.value("language_data", nlohmann::json::array())) {
    d.language_data += (d.language_data.empty() ? "" : ", ") + text(l, "language") + " (sha256 " +
                       text(l, "sha256") + ")";
  }
  if (m.contains("signer") && m["signer"].is_object()) {
    d.signer_subject = text(m["signer"], "subject");
  }

  int order = 0;
  for (const auto& doc : m.value("documents", nlohmann::json::array())) {
    const std::string id = text(doc, "document_id");
    std::string pdf_digest;
    for (const auto& out : doc.value("outputs", nlohmann::json::array())) {
      if (text(out, "name") == id + ".pdf") {
        pdf_digest = text(out, "sha256");
      }
    }
    if (id.empty() || pdf_digest.empty()) {
      continue; // a failed document has no PDF to archive
    }
    ArchivedDocument a;
    a.order = ++order;
    a.doc_id = d.file_code + "." + std::to_string(a.order);
    a.doc_code = d.file_code + "." + seven_digits(a.order);
    a.document_id = id;
    a.doc_type = text(doc, "doc_type");
    a.status = text(doc, "status");
    a.pages = doc.value("pages", 0);
    a.pdf = dossier_dir / (id + ".pdf");
    a.pdf_sha256 = pdf_digest;
    if (doc.contains("signature") && doc["signature"].is_object()) {
      a.signature_level = text(doc["signature"], "level");
      a.signing_time = text(doc["signature"], "signing_time");
    }
    a.fields = field_values(dossier_dir / (id + ".json"));
    // What goes into an archive must be what the run wrote and recorded.
    if (!fs::is_regular_file(a.pdf, ec) || sha256_file(a.pdf) != a.pdf_sha256) {
      throw Error(Stage::output, "changed_output",
                  "the PDF is missing or differs from the digest in manifest.json", a.pdf.string());
    }
    d.documents.push_back(std::move(a));
  }
  return d;
}

} // namespace sohoa::archive
