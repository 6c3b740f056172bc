#include "sohoa/pipeline/document.hpp"
#include "resume.hpp"
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/hash.hpp"
#include "sohoa/core/timing_span.hpp"
#include "sohoa/imaging/cleanup.hpp"
#include "sohoa/ocr/alto.hpp"
#include "sohoa/ocr/hocr.hpp"
#include "sohoa/forms/identifiers.hpp"
#include "sohoa/forms/record_validation.hpp"
#include "sohoa/pdf/pdfa_writer.hpp"
#include "sohoa/core/build_info.hpp"
#include "sohoa/core/clock.hpp"
#include "read_page.hpp"
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace sohoa::pipeline {
namespace fs = std::filesystem;

ProcessedPage process_page(RasterPage raster, ocr::OcrEngine& engine) {
  ProcessedPage page;
  page.source = raster.source;
  page.source_page = raster.source_page;
  page.problems = std::move(raster.problems);
  Stopwatch clean_watch;
  imaging::CleanupReport report;
  {
    TimingSpan span("page.cleanup");
    imaging::CleanupOptions options;
    options.defer_paper_grain = true; // smoothed when the image is encoded, after reading
    page.clean = imaging::clean_page(raster, options, report);
  }
  page.clean_ms = clean_watch.elapsed_ms();
  raster.pixels.release(); // the decoded scan is no longer needed: keep memory flat
  if (!page.clean.blank) {
    Stopwatch ocr_watch;
    TimingSpan span("page.ocr");
    page.text = read_page(page.clean, report.orientation_applied, engine);
    page.ocr_ms = ocr_watch.elapsed_ms();
  }
  page.text.width = page.clean.archival.cols;
  page.text.height = page.clean.archival.rows;
  page.clean.ocr_image.release(); // only the archival image goes into the PDF
  return page;
}

void compact_page(ProcessedPage& page, pdf::ImageMode mode) {
  if (page.encoded || page.clean.archival.empty()) {
    return;
  }
  TimingSpan span("page.encode");
  imaging::smooth_deferred_paper_grain(page.clean);
  page.encoded = encode_archival(page.clean.archival, page.clean.kind, page.clean.dpi, mode);
  page.clean.archival.release();
}

std::shared_ptr<const pdf::EncodedPageImage> encode_archival(const cv::Mat& image, ColourKind kind,
                                                             double dpi, pdf::ImageMode mode,
                                                             pdf::MrcEffort effort) {
  pdf::PdfWriteOptions options;
  options.image_mode = mode;
  options.mrc_effort = effort;
  return std::make_shared<const pdf::EncodedPageImage>(
      pdf::encode_page_image(image, kind, dpi, options));
}

bool is_page_problem_issue(const RecordIssue& issue) {
  return issue.field.empty() &&
         (issue.code == "damaged_page" || issue.code == "visible_text_not_kept");
}

void restore_page_problems(const std::vector<RecordIssue>& issues,
                           std::vector<ProcessedPage>& pages) {
  for (const auto& issue : issues) {
    std::size_t page = 0;
    int consumed = 0;
    if (!is_page_problem_issue(issue) ||
        std::sscanf(issue.message.c_str(), "page %zu: %n", &page, &consumed) != 1 ||
        consumed == 0 || page < 1 || page > pages.size()) {
      continue;
    }
    pages[page - 1].problems.push_back({issue.code, issue.message.substr(consumed)});
  }
}

cv::Size archival_size(const ProcessedPage& page) {
  if (page.encoded) {
    return {page.encoded->width, page.encoded->height};
  }
  if (page.encoding.valid()) {
    return page.encoding_size;
  }
  return page.clean.archival.size();
}

ErrorInfo to_error_info(const Error& error) {
  return {error.stage(), error.code(), error.what(), error.file(), error.page()};
}

std::string result_code_for(const DossierInput& dossier, std::size_t document_index) {
  if (dossier.metadata.dossier_code.empty()) {
    return {};
  }
  return dossier.metadata.dossier_code + "-KQ" + std::to_string(document_index + 1);
}

void set_run_outputs(RunContext& context, const fs::path& out, pdf::PdfAPart pdfa,
                     pdf::ImageMode image_mode, bool hocr, bool deterministic) {
  context.out = out;
  context.pdfa = pdfa;
  context.image_mode = image_mode;
  context.hocr = hocr;
  context.deterministic = deterministic;
  context.clock = &run_clock(deterministic);
  context.software_version = sohoa::software_version();
}

bool load_configured_signer(const SigningConfig& signing, RunContext& context, Logger& log) {
  if (!signing.enabled) {
    return true;
  }
  try {
    context.signer = sign::load_signer(signing.source);
    context.sign_options = signing.options;
    return true;
  } catch (const Error& e) {
    log.error(e.file(), e.code(), e.what());
    return false;
  }
}

Status status_for(const FormsResult& forms) {
  // CONTRACT §5: a document of no known type, or with no field read, is for review.
  bool review = !forms.issues.empty() || forms.doc_type == "unknown" || forms.fields.empty();
  for (const auto& [id, field] : forms.fields) {
    review = review || field.needs_review;
  }
  return review ? Status::needs_review : Status::ok;
}

namespace {

// What decoding found wrong with pages becomes issues of the document (so it is
// reviewed), each naming the page of the document and the file's own page.
void add_page_problems(const std::vector<ProcessedPage>& pages, std::vector<RecordIssue>& issues) {
  for (std::size_t i = 0; i < pages.size(); ++i) {
    for (const auto& problem : pages[i].problems) {
      issues.push_back(
          {"", problem.code, "page " + std::to_string(i + 1) + ": " + problem.message});
    }
  }
}

// A document whose every page is damaged and came out blank holds nothing a reader
// could use: it fails rather than be archived as empty pages.
std::optional<std::string> nothing_usable(const std::vector<ProcessedPage>& pages) {
  std::string reasons;
  for (const auto& page : pages) {
    const auto damaged =
        std::find_if(page.problems.begin(), page.problems.end(),
                     [](const PageProblem& p) { return p.code == "damaged_page"; });
    if (damaged == page.problems.end() || !page.clean.blank) {
      return std::nullopt;
    }
    if (reasons.empty()) {
      reasons = damaged->message;
    }
  }
  if (pages.empty()) {
    return std::nullopt;
  }
  return "no page decoded to anything usable: " + reasons;
}

DocumentRecord build_record(const DossierInput& dossier, const std::string& document_id,
                            const std::vector<ProcessedPage>& pages, FormsResult forms) {
  DocumentRecord record;
  record.dossier_id = dossier.id;
  record.document_id = document_id;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const auto& p = pages[i];
    PageInfo info;
    info.index = static_cast<int>(i + 1);
    info.source = p.source;
    info.source_page = p.source_page;
    info.width = archival_size(p).width;
    info.height = archival_size(p).height;
    info.dpi = p.clean.dpi;
    info.rotation = p.clean.rotation;
    info.skew_deg = p.clean.skew_deg;
    info.blank = p.clean.blank;
    info.ocr_confidence = p.text.confidence;
    record.pages.push_back(info);
    if (i > 0) {
      record.text += '\f';
    }
    record.text += p.text.plain_text();
  }
  record.forms = std::move(forms);
  return record;
}

} // namespace

pdf::LegalMetadata legal_metadata(const RunContext& context, const DossierInput& dossier,
                                  const DocumentOutcome& outcome, const std::string& doc_type,
                                  const Timestamp& digitized_at) {
  pdf::LegalMetadata m;
  m.title = dossier.id + " / " + outcome.document_id;
  m.dossier_code =
      dossier.metadata.dossier_code.empty() ? dossier.id : dossier.metadata.dossier_code;
  m.document_id = outcome.document_id;
  m.doc_type = doc_type;
  m.procedure_code = dossier.metadata.procedure_code;
  m.agency_code = dossier.metadata.agency_code;
  m.agency_name = dossier.metadata.agency_name;
  m.officer = dossier.metadata.officer;
  m.digitized_at = to_iso8601(digitized_at);
  for (const auto& input : outcome.inputs) {
    m.source_sha256.push_back(input.sha256);
  }
  m.software_version = context.software_version;
  m.result_code = outcome.result_code;
  return m;
}

DocumentOutcome write_document(const RunContext& context, const DossierInput& dossier,
                               std::size_t document_index, std::vector<ProcessedPage> pages,
                               DocumentOutcome outcome) {
  const fs::path dir = context.out / dossier.id;
  const std::string& id = outcome.document_id;
  outcome.result_code = result_code_for(dossier, document_index);
  outcome.pages = static_cast<int>(pages.size());
  if (!outcome.errors.empty()) {
    outcome.status = Status::failed;
    return outcome;
  }

  std::vector<PageText> texts;
  texts.reserve(pages.size());
  for (const auto& p : pages) {
    texts.push_back(p.text);
    outcome.blank_pages += p.clean.blank ? 1 : 0;
  }

  if (const std::optional<std::string> reason = nothing_usable(pages)) {
    outcome.errors.push_back({Stage::ingest, "corrupt_image", *reason, pages.front().source, 0});
    outcome.status = Status::failed;
    return outcome;
  }

  Stopwatch forms_watch;
  if (context.lexicon) {
    // Before extraction and before the text layer: both get the corrected words.
    forms::post_correct(texts, *context.lexicon);
  }
  FormsResult forms;
  try {
    std::optional<std::string> override_type;
    if (document_index < dossier.documents.size()) {
      override_type = dossier.documents[document_index].doc_type;
    }
    outcome.doc_type_from_dossier = override_type.has_value();
    forms = forms::analyze(*context.catalog, texts, override_type, context.lexicon.get());
    // CONTRACT §5: dossier.json's dossier code is checked like every identifier.
    if (const std::string& code = dossier.metadata.dossier_code; !code.empty()) {
      for (auto& finding : forms::check_dossier_code(code)) {
        forms.issues.push_back({"", std::move(finding.code),
                                "dossier.json dossier_code: " + std::move(finding.message)});
      }
    }
  } catch (const Error& e) {
    outcome.errors.push_back(to_error_info(e));
    outcome.status = Status::failed;
    return outcome;
  }
  outcome.timings.forms_ms = forms_watch.elapsed_ms();
  add_page_problems(pages, forms.issues);
  outcome.doc_type = forms.doc_type;
  outcome.doc_type_confidence = forms.doc_type_confidence;
  outcome.issues = forms.issues;

  // build_record takes each page's text from pages: give it the corrected words.
  for (std::size_t i = 0; i < pages.size(); ++i) {
    pages[i].text = texts[i];
  }
  DocumentRecord record = build_record(dossier, id, pages, std::move(forms));
  nlohmann::json record_value = to_json(record);
  // What we write must match schemas/: a violation is a defect, shown for review.
  for (const auto& violation : forms::validate_record(record_value, *context.catalog)) {
    record.forms.issues.push_back({"", "schema_violation", violation});
  }
  if (record.forms.issues.size() != outcome.issues.size()) {
    outcome.issues = record.forms.issues;
    record_value = to_json(record);
  }
  const std::string record_json = record_value.dump(2) + "\n";
  if (context.on_record) {
    context.on_record(record_json);
  }

  const fs::path pdf_path = dir / (id + ".pdf");
  const fs::path json_path = dir / (id + ".json");
  const fs::path alto_path = dir / (id + ".alto.xml");
  TempBeside pdf_temp(pdf_path);
  try {
    Stopwatch pdf_watch;
    std::vector<pdf::PdfPageInput> pdf_pages;
    pdf_pages.reserve(pages.size());
    for (std::size_t i = 0; i < pages.size(); ++i) {
      if (!pages[i].encoded && pages[i].encoding.valid()) {
        pages[i].encoded = pages[i].encoding.get(); // encoded while the record was made
      }
      if (!pages[i].encoded) {
        imaging::smooth_deferred_paper_grain(pages[i].clean);
      }
      pdf_pages.push_back({pages[i].clean.archival, pages[i].clean.kind, pages[i].clean.dpi,
                           &texts[i], pages[i].encoded});
    }
    pdf::PdfWriteOptions options;
    options.part = context.pdfa;
    options.image_mode = context.image_mode;
    options.mrc_effort = context.mrc_effort;
    options.deterministic = context.deterministic;
    const Timestamp digitized_at = context.clock->now();
    options.created_at = digitized_at;
    if (context.pdfa == pdf::PdfAPart::a3b) {
      options.attachment = pdf::Attachment{id + ".json", "application/json",
                                           "Document record (sohoa.document/1)", record_json};
    }
    pdf::write_pdfa(pdf_pages,
                    legal_metadata(context, dossier, outcome, record.forms.doc_type, digitized_at),
                    options, pdf_temp.path());
    outcome.timings.pdf_ms = pdf_watch.elapsed_ms();
    pdf_pages.clear();
    pages.clear(); // images are in the PDF now

    if (context.signer) {
      Stopwatch sign_watch;
      sign::SignOptions sign_options = context.sign_options;
      if (sign_options.agency_name.empty()) {
        sign_options.agency_name = dossier.metadata.agency_name;
      }
      if (!sign_options.signing_time) {
        sign_options.signing_time = unix_seconds(context.clock->now());
      }
      outcome.signature = sign::sign_pdf(pdf_temp.path(), *context.signer, sign_options);
      outcome.timings.sign_ms = sign_watch.elapsed_ms();
    }
    pdf_temp.commit();
  } catch (const Error& e) {
    if (e.stage() == Stage::sign) {
      throw; // the run stops: a configured signer or TSA could not be used
    }
    outcome.errors.push_back(to_error_info(e));
    outcome.status = Status::failed;
    return outcome;
  }

  ocr::AltoInfo alto_info;
  alto_info.source_image = id;
  alto_info.software_version = context.software_version;
  for (const auto& page : record.pages) {
    alto_info.page_dpi.push_back(page.dpi);
  }
  write_file_atomic(alto_path, ocr::to_alto(texts, alto_info));
  const fs::path hocr_path = dir / (id + ".hocr");
  if (context.hocr) {
    write_file_atomic(hocr_path, ocr::to_hocr(texts, alto_info));
  }
  write_file_atomic(json_path, record_json);

  outcome.outputs.push_back(digest_file(pdf_path, pdf_path.filename().string()));
  outcome.outputs.push_back(digest_file(json_path, json_path.filename().string()));
  outcome.outputs.push_back(digest_file(alto_path, alto_path.filename().string()));
  if (context.hocr) {
    outcome.outputs.push_back(digest_file(hocr_path, hocr_path.filename().string()));
  }
  if (context.deterministic) {
    // Output mtimes differ from run to run: deterministic manifests leave them out,
    // and resume then checks the outputs by their hashes alone.
    for (auto& digest : outcome.outputs) {
      digest.mtime_ns = 0;
    }
  }
  outcome.status = status_for(record.forms);
  return outcome;
}

} // namespace sohoa::pipeline
