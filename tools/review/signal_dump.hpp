#pragma once
// The review signals of every field sohoa extracted on a generated set, each
// labelled right or wrong against the generator's truth: the data the review
// model is fitted on (docs/REVIEW-CALIBRATION.md).
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "sohoa/forms/analyze.hpp"
#include "sohoa/forms/review_signals.hpp"
#include "tools/score/truth.hpp"

namespace sohoa::review {

struct SignalRow {
  std::string dossier_id;
  std::string document_id;
  std::string doc_type;
  std::string layout; // standard or holdout
  std::string field;
  std::string value; // as the record gives it
  std::string truth; // empty when the truth has no such field
  bool right = false;
  bool flagged = false; // needs_review in the record
  forms::FieldSignals signals;
};

// Re-analyses each document from OUT/<dossier>/<document>.alto.xml (the OCR as
// the record was made from it, with the record's doc_type), takes the record's
// own flags, and compares with the truth. lexicon: as the run had it (null:
// its syllable signal stays 0).
std::vector<SignalRow> collect_signals(const std::vector<score::TruthDoc>& truth,
                                       const std::filesystem::path& out_dir,
                                       const forms::FormCatalog& catalog,
                                       const forms::Lexicon* lexicon = nullptr);

// One header line, then one line per row (comma separated, text quoted).
void write_csv(const std::vector<SignalRow>& rows, std::ostream& out);

} // namespace sohoa::review
