#pragma once
// OUT/batch-report.json: one row per dossier and per document with status,
// timings and errors. Rewritten after every dossier so a killed run leaves a
// report of what it finished.
#include "sohoa/pipeline/document.hpp"
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sohoa::pipeline {

class BatchReport {
public:
  BatchReport(std::filesystem::path file, std::string started_at)
      : m_file(std::move(file)), m_started_at(std::move(started_at)) {}

  // `failure`, when given, fails the dossier as a whole (its manifest could not be
  // written) whatever its documents' statuses.
  void add_dossier(const std::string& dossier_id, const std::vector<DocumentOutcome>& documents,
                   double elapsed_ms, const std::string& failure = {});
  // A dossier that could not be started (invalid dossier.json, output folder not
  // writable): one failed row, no documents; the run exits 1.
  void add_failed_dossier(const std::string& dossier_id, const ErrorInfo& error);
  // A dossier complete from an earlier run: its rows come from its manifest.
  void add_skipped(const std::string& dossier_id, const nlohmann::json& manifest);
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
  nlohmann::json m_dossiers = nlohmann::json::array();
  nlohmann::json m_documents = nlohmann::json::array();
};

} // namespace sohoa::pipeline
