// The PDF/A writer checked with the real tools: pdftotext, qpdf, pdfimages,
// pdfinfo, pdfdetach, pdffonts, and our own PDF/A checker.
#include "pdf_fixtures.hpp"
#include "pdf_test_pages.hpp"
#include "sohoa/pdf/pdf_reader.hpp"
#include "sohoa/pdf/pdfa_check.hpp"
#include "sohoa/pdf/pdfa_writer.hpp"
#include "support/scratch.hpp"

#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <sstream>

using namespace sohoa;
using sohoa::test::run_capture;
using sohoa::test::ScratchDir;

namespace {

pdf::LegalMetadata sample_metadata() {
  pdf::LegalMetadata m;
  m.title = "Tờ khai đăng ký khai sinh <A&B>";
  m.dossier_code = "000.00.16.H29-261122-0001";
  m.document_id = "to-khai";
  m.doc_type = "birth_registration_form";
  m.procedure_code = "1.001193";
  m.agency_code = "000.00.16.H29";
  m.agency_name = "UBND phường Bến Nghé";
  m.officer = "Trần Thị B";
  m.digitized_at = "2026-11-22T10:00:00+07:00";
  m.source_sha256 = {std::string(64, 'a'), std::string(64, 'b')};
  m.software_version = "0.1.0";
  m.result_code = "000.00.16.H29-261122-0001-KQ1";
  return m;
}

} // namespace

TEST_CASE("pdftotext extracts the invisible text layer as the OCR text") {
  ScratchDir dir("pdf-text");
  double worst = 0;
  std::size_t chars = 0;
  std::size_t errors = 0;
  for (auto& [name, text] : test::test_pages()) {
    const cv::Mat img(text.height, text.width, CV_8UC1, cv::Scalar(255));
    const auto out = dir / (name + ".pdf");
    pdf::write_pdfa({{img, ColourKind::grey, 300, &text}}, sample_metadata(), {}, out);
    const std::string want = test::normalize_lines(text.plain_text());
    for (const std::string mode : {"", "-layout"}) {
      // Layout mode prints what is side by side on one line, by design: two
      // columns cannot come out column after column there.
      if (mode == "-layout" && (name == "two_columns" || name == "header_blocks")) {
        continue;
      }
      int status = 0;
      const std::string got = test::normalize_lines(
          run_capture("pdftotext " + mode + " " + test::shell_quoted(out) + " -", &status));
      REQUIRE(status == 0);
      const double cer = test::cer(want, got);
      INFO(name << " " << mode << "\n--- want\n" << want << "\n--- got\n" << got);
      CHECK(cer <= 0.005);
      worst = std::max(worst, cer);
      chars += test::to_u32(want).size();
      errors +=
          static_cast<std::size_t>(cer * static_cast<double>(test::to_u32(want).size()) + 0.5);
    }
  }
  MESSAGE("pdftotext CER over the test pages: " << errors << "/" << chars << " chars, worst page "
                                                << worst);
}

TEST_CASE("irregular OCR boxes still extract in order") {
  // Word heights and baselines jitter as Tesseract reports them.
  ScratchDir dir("pdf-jitter");
  cv::RNG rng(7);
  for (auto& [name, text] : test::test_pages()) {
    PageText jittered = text;
    for (auto& line : jittered.lines) {
      for (auto& w : line.words) {
        const int dy = rng.uniform(-4, 5);
        const int dh = rng.uniform(-6, 7);
        w.box.y += dy;
        w.box.h = std::max(10, w.box.h + dh);
        w.box.w = std::max(4, w.box.w + rng.uniform(-5, 6));
      }
      line.baseline += rng.uniform(-2, 3);
    }
    const cv::Mat img(text.height, text.width, CV_8UC1, cv::Scalar(255));
    const auto out = dir / (name + ".pdf");
    pdf::write_pdfa({{img, ColourKind::grey, 300, &jittered}}, sample_metadata(), {}, out);
    const std::string want = test::normalize_lines(jittered.plain_text());
    const std::string got =
        test::normalize_lines(run_capture("pdftotext " + test::shell_quoted(out) + " -"));
    INFO(name << "\n--- want\n" << want << "\n--- got\n" << got);
    CHECK(test::cer(want, got) <= 0.005);
  }
}

TEST_CASE("random layouts: pdftotext output equals the OCR text") {
  ScratchDir dir("pdf-random");
  std::size_t chars = 0;
  double errors = 0;
  for (int seed = 1; seed <= 40; ++seed) {
    bool two_columns = false;
    const PageText text = test::random_page(seed, &two_columns);
    const cv::Mat img(text.height, text.width, CV_8UC1, cv::Scalar(255));
    const auto out = dir / ("r" + std::to_string(seed) + ".pdf");
    pdf::write_pdfa({{img, ColourKind::grey, 300, &text}}, {}, {}, out);
    const std::string want = test::normalize_lines(text.plain_text());
    for (const std::string mode : {"", "-layout"}) {
      if (mode == "-layout" && two_columns) {
        continue;
      }
      const std::string got = test::normalize_lines(
          run_capture("pdftotext " + mode + " " + test::shell_quoted(out) + " -"));
      const double cer = test::cer(want, got);
      INFO("seed " << seed << " " << mode << "\n--- want\n" << want << "\n--- got\n" << got);
      CHECK(cer <= 0.005);
      chars += test::to_u32(want).size();
      errors += cer * static_cast<double>(test::to_u32(want).size());
    }
  }
  MESSAGE("pdftotext CER over 40 random layouts: " << errors / static_cast<double>(chars));
}

TEST_CASE("PDF/A-2b: structure, images, fonts and metadata") {
  ScratchDir dir("pdf-2b");
  const auto pages = test::test_pages();
  const cv::Mat colour = test::scan_like_page(true);
  const cv::Mat bitonal = test::bitonal_page();
  const cv::Mat grey = test::scan_like_page(false, 3);
  const auto out = dir / "doc.pdf";
  pdf::write_pdfa({{colour, ColourKind::colour, 300, &pages[0].second},
                   {bitonal, ColourKind::bitonal, 300, &pages[1].second},
                   {grey, ColourKind::grey, 200, nullptr}},
                  sample_metadata(), {}, out);

  int status = 0;
  const std::string check =
      run_capture("qpdf --check " + test::shell_quoted(out) + " 2>&1", &status);
  INFO(check);
  CHECK(status == 0);
  CHECK(check.find("No syntax or stream encoding errors") != std::string::npos);

  const std::string images = run_capture("pdfimages -list " + test::shell_quoted(out));
  INFO(images);
  std::istringstream lines(images);
  std::string line;
  std::vector<std::vector<std::string>> rows;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::vector<std::string> f;
    std::string s;
    while (fields >> s) {
      f.push_back(s);
    }
    if (f.size() > 12 && (f[0] == "1" || f[0] == "2" || f[0] == "3")) {
      rows.push_back(f);
    }
  }
  REQUIRE(rows.size() == 3);
  // page num type width height color comp bpc enc interp object ID x-ppi y-ppi
  CHECK(rows[0][3] == "2480");
  CHECK(rows[0][4] == "3508");
  CHECK(rows[0][5] == "rgb");
  CHECK(rows[0][8] == "jpeg");
  CHECK(rows[0][12] == "300");
  CHECK(rows[1][5] == "gray");
  CHECK(rows[1][7] == "1");
  CHECK(rows[1][8] == "ccitt");
  CHECK(rows[1][9] == "no");
  CHECK(rows[2][5] == "gray");
  CHECK(rows[2][8] == "jpeg");
  CHECK(rows[2][12] == "200");

  const std::string info = "\n" + run_capture("pdfinfo " + test::shell_quoted(out));
  const auto info_field = [&](const std::string& name) {
    const auto at = info.find("\n" + name + ":");
    if (at == std::string::npos) {
      return std::string();
    }
    const auto start = info.find_first_not_of(' ', at + name.size() + 2);
    return info.substr(start, info.find('\n', start) - start);
  };
  INFO(info);
  CHECK(info_field("PDF version") == "1.7");
  CHECK(info_field("Pages") == "3");
  CHECK(info_field("Page size") == "595.2 x 841.92 pts (A4)");
  CHECK(info_field("Encrypted") == "no");
  CHECK(info_field("Producer") == "sohoa 0.1.0 (PoDoFo 0.9.8)");
  CHECK(info_field("Title") == "Tờ khai đăng ký khai sinh <A&B>");
  CHECK(info_field("JavaScript") == "no");

  const std::string meta = run_capture("pdfinfo -meta " + test::shell_quoted(out));
  for (const char* field :
       {"<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
        "<sohoa:dossier_code>000.00.16.H29-261122-0001</sohoa:dossier_code>",
        "<sohoa:agency_name>UBND phường Bến Nghé</sohoa:agency_name>",
        "<sohoa:doc_type>birth_registration_form</sohoa:doc_type>",
        "<sohoa:digitized_at>2026-11-22T10:00:00+07:00</sohoa:digitized_at>",
        "<pdfaSchema:namespaceURI>https://sohoa.vn/ns/1.0/</pdfaSchema:namespaceURI>",
        "Tờ khai đăng ký khai sinh &lt;A&amp;B&gt;", "<xmpMM:DocumentID>uuid:"}) {
    INFO(field);
    CHECK(meta.find(field) != std::string::npos);
  }

  const std::string fonts = run_capture("pdffonts " + test::shell_quoted(out));
  INFO(fonts);
  CHECK(fonts.find("GlyphLessFont") != std::string::npos);
  CHECK(fonts.find("Identity-H       yes no  yes") != std::string::npos);

  const auto checks = pdf::check_pdfa(out, 2);
  INFO(test::failed_rules(checks));
  CHECK(pdf::pdfa_ok(checks));
  CHECK(checks.size() >= 18);

  const std::string bytes = read_file(out);
  CHECK(bytes.find("/ObjStm") == std::string::npos);
  CHECK(bytes.find("/Interpolate") == std::string::npos);
  CHECK(bytes.find("LZWDecode") == std::string::npos);
  CHECK(bytes.find("\nxref\n") != std::string::npos);
}

TEST_CASE("PDF/A-3b carries the JSON record as an associated file") {
  ScratchDir dir("pdf-3b");
  const auto pages = test::test_pages();
  const cv::Mat colour = test::scan_like_page(true);
  pdf::PdfWriteOptions options;
  options.part = pdf::PdfAPart::a3b;
  options.attachment = pdf::Attachment{"to-khai.json", "application/json", "Document record",
                                       R"({"schema":"sohoa.document/1"})"};
  const auto out = dir / "doc3.pdf";
  pdf::write_pdfa({{colour, ColourKind::colour, 300, &pages[2].second}}, sample_metadata(), options,
                  out);
  const auto checks = pdf::check_pdfa(out, 3);
  INFO(test::failed_rules(checks));
  CHECK(pdf::pdfa_ok(checks));
  bool saw_af = false;
  for (const auto& c : checks) {
    saw_af = saw_af || c.rule.rfind("6.8", 0) == 0;
  }
  CHECK(saw_af);
  CHECK_FALSE(pdf::pdfa_ok(pdf::check_pdfa(out, 2)));

  const std::string list = run_capture("pdfdetach -list " + test::shell_quoted(out));
  INFO(list);
  CHECK(list.find("1 embedded files") != std::string::npos);
  CHECK(list.find("to-khai.json") != std::string::npos);
  int status = 0;
  run_capture("cd " + test::shell_quoted(dir.path()) + " && pdfdetach -save 1 -o got.json " +
                  test::shell_quoted(out),
              &status);
  CHECK(status == 0);
  CHECK(read_file(dir / "got.json") == R"({"schema":"sohoa.document/1"})");
  const std::string bytes = read_file(out);
  CHECK(bytes.find("/AFRelationship/Data") != std::string::npos);
  CHECK(bytes.find("/Subtype/application#2Fjson") != std::string::npos);
  CHECK(run_capture("pdfinfo -meta " + test::shell_quoted(out))
            .find("<pdfaid:part>3</pdfaid:part>") != std::string::npos);
}

TEST_CASE("deterministic mode gives identical bytes; normal mode differs in /ID") {
  ScratchDir dir("pdf-det");
  const auto pages = test::test_pages();
  const cv::Mat img = test::scan_like_page(true);
  pdf::PdfWriteOptions options;
  options.deterministic = true;
  pdf::write_pdfa({{img, ColourKind::colour, 300, &pages[0].second}}, sample_metadata(), options,
                  dir / "a.pdf");
  pdf::write_pdfa({{img, ColourKind::colour, 300, &pages[0].second}}, sample_metadata(), options,
                  dir / "b.pdf");
  CHECK(read_file(dir / "a.pdf") == read_file(dir / "b.pdf"));
  pdf::LegalMetadata other = sample_metadata();
  other.document_id = "khac";
  pdf::write_pdfa({{img, ColourKind::colour, 300, &pages[0].second}}, other, options,
                  dir / "c.pdf");
  const std::string a = read_file(dir / "a.pdf");
  const std::string c = read_file(dir / "c.pdf");
  const auto id_of = [](const std::string& s) { return s.substr(s.rfind("/ID")); };
  CHECK(id_of(a) != id_of(c));
  CHECK(pdf::pdfa_ok(pdf::check_pdfa(dir / "a.pdf")));
}

TEST_CASE("bad input to the writer is an error, not a crash") {
  ScratchDir dir("pdf-bad");
  CHECK_THROWS_AS(pdf::write_pdfa({}, sample_metadata(), {}, dir / "x.pdf"), Error);
  const cv::Mat empty;
  CHECK_THROWS_AS(pdf::write_pdfa({{empty, ColourKind::colour, 300, nullptr}}, sample_metadata(),
                                  {}, dir / "x.pdf"),
                  Error);
  const cv::Mat img(100, 100, CV_8UC3, cv::Scalar(255, 255, 255));
  pdf::PdfWriteOptions options;
  options.attachment = pdf::Attachment{"r.json", "application/json", "", "{}"};
  try {
    pdf::write_pdfa({{img, ColourKind::colour, 300, nullptr}}, sample_metadata(), options,
                    dir / "x.pdf");
    FAIL("an attachment in PDF/A-2 must be refused");
  } catch (const Error& e) {
    CHECK(e.stage() == Stage::pdf);
    CHECK(e.code() == "attachment_needs_pdfa3");
  }
  CHECK_THROWS_AS(pdf::write_pdfa({{img, ColourKind::colour, 0, nullptr}}, sample_metadata(), {},
                                  dir / "x.pdf"),
                  Error);
  pdf::LegalMetadata bad_date = sample_metadata();
  bad_date.digitized_at = "22/11/2026";
  CHECK_THROWS_AS(
      pdf::write_pdfa({{img, ColourKind::colour, 300, nullptr}}, bad_date, {}, dir / "x.pdf"),
      Error);
}

TEST_CASE("PoDoFo prints nothing to stdout (the CLI's --json output stays clean)") {
  ScratchDir dir("pdf-stdout");
  const auto pages = test::test_pages();
  const auto captured = dir / "stdout.txt";
  std::fflush(stdout);
  std::cout.flush();
  const int saved = dup(1);
  const int fd = open(captured.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  REQUIRE(saved >= 0);
  REQUIRE(fd >= 0);
  dup2(fd, 1);
  std::size_t pages_read = 0;
  bool ok = false;
  try {
    const auto out = dir / "doc.pdf";
    pdf::write_pdfa({{test::bitonal_page(), ColourKind::bitonal, 300, &pages[0].second}},
                    sample_metadata(), {}, out);
    pages_read = pdf::read_pdf_page_images(out).size();
    ok = pdf::pdfa_ok(pdf::check_pdfa(out));
  } catch (...) {
  }
  std::fflush(stdout);
  std::cout.flush();
  dup2(saved, 1);
  close(saved);
  close(fd);
  CHECK(pages_read == 1);
  CHECK(ok);
  CHECK(read_file(captured).empty());
}

TEST_CASE("output size of an A4 page at 300 dpi") {
  ScratchDir dir("pdf-size");
  const auto pages = test::test_pages();
  const auto colour_pdf = dir / "colour.pdf";
  const auto bitonal_pdf = dir / "bitonal.pdf";
  pdf::write_pdfa({{test::scan_like_page(true), ColourKind::colour, 300, &pages[0].second}},
                  sample_metadata(), {}, colour_pdf);
  pdf::write_pdfa({{test::bitonal_page(), ColourKind::bitonal, 300, &pages[0].second}},
                  sample_metadata(), {}, bitonal_pdf);
  const auto colour_size = std::filesystem::file_size(colour_pdf);
  const auto bitonal_size = std::filesystem::file_size(bitonal_pdf);
  MESSAGE("A4 300 dpi: colour (JPEG q85) " << colour_size / 1024 << " KiB, bitonal (G4) "
                                           << bitonal_size / 1024 << " KiB");
  CHECK(bitonal_size < colour_size);
  CHECK(bitonal_size < 200 * 1024);
  CHECK(colour_size < 3 * 1024 * 1024);
}
