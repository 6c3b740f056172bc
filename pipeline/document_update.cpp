#include "sohoa/pipeline/document_update.hpp"
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/hash.hpp"
#include "sohoa/ocr/alto.hpp"
#include "sohoa/pdf/pdf_reader.hpp"
#include "sohoa/pdf/pdfa_writer.hpp"
#include "sohoa/core/clock.hpp"
#include <nlohmann/json.hpp>

namespace sohoa::pipeline {
namespace fs = std::filesystem;

std::vector<FileDigest> rewrite_document(const RunContext& context, const DossierInput& dossier,
                                         const DocumentRecord& record,
                                         const DocumentOutcome& outcome, const Reviewer& reviewer) {
  const fs::path dir = context.out / dossier.id;
  const std::string& id = outcome.document_id;
  const fs::path pdf_path = dir / (id + ".pdf");
  const fs::path json_path = dir / (id + ".json");
  const fs::path alto_path = dir / (id + ".alto.xml");

  const std::vector<RasterPage> images = pdf::read_pdf_page_images(pdf_path);
  const std::vector<PageText> texts = ocr::from_alto(read_file(alto_path));
  if (images.size() != record.pages.size() || texts.size() != record.pages.size()) {
    throw Error(Stage::output, "inconsistent_outputs",
                "the PDF, the record and the ALTO file disagree on the page count",
                pdf_path.filename().string());
  }
  const std::string record_json = to_json(record).dump(2) + "\n";
  std::vector<pdf::PdfPageInput> pages;
  for (std::size_t i = 0; i < images.size(); ++i) {
    const double dpi = record.pages[i].dpi > 0 ? record.pages[i].dpi : images[i].dpi;
    pages.push_back({images[i].pixels, images[i].kind, dpi, &texts[i]});
  }
  const Timestamp rewritten_at = context.clock->now();
  pdf::LegalMetadata metadata =
      legal_metadata(context, dossier, outcome, record.forms.doc_type, rewritten_at);
  metadata.reviewed_at = reviewer.at;
  metadata.reviewed_by = reviewer.who;
  pdf::PdfWriteOptions options;
  options.part = context.pdfa;
  options.image_mode = context.image_mode;
  options.mrc_effort = context.mrc_effort;
  options.deterministic = context.deterministic;
  options.created_at = rewritten_at;
  if (context.pdfa == pdf::PdfAPart::a3b) {
    options.attachment = pdf::Attachment{id + ".json", "application/json",
                                         "Document record (sohoa.document/1)", record_json};
  }
  TempBeside pdf_temp(pdf_path);
  pdf::write_pdfa(pages, metadata, options, pdf_temp.path());
  // Record first: were the PDF renamed and the record not, the PDF would claim a
  // review the record does not show.
  write_file_atomic(json_path, record_json);
  pdf_temp.commit();

  std::vector<FileDigest> digests;
  for (const fs::path& file : {pdf_path, json_path, alto_path}) {
    digests.push_back(
        {file.filename().string(), sha256_file(file), static_cast<long long>(fs::file_size(file))});
  }
  return digests;
}

} // namespace sohoa::pipeline
