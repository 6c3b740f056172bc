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

std::string dossier_of(const json& row) { return row.value("dossier_id", ""); }

// Higher wins when several reports hold the same dossier.
int row_rank(const json& dossier_row) {
  if (dossier_row.value("status", "") == "not_finished") {
    return 0;
  }
  return dossier_row.value("skipped", false) ? 1 : 2;
}

void zero_durations(json& dossiers, json& documents) {
  for (auto& d : dossiers) {
    if (d.contains("elapsed_ms")) {
      d["elapsed_ms"] = 0.0;
    }
  }
  for (auto& d : documents) {
    if (d.contains("timings")) {
      for (auto& [name, value] : d["timings"].items()) {
        value = 0.0;
      }
    }
  }
}

int worse_exit_code(int a, int b) {
  auto weight = [](int code) { return code == 0 ? 0 : code == 1 ? 1 : code == 3 ? 3 : 2; };
  return weight(a) >= weight(b) ? a : b;
}

} // namespace

json render_batch_report(const ReportHeader& header, json dossiers, json documents) {
  if (header.deterministic) {
    zero_durations(dossiers, documents);
  }
  const auto by_dossier = [](const json& a, const json& b) { return dossier_of(a) < dossier_of(b); };
  std::stable_sort(dossiers.begin(), dossiers.end(), by_dossier);
  std::stable_sort(documents.begin(), documents.end(), by_dossier);
  int docs_ok = 0;
  int docs_review = 0;
  int docs_failed = 0;
  int pages = 0;
  for (const auto& d : documents) {
    const std::string s = d.value("status", "");
    docs_ok += s == "ok" ? 1 : 0;
    docs_review += s == "needs_review" ? 1 : 0;
    docs_failed += s == "failed" ? 1 : 0;
    pages += d.value("pages", 0);
  }
  int dossiers_failed = 0;
  for (const auto& d : dossiers) {
    dossiers_failed += d.value("status", "") == "failed" ? 1 : 0;
  }
  const bool final = header.finished_at.has_value();
  return {{"schema", "sohoa.batch-report/1"},
          {"started_at", header.started_at},
          {"finished_at", final ? json(*header.finished_at) : json(nullptr)},
          {"complete", final},
          {"exit_code", header.exit_code ? json(*header.exit_code) : json(nullptr)},
          {"totals",
           {{"dossiers", dossiers.size()},
            {"documents", documents.size()},
            {"pages", pages},
            {"ok", docs_ok},
            {"needs_review", docs_review},
            {"failed", docs_failed},
            {"failed_dossiers", dossiers_failed}}},
          {"dossiers", std::move(dossiers)},
          {"documents", std::move(documents)}};
}

json merge_batch_reports(const std::vector<json>& reports) {
  // For every dossier id: which report supplies its rows.
  std::map<std::string, std::size_t> source;
  std::map<std::string, json> dossier_rows;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    for (const auto& row : reports[i].value("dossiers", json::array())) {
      const auto id = dossier_of(row);
      const auto it = dossier_rows.find(id);
      if (it == dossier_rows.end() || row_rank(row) >= row_rank(it->second)) {
        dossier_rows[id] = row;
        source[id] = i;
      }
    }
  }
  json dossiers = json::array();
  json documents = json::array();
  for (auto& [id, row] : dossier_rows) {
    dossiers.push_back(std::move(row));
    for (const auto& doc : reports[source[id]].value("documents", json::array())) {
      if (dossier_of(doc) == id) {
        documents.push_back(doc);
      }
    }
  }
  ReportHeader header;
  bool complete = true;
  int exit_code = 0;
  std::string finished_at;
  for (const auto& r : reports) {
    const auto started = r.value("started_at", std::string());
    if (header.started_at.empty() || (!started.empty() && started < header.started_at)) {
      header.started_at = started;
    }
    if (!r.value("complete", false) || !r["finished_at"].is_string() ||
        !r["exit_code"].is_number_integer()) {
      complete = false;
      continue;
    }
    finished_at = std::max(finished_at, r["finished_at"].get<std::string>());
    exit_code = worse_exit_code(exit_code, r["exit_code"].get<int>());
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
  std::vector<json> reports;
  for (const auto& part : parts) {
    try {
      reports.push_back(json::parse(read_file(part)));
    } catch (const json::exception& e) {
      throw Error(Stage::output, "bad_report", std::string("not a batch report: ") + e.what(),
                  part.string());
    }
  }
  write_file_atomic(out / "batch-report.json", merge_batch_reports(reports).dump(2) + "\n");
  return parts.size();
}

} // namespace sohoa::pipeline
