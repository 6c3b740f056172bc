#include "sohoa/core/clock.hpp"
#include "sohoa/pipeline/warm_pipeline.hpp"
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/build_info.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/hash.hpp"
#include "sohoa/forms/record_validation.hpp"
#include "sohoa/pipeline/batch_runner.hpp"
#include "task_errors.hpp"
#include <atomic>
#include <thread>

namespace sohoa::pipeline {
namespace fs = std::filesystem;

WarmPipeline::WarmPipeline(const RunConfig& config, int engines) : m_config(config) {
  m_context.catalog = forms::FormCatalog::load(resolve_schemas_dir(m_config.schemas_dir));
  if (m_config.post_correct) {
    m_context.lexicon = forms::Lexicon::load(*m_context.catalog);
  }
  m_context.out = m_config.out;
  m_context.pdfa = m_config.pdfa;
  m_context.deterministic = m_config.deterministic;
  m_context.clock = &run_clock(m_config.deterministic);
  m_context.software_version = sohoa::software_version();
  ocr::OcrOptions ocr_options;
  ocr_options.languages = m_config.languages;
  ocr_options.tessdata_dir = m_config.tessdata_dir;
  for (int i = 0; i < std::max(1, engines); ++i) {
    m_engines.push_back(std::make_unique<ocr::OcrEngine>(ocr_options));
  }
  m_versions = gather_versions(ocr_options);
}

WarmPipeline::~WarmPipeline() = default;

std::vector<ProcessedPage> WarmPipeline::read_pages(std::vector<RasterPage> rasters,
                                                    std::vector<std::optional<ErrorInfo>>& errors) {
  std::vector<ProcessedPage> pages(rasters.size());
  errors.assign(rasters.size(), std::nullopt);
  std::atomic<std::size_t> next{0};
  auto work = [&](ocr::OcrEngine& engine) {
    for (std::size_t i = next++; i < rasters.size(); i = next++) {
      const std::string source = rasters[i].source;
      const int source_page = rasters[i].source_page;
      try {
        pages[i] = process_page(std::move(rasters[i]), engine);
      } catch (...) {
        errors[i] = page_task_error(std::current_exception(), source, source_page);
      }
    }
  };
  const std::size_t threads = std::min(m_engines.size(), rasters.size());
  std::vector<std::thread> helpers;
  for (std::size_t t = 1; t < threads; ++t) {
    helpers.emplace_back(work, std::ref(*m_engines[t]));
  }
  work(*m_engines.front());
  for (auto& h : helpers) {
    h.join();
  }
  return pages;
}

WarmPipeline::Ingested WarmPipeline::ingest_document(const DossierInput& dossier,
                                                     std::size_t index) {
  const DocumentInput& input = dossier.documents[index];
  Stopwatch watch;
  Ingested doc;
  DocumentOutcome& outcome = doc.outcome;
  outcome.document_id = input.id;
  for (const auto& [id, message] : dossier.document_errors) {
    if (id == input.id) {
      outcome.errors.push_back({Stage::ingest, "bad_input", message, "", 0});
    }
  }
  for (const auto& file : input.files) {
    const std::string name = source_name(dossier, file);
    try {
      outcome.inputs.push_back(
          {name, sha256_file(file), static_cast<long long>(fs::file_size(file))});
      if (outcome.errors.empty()) {
        auto file_pages = load_pages(file, m_config.default_dpi, m_config.limits, name);
        std::move(file_pages.begin(), file_pages.end(), std::back_inserter(doc.rasters));
        if (static_cast<int>(doc.rasters.size()) > m_config.limits.max_pages_per_document) {
          throw Error(Stage::ingest, "too_many_pages",
                      "document has more than " +
                          std::to_string(m_config.limits.max_pages_per_document) + " pages",
                      name);
        }
      }
    } catch (const Error& e) {
      outcome.errors.push_back(to_error_info(e));
    } catch (const std::exception& e) {
      outcome.errors.push_back({Stage::ingest, "unreadable_file", e.what(), name, 0});
    }
  }
  if (outcome.errors.empty() && doc.rasters.empty()) {
    outcome.errors.push_back({Stage::ingest, "no_pages", "the document has no pages", "", 0});
  }
  if (!outcome.errors.empty()) {
    doc.rasters.clear();
  }
  outcome.timings.ingest_ms = watch.elapsed_ms();
  return doc;
}

DocumentOutcome WarmPipeline::finish_document(const DossierInput& dossier, std::size_t index,
                                              std::vector<ProcessedPage> pages,
                                              DocumentOutcome outcome) {
  Stopwatch watch;
  try {
    outcome = write_document(m_context, dossier, index, std::move(pages), std::move(outcome));
  } catch (const Error& e) {
    outcome.errors.push_back(to_error_info(e));
    outcome.status = Status::failed;
  } catch (...) {
    outcome.errors.push_back(task_error(std::current_exception()));
    outcome.status = Status::failed;
  }
  outcome.timings.total_ms = outcome.timings.ingest_ms + outcome.timings.clean_ms +
                             outcome.timings.ocr_ms + watch.elapsed_ms();
  return outcome;
}

Manifest WarmPipeline::process(const DossierInput& dossier) {
  const fs::path dir = m_config.out / dossier.id;
  fs::create_directories(dir);
  ManifestInput in;
  in.dossier = &dossier;
  in.versions = &m_versions;
  in.started_at = to_iso8601(m_context.clock->now());
  in.pdfa = m_config.pdfa == pdf::PdfAPart::a3b ? "3b" : "2b";
  // Every page of the dossier goes to the engines at once: two one-page documents
  // are read side by side as well as one two-page document.
  std::vector<Ingested> documents;
  std::vector<RasterPage> rasters;
  for (std::size_t i = 0; i < dossier.documents.size(); ++i) {
    documents.push_back(ingest_document(dossier, i));
    for (auto& r : documents.back().rasters) {
      rasters.push_back(std::move(r));
    }
  }
  std::vector<std::optional<ErrorInfo>> errors;
  std::vector<ProcessedPage> pages = read_pages(std::move(rasters), errors);
  std::size_t next = 0;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    DocumentOutcome& outcome = documents[i].outcome;
    std::vector<ProcessedPage> own;
    for (std::size_t p = 0; p < documents[i].rasters.size(); ++p, ++next) {
      if (errors[next]) {
        outcome.errors.push_back(*errors[next]);
      }
      outcome.timings.clean_ms += pages[next].clean_ms;
      outcome.timings.ocr_ms += pages[next].ocr_ms;
      own.push_back(std::move(pages[next]));
    }
    in.documents.push_back(finish_document(dossier, i, std::move(own), std::move(outcome)));
  }
  in.finished_at = to_iso8601(m_context.clock->now());
  Manifest manifest = build_manifest(in);
  write_file_atomic(dir / "manifest.json", nlohmann::json(manifest).dump(2) + "\n");
  return manifest;
}

} // namespace sohoa::pipeline
