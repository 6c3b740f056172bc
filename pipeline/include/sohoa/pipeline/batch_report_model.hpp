#pragma once
// OUT/batch-report.json (sohoa.batch-report/1) as a value: what `run` writes, what
// `sohoa report` merges and what a queue worker reads back after each dossier. to_json
// writes exactly the keys a report has (optional ones only when set), from_json reads
// them back, so a report survives a read and a write unchanged. from_json throws
// nlohmann::json::exception on a key of the wrong type or an unknown status.
#include "sohoa/core/error.hpp"
#include "sohoa/core/status.hpp"
#include "sohoa/pipeline/document.hpp"
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sohoa::pipeline {

struct ReportError {
  std::optional<Stage> stage; // absent on the rows of a dossier skipped as complete
  std::string code;
  std::string message;
  std::string file; // empty: the error named no file
  int page = 0;     // 0: not about one page
};
ReportError report_error(const ErrorInfo& error);

struct ReportDocumentRow {
  std::string dossier_id;
  std::string document_id;
  Status status = Status::failed;
  std::string doc_type = "unknown";
  int pages = 0;
  std::optional<std::size_t> issues;      // absent when skipped (the manifest counts them)
  std::optional<DocumentTimings> timings; // absent when skipped
  std::vector<ReportError> errors;
  bool skipped = false; // complete from an earlier run
};

struct DossierCounts {
  std::size_t documents = 0;
  int pages = 0;
  int failed = 0;
  int needs_review = 0;
};

struct ReportDossierRow {
  std::string dossier_id;
  Status status = Status::failed;
  std::optional<DossierCounts> counts;            // absent for a dossier not finished
  std::optional<double> elapsed_ms;               // only for a dossier processed in this run
  std::optional<std::string> reason;              // why it failed or did not finish
  std::optional<std::vector<ReportError>> errors; // a dossier failed before any work
  bool skipped = false;
};

struct ReportTotals {
  std::size_t dossiers = 0;
  std::size_t documents = 0;
  int pages = 0;
  int ok = 0;
  int needs_review = 0;
  int failed = 0;
  int failed_dossiers = 0;
};

struct BatchReport {
  std::string started_at;
  std::optional<std::string> finished_at; // null while the run goes on
  bool complete = false;
  std::optional<int> exit_code; // null while the run goes on
  ReportTotals totals;
  std::vector<ReportDossierRow> dossiers;
  std::vector<ReportDocumentRow> documents;

  // The totals counted from the rows.
  void recount();
  // The row of `dossier_id`, or null.
  const ReportDossierRow* find_dossier(const std::string& dossier_id) const;
  // True when a dossier or a document failed.
  bool any_failed() const;
};

void to_json(nlohmann::json& j, const ReportError& error);
void from_json(const nlohmann::json& j, ReportError& error);
void to_json(nlohmann::json& j, const ReportDocumentRow& row);
void from_json(const nlohmann::json& j, ReportDocumentRow& row);
void to_json(nlohmann::json& j, const ReportDossierRow& row);
void from_json(const nlohmann::json& j, ReportDossierRow& row);
void to_json(nlohmann::json& j, const BatchReport& report);
void from_json(const nlohmann::json& j, BatchReport& report);

} // namespace sohoa::pipeline
