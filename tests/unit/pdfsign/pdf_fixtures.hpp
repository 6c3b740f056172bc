#pragma once
// What the PDF writer, PDF/A-check and XMP tests share: a small signed-off sample
// file, the failed rules of a check as one text for INFO, a path quoted for a shell.
#include "pdf_test_pages.hpp"
#include "sohoa/pdf/pdfa_check.hpp"
#include "sohoa/pdf/pdfa_writer.hpp"
#include "support/scratch.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace sohoa::test {

// A one-page bitonal PDF/A with the metadata the checker's rules look at.
inline std::filesystem::path write_sample_pdf(const ScratchDir& dir) {
  const auto pages = test_pages();
  pdf::LegalMetadata m;
  m.title = "Giấy khai sinh";
  m.dossier_code = "D-1";
  m.officer = "Lê Văn C";
  m.software_version = "0.1.0";
  m.source_sha256 = {std::string(64, 'c')};
  const auto out = dir / "sample.pdf";
  pdf::write_pdfa({{bitonal_page(), ColourKind::bitonal, 300, &pages[0].second}}, m, {}, out);
  return out;
}

// The rules that failed, "rule: detail" one a line (empty when all passed).
inline std::string failed_rules(const std::vector<pdf::PdfACheck>& checks) {
  std::string out;
  for (const auto& c : checks) {
    if (!c.ok) {
      out += c.rule + ": " + c.detail + "\n";
    }
  }
  return out;
}

// The path in single quotes, for the command line of run_capture.
inline std::string shell_quoted(const std::filesystem::path& p) {
  return "'" + p.string() + "'";
}

} // namespace sohoa::test
