#pragma once
// Writes OUT/batch-report.json (pipeline/batch_report_model.hpp): one row per
// dossier and per document with status, timings and errors. Rewritten after every
// dossier so a killed run leaves a report of what it finished.
#include "sohoa/pipeline/batch_report_model.hpp"
#include "sohoa/pipeline/document.hpp"
#include "sohoa/pipeline/manifest_model.hpp"
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

namespace sohoa::pipeline {

class BatchReportWriter {
public:
  BatchReportWriter(std::filesystem::path file, std::string started_at)
      : m_file(std::move(file)), m_started_at(std::move(started_at)) {}

  // `failure`, when given, fails the dossier as a whole (its manifest could not be
  // written) whatever its documents' statuses.
  void add_dossier(const std::string& dossier_id, const std::vector<DocumentOutcome>& documents,
                   double elapsed_ms, const std::string& failure = {});
  // A dossier that could not be started (invalid dossier.json, output folder not
  // writable): one failed row, no documents; the run exits 1.
  void add_failed_dossier(const std::string& dossier_id, const ErrorInfo& error);
  // A dossier complete from an earlier run: its rows come from its manifest.
  void add_skipped(const std::string& dossier_id, const Manifest& manifest);
  // A dossier the run stopped in (signer failure): listed as not finished.
  void add_unfinished(const std::string& dossier_id, const std::string& reason);

  // Deterministic mode: durations written as 0, so reports compare byte for byte.
  void set_deterministic(bool deterministic) { m_deterministic = deterministic; }

  bool any_failed() const;
  // Writes the report atomically; exit_code is null until the run ends.
  void write(const std::string& finished_at, int exit_code, bool final) const;

private:
  std::filesystem::path m_file;
  std::string m_started_at;
  bool m_deterministic = false;
  mutable std::mutex m_mutex;
  std::vector<ReportDossierRow> m_dossiers;
  std::vector<ReportDocumentRow> m_documents;
};

} // namespace sohoa::pipeline
