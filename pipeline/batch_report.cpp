#include "batch_report.hpp"
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/name_text.hpp"
#include "sohoa/pipeline/report_merge.hpp"
#include <cmath>

namespace sohoa::pipeline {
namespace {

double ms(double v) { return std::round(v * 10.0) / 10.0; }

nlohmann::json timings_json(const DocumentTimings& t) {
  return {{"ingest_ms", ms(t.ingest_ms)}, {"clean_ms", ms(t.clean_ms)},
          {"ocr_ms", ms(t.ocr_ms)},       {"forms_ms", ms(t.forms_ms)},
          {"pdf_ms", ms(t.pdf_ms)},       {"sign_ms", ms(t.sign_ms)},
          {"total_ms", ms(t.total_ms)}};
}

nlohmann::json errors_json(const std::vector<ErrorInfo>& errors) {
  auto out = nlohmann::json::array();
  for (const auto& e : errors) {
    // Messages may quote a file name that is not UTF-8: escape it, never fail the dump.
    nlohmann::json j = {
        {"stage", e.stage}, {"code", e.code}, {"message", escape_invalid_utf8(e.message)}};
    if (!e.file.empty()) {
      j["file"] = escape_invalid_utf8(e.file);
    }
    if (e.page > 0) {
      j["page"] = e.page;
    }
    out.push_back(std::move(j));
  }
  return out;
}

} // namespace

void BatchReport::add_dossier(const std::string& dossier_id,
                              const std::vector<DocumentOutcome>& documents, double elapsed_ms,
                              const std::string& failure) {
  std::lock_guard lock(m_mutex);
  int failed = 0;
  int review = 0;
  int pages = 0;
  for (const auto& d : documents) {
    failed += d.status == "failed" ? 1 : 0;
    review += d.status == "needs_review" ? 1 : 0;
    pages += d.pages;
    m_documents.push_back({{"dossier_id", dossier_id},
                           {"document_id", d.document_id},
                           {"status", d.status},
                           {"doc_type", d.doc_type},
                           {"pages", d.pages},
                           {"issues", d.issues.size()},
                           {"timings", timings_json(d.timings)},
                           {"errors", errors_json(d.errors)},
                           {"skipped", false}});
  }
  const std::string status =
      failed > 0 || !failure.empty() ? "failed" : review > 0 ? "needs_review" : "ok";
  nlohmann::json row = {{"dossier_id", dossier_id},
                        {"status", status},
                        {"documents", documents.size()},
                        {"pages", pages},
                        {"failed", failed},
                        {"needs_review", review},
                        {"elapsed_ms", ms(elapsed_ms)},
                        {"skipped", false}};
  if (!failure.empty()) {
    row["reason"] = escape_invalid_utf8(failure);
  }
  m_dossiers.push_back(std::move(row));
}

void BatchReport::add_failed_dossier(const std::string& dossier_id, const ErrorInfo& error) {
  std::lock_guard lock(m_mutex);
  m_dossiers.push_back({{"dossier_id", dossier_id},
                        {"status", "failed"},
                        {"documents", 0},
                        {"pages", 0},
                        {"failed", 0},
                        {"needs_review", 0},
                        {"reason", escape_invalid_utf8(error.message)},
                        {"errors", errors_json({error})},
                        {"skipped", false}});
}

void BatchReport::add_skipped(const std::string& dossier_id, const nlohmann::json& manifest) {
  std::lock_guard lock(m_mutex);
  int failed = 0;
  int review = 0;
  int pages = 0;
  for (const auto& d : manifest.at("documents")) {
    const std::string status = d.value("status", "failed");
    failed += status == "failed" ? 1 : 0;
    review += status == "needs_review" ? 1 : 0;
    pages += d.value("pages", 0);
    nlohmann::json row = {{"dossier_id", dossier_id},
                          {"document_id", d.value("document_id", "")},
                          {"status", status},
                          {"doc_type", d.value("doc_type", "unknown")},
                          {"pages", d.value("pages", 0)},
                          {"errors", nlohmann::json::array()},
                          {"skipped", true}};
    if (d.contains("reason")) {
      row["errors"].push_back({{"code", d.value("error_code", "")}, {"message", d["reason"]}});
    }
    m_documents.push_back(std::move(row));
  }
  const std::string status = failed > 0 ? "failed" : review > 0 ? "needs_review" : "ok";
  m_dossiers.push_back({{"dossier_id", dossier_id},
                        {"status", status},
                        {"documents", manifest.at("documents").size()},
                        {"pages", pages},
                        {"failed", failed},
                        {"needs_review", review},
                        {"skipped", true}});
}

void BatchReport::add_unfinished(const std::string& dossier_id, const std::string& reason) {
  std::lock_guard lock(m_mutex);
  m_dossiers.push_back({{"dossier_id", dossier_id},
                        {"status", "not_finished"},
                        {"reason", reason},
                        {"skipped", false}});
}

bool BatchReport::any_failed() const {
  std::lock_guard lock(m_mutex);
  for (const auto& d : m_dossiers) {
    if (d.value("status", "") == "failed") {
      return true;
    }
  }
  for (const auto& d : m_documents) {
    if (d.value("status", "") == "failed") {
      return true;
    }
  }
  return false;
}

void BatchReport::write(const std::string& finished_at, int exit_code, bool final) const {
  std::lock_guard lock(m_mutex);
  ReportHeader header;
  header.started_at = m_started_at;
  header.deterministic = m_deterministic;
  if (final) {
    header.finished_at = finished_at;
    header.exit_code = exit_code;
  }
  write_file_atomic(m_file, render_batch_report(header, m_dossiers, m_documents).dump(2) + "\n");
}

} // namespace sohoa::pipeline
