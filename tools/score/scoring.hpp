#pragma once
// Scores the pipeline's records and PDFs (and optionally plain Tesseract text)
// against the generator's truth.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tools/score/text_metrics.hpp"
#include "tools/score/truth.hpp"

namespace sohoa::score {

struct FieldCounts {
  std::size_t truth = 0;             // fields in the truth
  std::size_t predicted = 0;         // fields the record gives
  std::size_t correct = 0;           // given and equal to the truth
  std::size_t unflagged = 0;         // given with needs_review false
  std::size_t unflagged_correct = 0; // of those, equal to the truth
  double precision() const;
  double recall() const;
  double f1() const;
  // CONTRACT §5: the share of unflagged values that are right (1 when none).
  double unflagged_right() const;
  FieldCounts& operator+=(const FieldCounts& o);
};

struct DocScore {
  const TruthDoc* truth = nullptr;
  bool record_found = false;
  bool pdf_found = false;
  bool tesseract_found = false;
  std::string predicted_type;
  std::optional<EditCount> cer_record, wer_record, bow_record;
  std::optional<EditCount> cer_pdf, wer_pdf, cer_tess, wer_tess, bow_tess;
  FieldCounts fields;
  std::map<std::string, bool> field_ok; // per truth field: matched?
  bool failed_as_expected = false;      // for expected_status "failed"
};

struct ScoreOptions {
  std::filesystem::path out_dir; // pipeline output; empty: not scored
  // Plain text per document (DIR/<dossier>/<document_id>.txt) or per input file
  // (DIR/<dossier folder>/<file stem>.txt); empty: not scored.
  std::filesystem::path tesseract_dir;
};

// The text of the non-blank pages: OCR pages matching blank truth pages are dropped
// when the page counts agree.
std::string join_nonblank(const TruthDoc& truth, const std::vector<std::string>& ocr_pages);
std::vector<std::string> split_pages(const std::string& text);
// Runs pdftotext -enc UTF-8 FILE - ; nullopt when it fails.
std::optional<std::string> pdf_text(const std::filesystem::path& pdf);

DocScore score_document(const TruthDoc& truth, const ScoreOptions& options);

struct Aggregate {
  std::size_t docs = 0;
  std::size_t pages = 0;
  std::size_t missing_records = 0;
  std::size_t type_correct = 0;
  EditCount cer_record, wer_record, bow_record, cer_pdf, wer_pdf, cer_tess, wer_tess, bow_tess;
  bool has_record = false, has_pdf = false, has_tess = false;
  FieldCounts fields;
  void add(const DocScore& s);
};

struct Report {
  std::vector<DocScore> documents;
  std::map<std::pair<std::string, std::string>, Aggregate> groups; // (profile, doc_type)
  std::map<std::string, Aggregate> profiles;
  // Per layout family and held-out condition: "standard", "holdout", "holdout:
  // upside_down", ..., "holdout: no condition".
  std::map<std::string, Aggregate> conditions;
  std::map<std::string, std::map<std::string, FieldCounts>> per_field; // doc_type -> field
  Aggregate total;
  std::size_t bad_expected = 0;
  std::size_t bad_failed = 0;
};

Report score_all(const std::vector<TruthDoc>& truth, const ScoreOptions& options);

} // namespace sohoa::score
