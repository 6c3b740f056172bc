#include "batch_report.hpp"
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/name_text.hpp"
#include "sohoa/pipeline/report_merge.hpp"
#include <algorithm>
#include <cmath>

namespace sohoa::pipeline {
namespace {

double ms(double v) {
  return std::round(v * 10.0) / 10.0;
}

DocumentTimings rounded(const DocumentTimings& t) {
  return {ms(t.ingest_ms), ms(t.clean_ms), ms(t.ocr_ms),  ms(t.forms_ms),
          ms(t.pdf_ms),    ms(t.sign_ms),  ms(t.total_ms)};
}

std::vector<ReportError> report_errors(const std::vector<ErrorInfo>& errors) {
  std::vector<ReportError> out;
  std::transform(errors.begin(), errors.end(), std::back_inserter(out), report_error);
  return out;
}

// A dossier's status from its documents': one failure fails it.
Status dossier_status(int failed, int review) {
  return failed > 0 ? Status::failed : review > 0 ? Status::needs_review : Status::ok;
}

// A document's row, counted into its dossier's totals: the part a digitized
// document and one kept from an earlier run have in common.
template <typename Document>
ReportDocumentRow counted_row(const std::string& dossier_id, const Document& d,
                              DossierCounts& counts) {
  counts.failed += d.status == Status::failed ? 1 : 0;
  counts.needs_review += d.status == Status::needs_review ? 1 : 0;
  counts.pages += d.pages;
  ReportDocumentRow row;
  row.dossier_id = dossier_id;
  row.document_id = d.document_id;
  row.status = d.status;
  row.doc_type = d.doc_type;
  row.pages = d.pages;
  return row;
}

} // namespace

void BatchReportWriter::add_dossier(const std::string& dossier_id,
                                    const std::vector<DocumentOutcome>& documents,
                                    double elapsed_ms, const std::string& failure) {
  std::lock_guard lock(m_mutex);
  DossierCounts counts;
  counts.documents = documents.size();
  for (const auto& d : documents) {
    ReportDocumentRow row = counted_row(dossier_id, d, counts);
    row.issues = d.issues.size();
    row.timings = rounded(d.timings);
    row.errors = report_errors(d.errors);
    m_documents.push_back(std::move(row));
  }
  ReportDossierRow row;
  row.dossier_id = dossier_id;
  row.status =
      failure.empty() ? dossier_status(counts.failed, counts.needs_review) : Status::failed;
  row.counts = counts;
  row.elapsed_ms = ms(elapsed_ms);
  if (!failure.empty()) {
    row.reason = escape_invalid_utf8(failure);
  }
  m_dossiers.push_back(std::move(row));
}

void BatchReportWriter::add_failed_dossier(const std::string& dossier_id, const ErrorInfo& error) {
  std::lock_guard lock(m_mutex);
  ReportDossierRow row;
  row.dossier_id = dossier_id;
  row.status = Status::failed;
  row.counts = DossierCounts{};
  row.reason = escape_invalid_utf8(error.message);
  row.errors = report_errors({error});
  m_dossiers.push_back(std::move(row));
}

void BatchReportWriter::add_skipped(const std::string& dossier_id, const Manifest& manifest) {
  std::lock_guard lock(m_mutex);
  DossierCounts counts;
  counts.documents = manifest.documents.size();
  for (const auto& d : manifest.documents) {
    ReportDocumentRow row = counted_row(dossier_id, d, counts);
    row.skipped = true;
    if (d.failure) {
      row.errors.push_back({std::nullopt, d.failure->error_code, d.failure->reason, "", 0});
    }
    m_documents.push_back(std::move(row));
  }
  ReportDossierRow row;
  row.dossier_id = dossier_id;
  row.status = dossier_status(counts.failed, counts.needs_review);
  row.counts = counts;
  row.skipped = true;
  m_dossiers.push_back(std::move(row));
}

void BatchReportWriter::add_unfinished(const std::string& dossier_id, const std::string& reason) {
  std::lock_guard lock(m_mutex);
  ReportDossierRow row;
  row.dossier_id = dossier_id;
  row.status = Status::not_finished;
  row.reason = reason;
  m_dossiers.push_back(std::move(row));
}

bool BatchReportWriter::any_failed() const {
  std::lock_guard lock(m_mutex);
  const auto failed = [](const auto& row) { return row.status == Status::failed; };
  return std::any_of(m_dossiers.begin(), m_dossiers.end(), failed) ||
         std::any_of(m_documents.begin(), m_documents.end(), failed);
}

void BatchReportWriter::write(const std::string& finished_at, int exit_code, bool final) const {
  std::lock_guard lock(m_mutex);
  ReportHeader header;
  header.started_at = m_started_at;
  header.deterministic = m_deterministic;
  if (final) {
    header.finished_at = finished_at;
    header.exit_code = exit_code;
  }
  const BatchReport report = render_batch_report(header, m_dossiers, m_documents);
  write_file_atomic(m_file, nlohmann::json(report).dump(2) + "\n");
}

} // namespace sohoa::pipeline
