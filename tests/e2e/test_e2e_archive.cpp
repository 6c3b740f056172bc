// The archival path end to end: `sohoa run` in the mrc (default) and lossless
// image modes, `reprocess` rebuilding mrc PDFs, and `sohoa package` / `--check`
// of a dossier's output.
#include "sohoa/core/hash.hpp"
#include "e2e_support.hpp"
#include "sohoa/pdf/pdfa_check.hpp"

#include <fstream>

using namespace sohoa::test;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> pdfs_under(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() == ".pdf") {
      out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::uintmax_t total_bytes(const std::vector<fs::path>& files) {
  std::uintmax_t sum = 0;
  for (const auto& f : files) {
    sum += fs::file_size(f);
  }
  return sum;
}

void check_pdfa_2b(const std::vector<fs::path>& files) {
  for (const auto& f : files) {
    CAPTURE(f.string());
    const auto checks = sohoa::pdf::check_pdfa(f, 2);
    std::string failed;
    for (const auto& c : checks) {
      failed += c.ok ? "" : c.rule + ": " + c.detail + "\n";
    }
    INFO(failed);
    CHECK(sohoa::pdf::pdfa_ok(checks));
    const auto qpdf = run_command({"/usr/bin/env", "qpdf", "--check", f.string()});
    INFO(qpdf.out);
    CHECK(qpdf.exit_code == 0);
  }
}

} // namespace

TEST_CASE("mrc and lossless runs, reprocess of mrc output, and an E-ARK package of it") {
  ScratchDir dir("e2e-archive");
  const auto set = generate(dir / "gen", 21, 1, "mixed", "png,jpeg,tiff-lzw");
  const auto mrc = dir / "out-mrc";
  const auto lossless = dir / "out-lossless";
  auto r = run_sohoa({"run", set.input.string(), "--out", mrc.string(), "--jobs", "2", "--hocr"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  r = run_sohoa({"run", set.input.string(), "--out", lossless.string(), "--jobs", "2",
                 "--image-mode", "lossless"});
  REQUIRE(r.exit_code == 0);
  const auto mrc_pdfs = pdfs_under(mrc);
  const auto lossless_pdfs = pdfs_under(lossless);
  REQUIRE(!mrc_pdfs.empty());
  REQUIRE(mrc_pdfs.size() == lossless_pdfs.size());
  check_pdfa_2b(mrc_pdfs);
  check_pdfa_2b(lossless_pdfs);
  CHECK(total_bytes(mrc_pdfs) * 5 < total_bytes(lossless_pdfs));
  r = run_sohoa(
      {"run", set.input.string(), "--out", (dir / "bad").string(), "--image-mode", "png"});
  CHECK(r.exit_code == 2);

  // The package of the dossier: checked clean, then a changed byte is caught.
  fs::path dossier;
  for (const auto& e : fs::directory_iterator(mrc)) {
    if (fs::exists(e.path() / "manifest.json")) {
      dossier = e.path();
    }
  }
  REQUIRE(!dossier.empty());
  // --hocr: every document has its hOCR file, listed with its hash in the manifest.
  const auto check_hocr_listed = [&] {
    const auto manifest = read_json(dossier / "manifest.json");
    for (const auto& doc : manifest["documents"]) {
      const std::string name = doc["document_id"].get<std::string>() + ".hocr";
      CAPTURE(name);
      bool listed = false;
      for (const auto& out : doc["outputs"]) {
        if (out["name"] == name) {
          listed = true;
          CHECK(out["sha256"] == sohoa::sha256_file(dossier / name));
          CHECK(slurp(dossier / name).find("class=\"ocrx_word\"") != std::string::npos);
        }
      }
      CHECK(listed);
    }
  };
  check_hocr_listed();
  const auto sip = dir / "sip";
  r = run_sohoa({"package", dossier.string(), "--out", sip.string(), "--format", "eark"});
  INFO(r.out);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(fs::is_regular_file(sip / "METS.xml"));
  r = run_sohoa({"package", "--check", sip.string()});
  INFO(r.out);
  CHECK(r.exit_code == 0);
  const auto packaged = pdfs_under(sip / "representations/rep1/data");
  REQUIRE(packaged.size() == mrc_pdfs.size());
  {
    std::fstream f(packaged.front(), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    f.put('#');
  }
  r = run_sohoa({"package", "--check", sip.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("checksum_mismatch") != std::string::npos);
  CHECK(r.out.find(packaged.front().filename().string()) != std::string::npos);
  // An occupied package folder is not overwritten.
  r = run_sohoa({"package", dossier.string(), "--out", sip.string()});
  CHECK(r.exit_code == 2);

  // reprocess rebuilds every PDF (PDF/A-3b) from the mrc pages it reads back.
  r = run_sohoa({"reprocess", mrc.string(), "--pdfa", "3b"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  for (const auto& f : pdfs_under(mrc)) {
    CAPTURE(f.string());
    CHECK(sohoa::pdf::pdfa_ok(sohoa::pdf::check_pdfa(f, 3)));
  }
  check_hocr_listed();
}
