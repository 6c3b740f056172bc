#include "sohoa/pipeline/reprocess.hpp"
#include "sohoa/core/build_info.hpp"
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/hash.hpp"
#include "sohoa/ocr/alto.hpp"
#include "sohoa/pdf/pdf_reader.hpp"
#include "sohoa/sign/timestamp_renewal.hpp"
#include "sohoa/pipeline/batch_runner.hpp"
#include "sohoa/core/clock.hpp"
#include "sohoa/pipeline/document.hpp"
#include "sohoa/core/name_text.hpp"
#include "json_file.hpp"
#include "sohoa/pipeline/manifest.hpp"
#include "resume.hpp"
#include <nlohmann/json.hpp>

namespace sohoa::pipeline {
namespace fs = std::filesystem;

DossierInput dossier_from_manifest(const fs::path& dir, const Manifest& manifest) {
  DossierInput d;
  d.id = manifest.dossier_id.empty() ? dir.filename().string() : manifest.dossier_id;
  d.folder = dir;
  const ManifestDossier& m = manifest.dossier;
  d.metadata.dossier_code = m.dossier_code;
  if (d.metadata.dossier_code == d.id && !manifest.documents.empty() &&
      manifest.documents[0].result_code.empty()) {
    d.metadata.dossier_code.clear(); // the id was the folder name, not a dossier code
  }
  d.metadata.procedure_code = m.procedure_code;
  d.metadata.agency_code = m.agency_code;
  d.metadata.agency_name = m.agency_name;
  d.metadata.officer = m.officer;
  for (const auto& doc : manifest.documents) {
    DocumentInput input;
    input.id = doc.document_id;
    if (doc.doc_type_from_dossier) {
      input.doc_type = doc.doc_type;
    }
    d.documents.push_back(std::move(input));
  }
  return d;
}

namespace {

// Equal up to confidences: ALTO keeps word confidences to three decimals, so a
// field's confidence may move in its last digit without anything having changed.
bool same_forms(const FormsResult& a, const DocumentRecord& old) {
  auto comparable = [&](const FormsResult& forms) {
    nlohmann::json j = to_json(DocumentRecord{old.dossier_id, old.document_id, {}, forms, {}});
    for (auto& field : j["fields"]) {
      field.erase("confidence");
    }
    return j;
  };
  return comparable(a) == comparable(old.forms);
}

// Decoded page images of the stored PDF with the OCR words of the ALTO file.
std::vector<ProcessedPage> pages_from_outputs(const fs::path& pdf_path,
                                              const DocumentRecord& record,
                                              std::vector<PageText> texts) {
  std::vector<RasterPage> images = pdf::read_pdf_page_images(pdf_path);
  if (images.size() != record.pages.size() || texts.size() != record.pages.size()) {
    throw Error(Stage::output, "inconsistent_outputs",
                "the PDF, the record and the ALTO file disagree on the page count",
                pdf_path.filename().string());
  }
  std::vector<ProcessedPage> pages;
  for (std::size_t i = 0; i < images.size(); ++i) {
    ProcessedPage p;
    p.source = record.pages[i].source;
    p.source_page = record.pages[i].source_page;
    p.clean.archival = std::move(images[i].pixels);
    p.clean.kind = images[i].kind;
    p.clean.dpi = record.pages[i].dpi > 0 ? record.pages[i].dpi : images[i].dpi;
    p.clean.rotation = record.pages[i].rotation;
    p.clean.skew_deg = record.pages[i].skew_deg;
    p.clean.blank = record.pages[i].blank;
    p.text = std::move(texts[i]);
    pages.push_back(std::move(p));
  }
  restore_page_problems(record.forms.issues, pages);
  return pages;
}

// The stored record; a file that does not parse or does not hold a record is an Error
// naming it (never the parser's own text).
DocumentRecord record_from_file(const fs::path& json_path) {
  const nlohmann::json value = read_json_file(json_path, "the document record");
  try {
    return document_record_from_json(value);
  } catch (const std::exception&) {
    throw Error(Stage::output, "corrupt_record",
                "the document record is not a sohoa.document/1 record",
                escape_invalid_utf8(json_path.string()));
  }
}

class Reprocessor {
public:
  Reprocessor(const ReprocessConfig& config, Logger& log) : m_config(config), m_log(log) {}

  int run() {
    std::error_code ec;
    if (!fs::is_directory(m_config.out, ec)) {
      m_log.error(m_config.out.string(), "no_output", "not a folder of earlier output");
      return k_exit_usage;
    }
    try {
      m_context.catalog = forms::FormCatalog::load(resolve_schemas_dir(m_config.schemas_dir));
      // The review flags weigh the lexicon as a run does (review_signals.hpp).
      m_context.lexicon = forms::Lexicon::load(*m_context.catalog);
      m_versions = gather_versions(ocr::OcrOptions{});
    } catch (const Error& e) {
      m_log.error(e.file(), e.code(), e.what());
      return k_exit_usage;
    }
    if (!load_configured_signer(m_config.signing, m_context, m_log)) {
      return k_exit_signer;
    }
    constexpr bool rewrite_hocr = false; // set per document below, where it had one
    set_run_outputs(m_context, m_config.out, m_config.pdfa, m_config.image_mode, rewrite_hocr,
                    m_config.deterministic);

    std::vector<fs::path> dirs;
    for (const auto& entry : fs::directory_iterator(m_config.out, ec)) {
      if (entry.is_directory()) {
        dirs.push_back(entry.path());
      }
    }
    std::sort(dirs.begin(), dirs.end());
    bool any_failed = false;
    int dossiers = 0;
    for (const auto& dir : dirs) {
      const ManifestFile manifest = read_manifest_file(dir / "manifest.json");
      if (manifest.state == ManifestFile::State::corrupt) {
        // Named and counted as failed: a damaged record must not pass unnoticed.
        m_log.error(dir.filename().string() + "/manifest.json", "corrupt_manifest",
                    manifest.problem + "; the dossier is left as it is");
        ++dossiers;
        any_failed = true;
        continue;
      }
      if (manifest.state != ManifestFile::State::complete) {
        continue; // not a finished dossier: `sohoa run` completes it
      }
      ++dossiers;
      try {
        any_failed = reprocess_dossier(dir, manifest.value) || any_failed;
      } catch (const Error& e) {
        if (e.stage() == Stage::sign) {
          m_log.error(e.file(), e.code(), e.what());
          return k_exit_signer;
        }
        m_log.error(dir.filename().string(), e.code(), e.describe());
        any_failed = true;
      } catch (const std::exception& e) {
        m_log.error(dir.filename().string(), "internal_error", e.what());
        any_failed = true;
      }
    }
    if (dossiers == 0) {
      m_log.error(m_config.out.string(), "no_output", "no complete dossier found to reprocess");
      return k_exit_usage;
    }
    return any_failed ? k_exit_some_failed : k_exit_ok;
  }

private:
  // Returns true when a document of the dossier failed.
  bool reprocess_dossier(const fs::path& dir, const Manifest& manifest) {
    const DossierInput dossier = dossier_from_manifest(dir, manifest);
    const std::string& pdfa_before = manifest.pdfa;
    const std::string pdfa_now = m_config.pdfa == pdf::PdfAPart::a3b ? "3b" : "2b";
    ManifestInput in;
    in.dossier = &dossier;
    in.versions = &m_versions;
    in.started_at = manifest.started_at;
    in.pdfa = pdfa_now;
    bool failed = false;
    bool document_failed = false;
    std::size_t index = 0;
    for (const auto& entry : manifest.documents) {
      DocumentOutcome outcome = outcome_from(entry);
      if (outcome.status != Status::failed) {
        try {
          outcome = reprocess_document(dir, dossier, index, outcome, pdfa_before != pdfa_now);
        } catch (const Error& e) {
          if (e.stage() == Stage::sign) {
            throw;
          }
          // Its outputs stay as they were and the manifest keeps their old hashes:
          // `sohoa run` then sees the damaged file and redoes the dossier.
          m_log.error(e.file().empty() ? dossier.id + "/" + outcome.document_id : e.file(),
                      e.code(), std::string(e.what()) + "; the document is left as it was");
          document_failed = true;
        }
      }
      failed = failed || outcome.status == Status::failed;
      in.documents.push_back(std::move(outcome));
      ++index;
    }
    if (m_context.signer) {
      in.signer = m_context.signer->certificate();
    }
    in.finished_at = to_iso8601(m_context.clock->now());
    Manifest updated = build_manifest(in);
    if (!m_context.signer) {
      updated.signer = manifest.signer; // the signatures in the PDFs are the earlier ones
    }
    updated.reprocessed_at = in.finished_at;
    updated.events = manifest.events; // the counter's log of the dossier goes on
    if (!m_renewed.empty()) {
      if (!updated.events || !updated.events->is_array()) {
        updated.events = nlohmann::json::array();
      }
      updated.events->push_back(
          {{"event", "timestamps_renewed"}, {"at", in.finished_at}, {"documents", m_renewed}});
      m_renewed = nlohmann::json::array();
    }
    write_file_atomic(dir / "manifest.json", nlohmann::json(updated).dump(2) + "\n");
    return failed || document_failed;
  }

  DocumentOutcome reprocess_document(const fs::path& dir, const DossierInput& dossier,
                                     std::size_t index, DocumentOutcome outcome,
                                     bool pdfa_changed) {
    const std::string& id = outcome.document_id;
    const fs::path json_path = dir / (id + ".json");
    const fs::path pdf_path = dir / (id + ".pdf");
    const DocumentRecord old = record_from_file(json_path);
    std::vector<PageText> texts = ocr::from_alto(read_file(dir / (id + ".alto.xml")));
    FormsResult forms = forms::analyze(*m_context.catalog, texts, dossier.documents[index].doc_type,
                                       m_context.lexicon.get());
    // What decoding found wrong with the inputs still holds: keep it in the record.
    for (const auto& issue : old.forms.issues) {
      if (is_page_problem_issue(issue)) {
        forms.issues.push_back(issue);
      }
    }
    const bool forms_changed = !same_forms(forms, old);
    // The PDF holds doc_type in its XMP, and the whole record when it is PDF/A-3.
    const bool pdf_changed = pdfa_changed || forms.doc_type != old.forms.doc_type ||
                             (forms_changed && m_config.pdfa == pdf::PdfAPart::a3b);
    if (pdf_changed) {
      if (outcome.signature && !m_context.signer) {
        m_log.warning(dossier.id + "/" + id,
                      "the PDF needs rebuilding but is signed: give a signer to re-sign it; "
                      "the record is updated, the PDF kept");
      } else {
        auto pages = pages_from_outputs(pdf_path, old, std::move(texts));
        const auto inputs = outcome.inputs;
        DocumentOutcome fresh;
        fresh.document_id = id;
        fresh.inputs = inputs;
        // A document written with --hocr keeps its hOCR file, rewritten with the rest.
        RunContext context = m_context;
        context.hocr = fs::exists(dir / (id + ".hocr"));
        fresh = write_document(context, dossier, index, std::move(pages), std::move(fresh));
        m_log.info(dossier.id + "/" + id + ": rebuilt (" + fresh.doc_type + ")");
        return fresh;
      }
    }
    if (forms_changed) {
      DocumentRecord record = old;
      record.forms = forms;
      write_file_atomic(json_path, to_json(record).dump(2) + "\n");
      m_log.info(dossier.id + "/" + id + ": record updated");
    }
    if (m_config.resign) {
      sign::SignOptions options = m_context.sign_options;
      if (options.agency_name.empty()) {
        options.agency_name = dossier.metadata.agency_name;
      }
      if (!options.signing_time) {
        options.signing_time = unix_seconds(m_context.clock->now());
      }
      outcome.signature = sign::sign_pdf(pdf_path, *m_context.signer, options);
      m_log.info(dossier.id + "/" + id + ": signed again (" + outcome.signature->level + ")");
    }
    if (m_config.renew_timestamps) {
      renew_timestamp(dossier.id + "/" + id, pdf_path);
    }
    outcome.doc_type = forms.doc_type;
    outcome.doc_type_confidence = forms.doc_type_confidence;
    outcome.issues = forms.issues;
    outcome.status = status_for(forms);
    outcome.outputs.clear();
    for (const auto& name : {id + ".pdf", id + ".json", id + ".alto.xml"}) {
      outcome.outputs.push_back(digest_file(dir / name, name));
      if (m_context.deterministic) {
        outcome.outputs.back().mtime_ns = 0; // as write_document: no run-dependent bytes
      }
    }
    return outcome;
  }

  // B-LTA renewal of one PDF; anything else is reported and left alone.
  void renew_timestamp(const std::string& where, const fs::path& pdf_path) {
    const sign::RenewalResult result =
        sign::renew_document_timestamp(pdf_path, {m_config.renew_tsa_url, m_config.renew_crls});
    if (!result.renewed) {
      m_log.warning(where, "not B-LTA (" + result.not_renewed_reason +
                               "): no time-stamp added, the PDF is left as it is");
      return;
    }
    m_log.info(where + ": document time-stamp renewed (" + result.timestamp_time + ", " +
               std::to_string(result.document_timestamps) + " in the file)");
    m_renewed.push_back({{"document_id", pdf_path.stem().string()},
                         {"timestamp_time", result.timestamp_time},
                         {"document_timestamps", result.document_timestamps}});
  }

  const ReprocessConfig& m_config;
  Logger& m_log;
  nlohmann::json m_renewed = nlohmann::json::array(); // this dossier's renewals
  RunContext m_context;
  EngineVersions m_versions;
};

} // namespace

int run_reprocess(const ReprocessConfig& config, Logger& log) {
  Reprocessor reprocessor(config, log);
  return reprocessor.run();
}

} // namespace sohoa::pipeline
