// One clock per run: in deterministic mode (SOHOA_DETERMINISTIC=1) every instant a
// run writes — the PDF's Info and XMP dates, sohoa:digitized_at, the signing time,
// the manifest's and the batch report's times — is the same, and two runs write
// the same bytes.
#include "e2e_support.hpp"
#include "sign_e2e_support.hpp"
#include "sohoa/core/clock.hpp"
#include "sohoa/core/hash.hpp"

#include <regex>
#include <set>

using namespace sohoa::test;
namespace fs = std::filesystem;

namespace {

// Every regular file below dir, as paths relative to it.
std::set<fs::path> files_under(const fs::path& dir) {
  std::set<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) {
      out.insert(fs::relative(e.path(), dir));
    }
  }
  return out;
}

// The value of an XMP property written as an element or as an attribute.
std::string xmp_property(const std::string& xmp, const std::string& qname) {
  std::smatch m;
  if (std::regex_search(xmp, m, std::regex("<" + qname + ">([^<]*)</" + qname + ">")) ||
      std::regex_search(xmp, m, std::regex(qname + "=\"([^\"]*)\""))) {
    return m[1];
  }
  return {};
}

// A line "Key:   value" of pdfinfo's output.
std::string pdfinfo_field(const std::string& text, const std::string& key) {
  std::smatch m;
  if (std::regex_search(text, m, std::regex("(^|\n)" + key + ":\\s*([^\n]*)"))) {
    return m[2];
  }
  return {};
}

} // namespace

TEST_CASE("deterministic mode: one instant in every output, the same bytes twice") {
  ScratchDir dir("e2e-clock");
  const auto set = generate(dir / "gen", 23, 1, "clean", "png");
  const fs::path& pki = e2esign::pki();
  const std::vector<std::string> env = {"SOHOA_DETERMINISTIC=1"};
  for (const char* out : {"a", "b"}) {
    const auto r = run_sohoa({"run", set.input.string(), "--out", (dir / out).string(), "--hocr",
                              "--sign-cert", (pki / "signer-rsa.pem").string(), "--sign-key",
                              (pki / "signer-rsa.key").string()},
                             env);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }

  const auto files = files_under(dir / "a");
  REQUIRE(files == files_under(dir / "b"));
  for (const auto& file : files) {
    INFO(file.string());
    CHECK(sohoa::sha256_file(dir / "a" / file) == sohoa::sha256_file(dir / "b" / file));
  }

  const std::string instant = sohoa::to_iso8601(sohoa::k_deterministic_instant);
  CHECK(instant == "2026-01-01T08:00:00+07:00");
  const auto report = read_json(dir / "a" / "batch-report.json");
  CHECK(report["started_at"] == instant);
  CHECK(report["finished_at"] == instant);

  int pdfs = 0;
  for (const auto& file : files) {
    if (file.filename() == "manifest.json") {
      const auto manifest = read_json(dir / "a" / file);
      CHECK(manifest["started_at"] == instant);
      CHECK(manifest["finished_at"] == instant);
      for (const auto& doc : manifest["documents"]) {
        CHECK(doc["signature"]["signing_time"] == instant);
      }
    }
    if (file.extension() != ".pdf") {
      continue;
    }
    ++pdfs;
    INFO(file.string());
    const fs::path pdf = dir / "a" / file;
    const auto meta = run_command({"/usr/bin/pdfinfo", "-meta", pdf.string()});
    REQUIRE(meta.exit_code == 0);
    const std::string digitized_at = xmp_property(meta.out, "sohoa:digitized_at");
    CHECK(digitized_at == instant);
    CHECK(xmp_property(meta.out, "xmp:CreateDate") == digitized_at);
    CHECK(xmp_property(meta.out, "xmp:ModifyDate") == digitized_at);
    CHECK(xmp_property(meta.out, "xmp:MetadataDate") == digitized_at);
    // The Info dictionary, as poppler reads it (ISO form, offset in hours).
    const auto info = run_command({"/usr/bin/pdfinfo", "-isodates", pdf.string()});
    REQUIRE(info.exit_code == 0);
    CHECK(pdfinfo_field(info.out, "CreationDate") == "2026-01-01T08:00:00+07");
    CHECK(pdfinfo_field(info.out, "ModDate") == "2026-01-01T08:00:00+07");
  }
  CHECK(pdfs > 0);
}
