#include "tools/review/signal_dump.hpp"

#include <nlohmann/json.hpp>

#include "sohoa/forms/review_calibration.hpp"
#include "sohoa/ocr/alto.hpp"
#include "tools/score/output_files.hpp"
#include "tools/score/text_metrics.hpp"

namespace sohoa::review {
namespace {

namespace fs = std::filesystem;

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return out + "\"";
}

std::string list_name(forms::ListSignal signal) {
  switch (signal) {
  case forms::ListSignal::not_applicable:
    return "none";
  case forms::ListSignal::hit:
    return "hit";
  case forms::ListSignal::miss:
    return "miss";
  case forms::ListSignal::unknown_unit:
    return "unknown_unit";
  }
  return "none";
}

void add_document(const score::TruthDoc& t, const fs::path& dir, const forms::FormCatalog& catalog,
                  const forms::Lexicon* lexicon, std::vector<SignalRow>& rows) {
  const auto record_text = score::read_file_if_present(dir / (t.document_id + ".json"));
  const auto alto = score::read_file_if_present(dir / (t.document_id + ".alto.xml"));
  if (!record_text || !alto) {
    return;
  }
  const auto record = nlohmann::json::parse(*record_text, nullptr, false);
  if (!record.is_object() || !record.contains("fields") || !record["fields"].is_object()) {
    return;
  }
  const std::string doc_type = record.value("doc_type", std::string("unknown"));
  const forms::DocumentAnalysis analysis =
      forms::analyze_with_signals(catalog, ocr::from_alto(*alto), doc_type, lexicon);
  for (const auto& [field, v] : record["fields"].items()) {
    const auto signals = analysis.signals.find(field);
    if (!v.is_object() || signals == analysis.signals.end()) {
      continue; // not from this OCR (a clerk's value): nothing to learn from
    }
    SignalRow row;
    row.dossier_id = t.dossier_id;
    row.document_id = t.document_id;
    row.doc_type = doc_type;
    row.layout = t.layout;
    row.field = field;
    row.value = v.value("value", std::string());
    row.flagged = v.value("needs_review", false);
    row.signals = signals->second;
    const auto want = t.fields.find(field);
    if (want != t.fields.end()) {
      row.truth = want->second;
      row.right = score::normalize_value(want->second) == score::normalize_value(row.value);
    }
    rows.push_back(std::move(row));
  }
}

} // namespace

std::vector<SignalRow> collect_signals(const std::vector<score::TruthDoc>& truth,
                                       const fs::path& out_dir, const forms::FormCatalog& catalog,
                                       const forms::Lexicon* lexicon) {
  std::vector<SignalRow> rows;
  for (const auto& t : truth) {
    if (t.expected_status == "failed") {
      continue;
    }
    fs::path dir = out_dir / t.dossier_id;
    if (!fs::exists(dir / (t.document_id + ".json"))) {
      dir = out_dir / t.folder;
    }
    add_document(t, dir, catalog, lexicon, rows);
  }
  return rows;
}

void write_csv(const std::vector<SignalRow>& rows, std::ostream& out) {
  out << "dossier,document,doc_type,layout,field,kind,found_by,list,words,rows,"
         "mean_confidence,min_confidence,label_score,value_confidence,has_rule,"
         "list_corrected,failed_check,agreement,leader_runs,foreign_chars,odd_length,"
         "unknown_syllables,reason,right,"
         "flagged,value,truth\n";
  for (const auto& r : rows) {
    const auto& s = r.signals;
    out << quoted(r.dossier_id) << ',' << quoted(r.document_id) << ',' << r.doc_type << ','
        << r.layout << ',' << r.field << ',' << forms::to_string(s.kind) << ','
        << forms::to_string(s.found_by) << ',' << list_name(s.list) << ',' << s.words << ','
        << s.rows << ',' << s.mean_confidence << ',' << s.min_confidence << ',' << s.label_score
        << ',' << forms::value_confidence(s) << ',' << (s.has_rule ? 1 : 0) << ','
        << (s.list_corrected ? 1 : 0) << ',' << (s.failed_check ? 1 : 0) << ','
        << forms::to_string(s.agreement) << ',' << s.leader_runs << ',' << s.foreign_chars << ','
        << (s.odd_length ? 1 : 0) << ',' << s.unknown_syllables << ','
        << forms::to_string(forms::review_reason(s)) << ',' << (r.right ? 1 : 0) << ','
        << (r.flagged ? 1 : 0) << ',' << quoted(r.value) << ',' << quoted(r.truth) << '\n';
  }
}

} // namespace sohoa::review
