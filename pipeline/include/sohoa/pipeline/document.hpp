#pragma once
// One document from decoded pages to its outputs: cleanup and OCR per page (on
// a worker's own OCR engine), then forms, the PDF/A, the signature and the record.
#include "sohoa/core/ocr_types.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/page.hpp"
#include "sohoa/core/record.hpp"
#include "sohoa/forms/analyze.hpp"
#include "sohoa/forms/lexicon.hpp"
#include "sohoa/ocr/engine.hpp"
#include "sohoa/pdf/pdfa_writer.hpp"
#include "sohoa/sign/signer.hpp"
#include "sohoa/pipeline/ingest.hpp"
#include "sohoa/pipeline/logger.hpp"
#include "sohoa/pipeline/run_config.hpp"
#include "sohoa/core/clock.hpp"
#include "sohoa/core/status.hpp"
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sohoa::pipeline {

struct ProcessedPage {
  std::string source;
  int source_page = 1;
  CleanPage clean;
  PageText text;
  double clean_ms = 0;
  double ocr_ms = 0;
  std::vector<PageProblem> problems; // from decoding: the page is reviewed
  // Set by compact_page: clean.archival as the PDF will store it. The pixels are then
  // released, so a long document waits for its PDF in bytes, not in pixels.
  std::shared_ptr<const pdf::EncodedPageImage> encoded;
  // Set instead, with the image's size, when the image is being encoded on another
  // thread (PageEncoder): the record is made meanwhile, the PDF waits for it.
  std::shared_future<std::shared_ptr<const pdf::EncodedPageImage>> encoding;
  cv::Size encoding_size;
};

// Cleanup and OCR of one decoded page. Throws sohoa::Error.
ProcessedPage process_page(RasterPage raster, ocr::OcrEngine& engine);

// Encodes the page's archival image for the PDF and releases the pixels.
// Throws sohoa::Error(Stage::pdf).
void compact_page(ProcessedPage& page, pdf::ImageMode mode);

// The archival image as the PDF will store it (the one encoding compact_page and
// PageEncoder share). Throws sohoa::Error(Stage::pdf).
std::shared_ptr<const pdf::EncodedPageImage> encode_archival(const cv::Mat& image, ColourKind kind,
                                                             double dpi, pdf::ImageMode mode,
                                                             pdf::MrcEffort effort = {});

// True for the record issues write_document makes of pages' decoding problems
// (damaged_page, visible_text_not_kept): they come from the inputs, not from forms, so
// reprocess keeps them.
bool is_page_problem_issue(const RecordIssue& issue);

// Puts such issues ("page N: ...") of an earlier record back on the pages they name.
void restore_page_problems(const std::vector<RecordIssue>& issues,
                           std::vector<ProcessedPage>& pages);

// The archival image's size, from the pixels or, once compacted, the encoded image.
cv::Size archival_size(const ProcessedPage& page);

struct ErrorInfo {
  Stage stage = Stage::pipeline;
  std::string code;
  std::string message;
  std::string file;
  int page = 0;
};
ErrorInfo to_error_info(const Error& error);

struct FileDigest {
  std::string name; // file name (inputs: relative to the dossier folder), valid UTF-8
  std::string sha256;
  long long bytes = 0;
  std::string name_bytes_hex; // the name's raw bytes in hex when `name` had to escape them
  long long mtime_ns = 0;     // modification time when hashed (resume.hpp's short cut)
};

struct DocumentTimings {
  double ingest_ms = 0;
  double clean_ms = 0;
  double ocr_ms = 0;
  double forms_ms = 0;
  double pdf_ms = 0;
  double sign_ms = 0;
  double total_ms = 0;
};

struct DocumentOutcome {
  std::string document_id;
  Status status = Status::failed; // ok | needs_review | failed
  std::string doc_type = "unknown";
  double doc_type_confidence = 0;
  bool doc_type_from_dossier = false; // dossier.json's doc_type, not classification
  int pages = 0;
  int blank_pages = 0;
  std::string result_code; // <dossier code>-KQ<n>
  std::vector<FileDigest> inputs;
  std::vector<FileDigest> outputs;
  std::vector<ErrorInfo> errors;
  std::vector<RecordIssue> issues;
  std::optional<sign::SignResult> signature;
  DocumentTimings timings;
};

// Everything shared read-only by the workers of one run.
struct RunContext {
  std::filesystem::path out;
  std::shared_ptr<const forms::FormCatalog> catalog;
  std::shared_ptr<const forms::Lexicon> lexicon; // null: no post-correction
  std::shared_ptr<const sign::Signer> signer;    // null: unsigned
  sign::SignOptions sign_options;
  pdf::PdfAPart pdfa = pdf::PdfAPart::a2b;
  pdf::ImageMode image_mode = pdf::ImageMode::mrc;
  pdf::MrcEffort mrc_effort = pdf::MrcEffort::smallest;
  bool hocr = false; // also write <document_id>.hocr
  bool deterministic = false;
  const Clock* clock = &run_clock(false); // every instant the outputs carry
  std::string software_version;
  // Called with a document's record (its JSON) once made, before its PDF is written:
  // the counter shows the fields while the PDF is still being made. May be empty.
  std::function<void(const std::string& record_json)> on_record;
};

// Sets what every output of a run shares: its folder, PDF/A part, page images,
// hOCR, and the clock and version its outputs carry (fixed ones when deterministic).
void set_run_outputs(RunContext& context, const std::filesystem::path& out, pdf::PdfAPart pdfa,
                     pdf::ImageMode image_mode, bool hocr, bool deterministic);

// Loads the configured signer (if any) into context. False, after logging why, when
// a signer was asked for and cannot be used: the caller exits 3.
bool load_configured_signer(const SigningConfig& signing, RunContext& context, Logger& log);

// Builds and writes <document_id>.pdf, .json and .alto.xml in out_dir from the
// processed pages. Errors of the document's own content come back in the
// outcome (status failed); a signer or TSA failure throws sohoa::Error with
// Stage::sign so the run can stop (nothing unsigned is written).
DocumentOutcome write_document(const RunContext& context, const DossierInput& dossier,
                               std::size_t document_index, std::vector<ProcessedPage> pages,
                               DocumentOutcome outcome);

// needs_review when a field needs review or validation raised an issue, else ok.
Status status_for(const FormsResult& forms);

// The XMP legal-validity metadata of a document's PDF (CONTRACT.md section 4).
// digitized_at is also the PDF's creation date: pass the same instant to both.
pdf::LegalMetadata legal_metadata(const RunContext& context, const DossierInput& dossier,
                                  const DocumentOutcome& outcome, const std::string& doc_type,
                                  const Timestamp& digitized_at);

// "<dossier code>-KQ<n>" when the dossier has a code, else empty.
std::string result_code_for(const DossierInput& dossier, std::size_t document_index);

} // namespace sohoa::pipeline
