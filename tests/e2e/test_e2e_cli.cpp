// The command line's promises that need no OCR: usage, exit codes, nothing written
// on bad configuration.
#include "e2e_support.hpp"
#include <fstream>

using namespace sohoa::test;
namespace fs = std::filesystem;

namespace {

// A dossier folder with one document file. Its content does not matter: these runs
// stop at configuration, before anything is decoded.
fs::path tiny_dossier(const ScratchDir& dir) {
  const auto folder = dir / "dossier";
  fs::create_directories(folder);
  std::ofstream(folder / "page.png") << "not really a png";
  return folder;
}

} // namespace

TEST_CASE("version and help") {
  auto r = run_sohoa({"--version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("sohoa ", 0) == 0);
  r = run_sohoa({"--help"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("sohoa run INPUT") != std::string::npos);
  r = run_sohoa({"run", "--help"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("--sign-p12") != std::string::npos);
  CHECK(r.out.find("--pkcs11-uri") != std::string::npos);
}

TEST_CASE("bad usage exits 2 and writes nothing") {
  ScratchDir dir("cli");
  const auto input = tiny_dossier(dir);
  const auto out = dir / "out";
  CHECK(run_sohoa({}).exit_code == 2);
  CHECK(run_sohoa({"frobnicate"}).exit_code == 2);
  CHECK(run_sohoa({"run", input.string()}).exit_code == 2);        // no --out
  CHECK(run_sohoa({"run", "--out", out.string()}).exit_code == 2); // no INPUT
  CHECK(run_sohoa({"run", input.string(), "--out", out.string(), "--pdfa", "1b"}).exit_code == 2);
  CHECK(run_sohoa({"run", input.string(), "--out", out.string(), "--jobs", "-1"}).exit_code == 2);
  CHECK(run_sohoa({"run", input.string(), "--out", out.string(), "--bogus"}).exit_code == 2);
  CHECK(run_sohoa({"run", input.string(), "--out", out.string(), "--tsa", "http://127.0.0.1:9"})
            .exit_code == 2); // TSA without signer
  CHECK(
      run_sohoa({"run", input.string(), "--out", out.string(), "--sign-cert", "a.pem"}).exit_code ==
      2); // cert without key
  auto r = run_sohoa({"run", (dir / "missing").string(), "--out", out.string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("missing") != std::string::npos);
  r = run_sohoa({"run", input.string(), "--out", out.string(), "--lang", "xyz"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("xyz") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("an unusable signer exits 3 and writes nothing") {
  ScratchDir dir("cli");
  const auto input = tiny_dossier(dir);
  const auto out = dir / "out";
  const auto r =
      run_sohoa({"run", input.string(), "--out", out.string(), "--sign-cert",
                 (dir / "none.pem").string(), "--sign-key", (dir / "none.key").string()});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("none.pem") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("verify: usage and unreadable files exit 2") {
  ScratchDir dir("cli");
  CHECK(run_sohoa({"verify"}).exit_code == 2);
  CHECK(run_sohoa({"verify", (dir / "missing.pdf").string()}).exit_code == 2);
  std::ofstream(dir / "junk.pdf") << "%PDF-1.7 not a pdf";
  CHECK(run_sohoa({"verify", (dir / "junk.pdf").string()}).exit_code == 2);
  CHECK(run_sohoa({"verify", (dir / "junk.pdf").string(), "--lang", "fr"}).exit_code == 2);
}
