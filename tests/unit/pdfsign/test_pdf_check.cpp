// The PDF/A structural checker: passes our files (also after an incremental
// update, as signing appends one) and names the rule a broken file breaks.
#include "pdf_fixtures.hpp"
#include "pdf_test_pages.hpp"
#include "podofo_pages.hpp"
#include "sohoa/pdf/pdfa_check.hpp"
#include "sohoa/pdf/pdfa_writer.hpp"
#include "support/scratch.hpp"

#include "sohoa/core/atomic_file.hpp"

#include <doctest/doctest.h>
#include <podofo/podofo.h>

using namespace sohoa;
using sohoa::test::ScratchDir;

namespace {

bool rule_failed(const std::vector<pdf::PdfACheck>& checks, const std::string& prefix) {
  for (const auto& c : checks) {
    if (!c.ok && c.rule.rfind(prefix, 0) == 0) {
      return true;
    }
  }
  return false;
}

std::string replace_same_length(std::string bytes, const std::string& from, const std::string& to) {
  REQUIRE(from.size() == to.size());
  const auto pos = bytes.find(from);
  REQUIRE(pos != std::string::npos);
  bytes.replace(pos, from.size(), to);
  return bytes;
}

} // namespace

TEST_CASE("our file passes and stays valid after an incremental update") {
  ScratchDir dir("pdfa-check");
  const auto file = test::write_sample_pdf(dir);
  const auto checks = pdf::check_pdfa(file, 2);
  INFO(test::failed_rules(checks));
  CHECK(pdf::pdfa_ok(checks));

  // Append a revision the way a signer does: new object, xref section with
  // /Prev, the same /ID, /Root and /Info.
  std::string bytes = read_file(file);
  const auto trailer_at = bytes.rfind("trailer");
  const auto dict_start = bytes.find("<<", trailer_at);
  const auto dict_end = bytes.find(">>\nstartxref", dict_start);
  REQUIRE(dict_end != std::string::npos);
  std::string trailer = bytes.substr(dict_start, dict_end + 2 - dict_start);
  const auto startxref = bytes.rfind("startxref");
  const long long prev = std::stoll(bytes.substr(startxref + 10));
  const auto size_at = trailer.find("/Size ");
  const int size = std::stoi(trailer.substr(size_at + 6));
  trailer.replace(size_at, 6 + std::to_string(size).size(),
                  "/Size " + std::to_string(size + 1) + "/Prev " + std::to_string(prev));
  const std::size_t obj_at = bytes.size() + 1;
  std::string update = "\n" + std::to_string(size) + " 0 obj\n<</Note (appended)>>\nendobj\n";
  const std::size_t xref_at = bytes.size() + update.size();
  char entry[32];
  std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", obj_at);
  update += "xref\n" + std::to_string(size) + " 1\n" + entry + "trailer\n" + trailer +
            "\nstartxref\n" + std::to_string(xref_at) + "\n%%EOF\n";
  write_file_atomic(dir / "updated.pdf", bytes + update);
  int status = 0;
  const std::string qpdf =
      test::run_capture("qpdf --check '" + (dir / "updated.pdf").string() + "' 2>&1", &status);
  INFO(qpdf);
  CHECK(status == 0);
  const auto updated = pdf::check_pdfa(dir / "updated.pdf", 2);
  INFO(test::failed_rules(updated));
  CHECK(pdf::pdfa_ok(updated));
}

TEST_CASE("an undeclared custom XMP property fails 6.6.2.3.1-1") {
  ScratchDir dir("pdfa-check-ext");
  const auto file = test::write_sample_pdf(dir);
  const std::string broken =
      replace_same_length(read_file(file), "<pdfaProperty:name>officer</pdfaProperty:name>",
                          "<pdfaProperty:name>offices</pdfaProperty:name>");
  write_file_atomic(dir / "broken.pdf", broken);
  const auto checks = pdf::check_pdfa(dir / "broken.pdf");
  INFO(test::failed_rules(checks));
  CHECK(rule_failed(checks, "6.6.2.3.1-1"));
  CHECK(test::failed_rules(checks).find("sohoa:officer") != std::string::npos);
}

TEST_CASE("Info and XMP that disagree are reported") {
  ScratchDir dir("pdfa-check-info");
  const auto file = test::write_sample_pdf(dir);
  const std::string broken = replace_same_length(read_file(file), "<xmp:CreatorTool>sohoa 0.1.0<",
                                                 "<xmp:CreatorTool>sohoa 9.9.9<");
  write_file_atomic(dir / "broken.pdf", broken);
  const auto checks = pdf::check_pdfa(dir / "broken.pdf");
  INFO(test::failed_rules(checks));
  CHECK(rule_failed(checks, "Info dictionary agrees with XMP"));
  CHECK(test::failed_rules(checks).find("Creator") != std::string::npos);
  // The wrong part is caught when a part is expected.
  CHECK(rule_failed(pdf::check_pdfa(file, 3), "6.6.4-1"));
}

TEST_CASE("encrypted and plain PDFs fail the right rules") {
  ScratchDir dir("pdfa-check-enc");
  const auto file = test::write_sample_pdf(dir);
  int status = 0;
  const auto enc = dir / "enc.pdf";
  test::run_capture("qpdf --encrypt '' o 256 -- '" + file.string() + "' '" + enc.string() + "'",
                    &status);
  REQUIRE(status == 0);
  const auto enc_checks = pdf::check_pdfa(enc);
  INFO(test::failed_rules(enc_checks));
  CHECK(rule_failed(enc_checks, "6.1.3-2"));

  {
    using namespace PoDoFo;
    PdfMemDocument doc;
    PdfPage* page = sohoa::test::page_with_helvetica(doc);
    PdfObject* img = doc.GetObjects().CreateObject("XObject");
    img->GetDictionary().AddKey("Subtype", PdfName("Image"));
    img->GetDictionary().AddKey("Interpolate", PdfVariant(true));
    img->GetDictionary().AddKey("Filter", PdfName("LZWDecode"));
    const std::string content = "BT /F1 12 Tf 72 720 Td (Hello) Tj ET";
    page->GetContents()->GetStream()->Set(content.data(), static_cast<pdf_long>(content.size()));
    doc.Write((dir / "plain.pdf").c_str());
  }
  const auto plain = pdf::check_pdfa(dir / "plain.pdf");
  INFO(test::failed_rules(plain));
  CHECK(rule_failed(plain, "6.2.11.4.1-1"));
  CHECK(rule_failed(plain, "6.6.2.1-1"));
  CHECK(rule_failed(plain, "6.2.3-2"));
  CHECK(rule_failed(plain, "6.1.7.2-1"));
  CHECK(rule_failed(plain, "6.2.8-3"));

  write_file_atomic(dir / "empty.pdf", "");
  CHECK_FALSE(pdf::pdfa_ok(pdf::check_pdfa(dir / "empty.pdf")));
  CHECK_FALSE(pdf::pdfa_ok(pdf::check_pdfa(dir / "missing.pdf")));
}
