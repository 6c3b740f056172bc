#pragma once
// The batch report as a document, and `sohoa report OUT`: the reports of several
// writers into one OUT (shards batch-report-<I>.json, queue workers
// batch-report-worker-<name>.json, an earlier whole run's batch-report.json) merged
// into OUT/batch-report.json.
#include "sohoa/pipeline/batch_report_model.hpp"
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sohoa::pipeline {

struct ReportHeader {
  std::string started_at;
  std::optional<std::string> finished_at; // null while the run goes on
  std::optional<int> exit_code;           // null while the run goes on
  bool deterministic = false;             // durations written as 0, like the fixed times
};

// The sohoa.batch-report/1 document: rows ordered by dossier id (each dossier's
// documents in dossier order), totals counted from the rows. The order does not
// depend on which worker finished first, so one run and merged shards agree.
BatchReport render_batch_report(const ReportHeader& header, std::vector<ReportDossierRow> dossiers,
                                std::vector<ReportDocumentRow> documents);

// Reports merged: one row set per dossier id. A dossier processed in some report
// beats one skipped as complete, which beats one not finished; among equals the
// later report in `reports` wins. started_at is the earliest, finished_at the latest,
// complete only when every report is, exit_code the worst (3 over 1 over 0).
BatchReport merge_batch_reports(const std::vector<BatchReport>& reports);

// The report files of OUT to merge: batch-report.json first (when present), then
// every batch-report-*.json in name order.
std::vector<std::filesystem::path> report_parts(const std::filesystem::path& out);

// `sohoa report OUT`: merges report_parts(out) into OUT/batch-report.json atomically,
// holding the lock a whole `run` writing that file would hold. Returns the number of
// reports merged. Throws sohoa::Error: config/no_reports when OUT has none,
// config/output_in_use, output/bad_report for a report that does not parse.
std::size_t merge_report_files(const std::filesystem::path& out);

} // namespace sohoa::pipeline
