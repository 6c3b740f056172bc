#include "sohoa/pipeline/batch_report_model.hpp"
#include "sohoa/core/name_text.hpp"
#include "json_fields.hpp"
#include <algorithm>

namespace sohoa::pipeline {
using nlohmann::json;

ReportError report_error(const ErrorInfo& e) {
  // Messages may quote a file name that is not UTF-8: escape it, never fail the dump.
  return {e.stage, e.code, escape_invalid_utf8(e.message), escape_invalid_utf8(e.file), e.page};
}

void BatchReport::recount() {
  totals = {};
  totals.dossiers = dossiers.size();
  totals.documents = documents.size();
  for (const auto& d : documents) {
    totals.ok += d.status == Status::ok ? 1 : 0;
    totals.needs_review += d.status == Status::needs_review ? 1 : 0;
    totals.failed += d.status == Status::failed ? 1 : 0;
    totals.pages += d.pages;
  }
  for (const auto& d : dossiers) {
    totals.failed_dossiers += d.status == Status::failed ? 1 : 0;
  }
}

const ReportDossierRow* BatchReport::find_dossier(const std::string& dossier_id) const {
  for (const auto& d : dossiers) {
    if (d.dossier_id == dossier_id) {
      return &d;
    }
  }
  return nullptr;
}

bool BatchReport::any_failed() const {
  const auto failed = [](const auto& row) { return row.status == Status::failed; };
  return std::any_of(dossiers.begin(), dossiers.end(), failed) ||
         std::any_of(documents.begin(), documents.end(), failed);
}

void to_json(json& j, const ReportError& e) {
  j = {{"code", e.code}, {"message", e.message}};
  if (e.stage) {
    j["stage"] = *e.stage;
  }
  if (!e.file.empty()) {
    j["file"] = e.file;
  }
  if (e.page > 0) {
    j["page"] = e.page;
  }
}

void from_json(const json& j, ReportError& e) {
  e.stage = maybe_value<Stage>(j, "stage");
  e.code = optional_value<std::string>(j, "code", "");
  e.message = optional_value<std::string>(j, "message", "");
  e.file = optional_value<std::string>(j, "file", "");
  e.page = optional_value<int>(j, "page", 0);
}

namespace {

json timings_json(const DocumentTimings& t) {
  return {{"ingest_ms", t.ingest_ms}, {"clean_ms", t.clean_ms}, {"ocr_ms", t.ocr_ms},
          {"forms_ms", t.forms_ms},   {"pdf_ms", t.pdf_ms},     {"sign_ms", t.sign_ms},
          {"total_ms", t.total_ms}};
}

DocumentTimings timings_from(const json& j) {
  DocumentTimings t;
  t.ingest_ms = optional_value<double>(j, "ingest_ms", 0.0);
  t.clean_ms = optional_value<double>(j, "clean_ms", 0.0);
  t.ocr_ms = optional_value<double>(j, "ocr_ms", 0.0);
  t.forms_ms = optional_value<double>(j, "forms_ms", 0.0);
  t.pdf_ms = optional_value<double>(j, "pdf_ms", 0.0);
  t.sign_ms = optional_value<double>(j, "sign_ms", 0.0);
  t.total_ms = optional_value<double>(j, "total_ms", 0.0);
  return t;
}

} // namespace

void to_json(json& j, const ReportDocumentRow& r) {
  j = {{"dossier_id", r.dossier_id}, {"document_id", r.document_id},
       {"status", r.status},         {"doc_type", r.doc_type},
       {"pages", r.pages},           {"errors", r.errors},
       {"skipped", r.skipped}};
  if (r.issues) {
    j["issues"] = *r.issues;
  }
  if (r.timings) {
    j["timings"] = timings_json(*r.timings);
  }
}

void from_json(const json& j, ReportDocumentRow& r) {
  r.dossier_id = optional_value<std::string>(j, "dossier_id", "");
  r.document_id = optional_value<std::string>(j, "document_id", "");
  r.status = optional_value<Status>(j, "status", Status::failed);
  r.doc_type = optional_value<std::string>(j, "doc_type", "unknown");
  r.pages = optional_value<int>(j, "pages", 0);
  r.issues = maybe_value<std::size_t>(j, "issues");
  r.timings.reset();
  if (const auto t = j.find("timings"); t != j.end() && t->is_object()) {
    r.timings = timings_from(*t);
  }
  r.errors = optional_value<std::vector<ReportError>>(j, "errors", {});
  r.skipped = optional_value<bool>(j, "skipped", false);
}

void to_json(json& j, const ReportDossierRow& r) {
  j = {{"dossier_id", r.dossier_id}, {"status", r.status}, {"skipped", r.skipped}};
  if (r.counts) {
    j["documents"] = r.counts->documents;
    j["pages"] = r.counts->pages;
    j["failed"] = r.counts->failed;
    j["needs_review"] = r.counts->needs_review;
  }
  if (r.elapsed_ms) {
    j["elapsed_ms"] = *r.elapsed_ms;
  }
  if (r.reason) {
    j["reason"] = *r.reason;
  }
  if (r.errors) {
    j["errors"] = *r.errors;
  }
}

void from_json(const json& j, ReportDossierRow& r) {
  r.dossier_id = optional_value<std::string>(j, "dossier_id", "");
  r.status = optional_value<Status>(j, "status", Status::failed);
  r.counts.reset();
  if (j.contains("documents")) {
    r.counts = DossierCounts{
        j.at("documents").get<std::size_t>(), optional_value<int>(j, "pages", 0),
        optional_value<int>(j, "failed", 0), optional_value<int>(j, "needs_review", 0)};
  }
  r.elapsed_ms = maybe_value<double>(j, "elapsed_ms");
  r.reason = maybe_value<std::string>(j, "reason");
  r.errors = maybe_value<std::vector<ReportError>>(j, "errors");
  r.skipped = optional_value<bool>(j, "skipped", false);
}

void to_json(json& j, const BatchReport& r) {
  j = {{"schema", "sohoa.batch-report/1"},
       {"started_at", r.started_at},
       {"finished_at", r.finished_at ? json(*r.finished_at) : json(nullptr)},
       {"complete", r.complete},
       {"exit_code", r.exit_code ? json(*r.exit_code) : json(nullptr)},
       {"totals",
        {{"dossiers", r.totals.dossiers},
         {"documents", r.totals.documents},
         {"pages", r.totals.pages},
         {"ok", r.totals.ok},
         {"needs_review", r.totals.needs_review},
         {"failed", r.totals.failed},
         {"failed_dossiers", r.totals.failed_dossiers}}},
       {"dossiers", r.dossiers},
       {"documents", r.documents}};
}

void from_json(const json& j, BatchReport& r) {
  if (!j.is_object()) {
    throw json::type_error::create(302, "a batch report is a JSON object", &j);
  }
  r.started_at = optional_value<std::string>(j, "started_at", "");
  r.finished_at = maybe_value<std::string>(j, "finished_at");
  r.complete = optional_value<bool>(j, "complete", false);
  r.exit_code = maybe_value<int>(j, "exit_code");
  r.dossiers = optional_value<std::vector<ReportDossierRow>>(j, "dossiers", {});
  r.documents = optional_value<std::vector<ReportDocumentRow>>(j, "documents", {});
  if (const auto t = j.find("totals"); t != j.end() && t->is_object()) {
    r.totals.dossiers = optional_value<std::size_t>(*t, "dossiers", 0);
    r.totals.documents = optional_value<std::size_t>(*t, "documents", 0);
    r.totals.pages = optional_value<int>(*t, "pages", 0);
    r.totals.ok = optional_value<int>(*t, "ok", 0);
    r.totals.needs_review = optional_value<int>(*t, "needs_review", 0);
    r.totals.failed = optional_value<int>(*t, "failed", 0);
    r.totals.failed_dossiers = optional_value<int>(*t, "failed_dossiers", 0);
  } else {
    r.recount();
  }
}

} // namespace sohoa::pipeline
