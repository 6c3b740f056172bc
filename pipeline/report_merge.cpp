#include "sohoa/pipeline/report_merge.hpp"
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/pipeline/output_lock.hpp"
#include <algorithm>
#include <map>

namespace sohoa::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Higher wins when several reports hold the same dossier.
int row_rank(const ReportDossierRow& row) {
  if (row.status == Status::not_finished) {
    return 0;
  }
  return row.skipped ? 1 : 2;
}

void zero_durations(std::vector<ReportDossierRow>& dossiers,
                    std::vector<ReportDocumentRow>& documents) {
  for (auto& d : dossiers) {
    if (d.elapsed_ms) {
      d.elapsed_ms = 0.0;
    }
  }
  for (auto& d : documents) {
    if (d.timings) {
      d.timings = DocumentTimings{};
    }
  }
}

int worse_exit_code(int a, int b) {
  auto weight = [](int code) { return code == 0 ? 0 : code == 1 ? 1 : code == 3 ? 3 : 2; };
  return weight(a) >= weight(b) ? a : b;
}

} // namespace

BatchReport render_batch_report(const ReportHeader& header, std::vector<ReportDossierRow> dossiers,
                                std::vector<ReportDocumentRow> documents) {
  if (header.deterministic) {
    zero_durations(dossiers, documents);
  }
  const auto by_dossier = [](const auto& a, const auto& b) { return a.dossier_id < b.dossier_id; };
  std::stable_sort(dossiers.begin(), dossiers.end(), by_dossier);
  std::stable_sort(documents.begin(), documents.end(), by_dossier);
  BatchReport report;
  report.started_at = header.started_at;
  report.finished_at = header.finished_at;
  report.complete = header.finished_at.has_value();
  report.exit_code = header.exit_code;
  report.dossiers = std::move(dossiers);
  report.documents = std::move(documents);
  report.recount();
  return report;
}

BatchReport merge_batch_reports(const std::vector<BatchReport>& reports) {
  // For every dossier id: which report supplies its rows.
  std::map<std::string, std::size_t> source;
  std::map<std::string, ReportDossierRow> dossier_rows;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    for (const auto& row : reports[i].dossiers) {
      const auto it = dossier_rows.find(row.dossier_id);
      if (it == dossier_rows.end() || row_rank(row) >= row_rank(it->second)) {
        dossier_rows[row.dossier_id] = row;
        source[row.dossier_id] = i;
      }
    }
  }
  std::vector<ReportDossierRow> dossiers;
  std::vector<ReportDocumentRow> documents;
  for (auto& [id, row] : dossier_rows) {
    dossiers.push_back(std::move(row));
    for (const auto& doc : reports[source[id]].documents) {
      if (doc.dossier_id == id) {
        documents.push_back(doc);
      }
    }
  }
  ReportHeader header;
  bool complete = true;
  int exit_code = 0;
  std::string finished_at;
  for (const auto& r : reports) {
    if (header.started_at.empty() || (!r.started_at.empty() && r.started_at < header.started_at)) {
      header.started_at = r.started_at;
    }
    if (!r.complete || !r.finished_at || !r.exit_code) {
      complete = false;
      continue;
    }
    finished_at = std::max(finished_at, *r.finished_at);
    exit_code = worse_exit_code(exit_code, *r.exit_code);
  }
  if (complete && !reports.empty()) {
    header.finished_at = finished_at;
    header.exit_code = exit_code;
  }
  return render_batch_report(header, std::move(dossiers), std::move(documents));
}

std::vector<fs::path> report_parts(const fs::path& out) {
  std::vector<fs::path> parts;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(out, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.starts_with("batch-report-") && name.ends_with(".json")) {
      parts.push_back(entry.path());
    }
  }
  std::sort(parts.begin(), parts.end());
  if (fs::is_regular_file(out / "batch-report.json", ec)) {
    parts.insert(parts.begin(), out / "batch-report.json");
  }
  return parts;
}

std::size_t merge_report_files(const fs::path& out) {
  const OutputLock lock(out, "batch-report.json");
  const auto parts = report_parts(out);
  if (parts.empty()) {
    throw Error(Stage::config, "no_reports", "no batch-report.json or batch-report-*.json here",
                out.string());
  }
  std::vector<BatchReport> reports;
  for (const auto& part : parts) {
    try {
      reports.push_back(json::parse(read_file(part)).get<BatchReport>());
    } catch (const json::exception& e) {
      throw Error(Stage::output, "bad_report", std::string("not a batch report: ") + e.what(),
                  part.string());
    }
  }
  write_file_atomic(out / "batch-report.json", json(merge_batch_reports(reports)).dump(2) + "\n");
  return parts.size();
}

} // namespace sohoa::pipeline
