// `sohoa run|verify|reprocess` with signing, on generated scans: PEM, PKCS#12 and
// PKCS#11 signers, B-B/B-T/LTV levels, refusal to write unsigned output, tamper
// detection and re-signing. pdfsig (poppler/NSS) is the independent verifier.
#include "e2e_support.hpp"
#include "sign_e2e_support.hpp"
#include "sohoa/pdf/pdfa_check.hpp"

#include <fstream>
#include <map>
#include <sstream>

using namespace sohoa::test;
using namespace sohoa::test::e2esign;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::vector<std::string> pem_signer() {
  return {"--sign-cert", (pki() / "signer-rsa.pem").string(), "--sign-key",
          (pki() / "signer-rsa.key").string()};
}

// `sohoa run INPUT --out OUT ARGS...`; the output on failure.
CommandResult run_batch(const fs::path& input, const fs::path& out,
                        const std::vector<std::string>& args,
                        const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv = {"run", input.string(), "--out", out.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_sohoa(argv, env);
}

CommandResult verify(const fs::path& pdf, bool as_json) {
  std::vector<std::string> argv = {"verify", pdf.string(), "--trust", (pki() / "root.pem").string(),
                                   "--lang", "en"};
  if (as_json) {
    argv.push_back("--json");
  }
  return run_sohoa(argv);
}

std::vector<fs::path> manifests_under(const fs::path& out) {
  std::vector<fs::path> found;
  for (const auto& e : fs::directory_iterator(out)) {
    if (e.is_directory() && fs::exists(e.path() / "manifest.json")) {
      found.push_back(e.path() / "manifest.json");
    }
  }
  return found;
}

// Every PDF: `signatures` entries in pdfsig and in `sohoa verify --json`, the first
// `pdfsig_valid` of them valid and trusted for pdfsig, verify 0 with a valid JSON
// report, PDF/A structure intact. Every manifest: the signer, and each document
// signed at `level`.
void check_signed_outputs(const fs::path& out, const std::string& level, int signatures = 1,
                          int pdfsig_valid = -1) {
  if (pdfsig_valid < 0) {
    pdfsig_valid = signatures;
  }
  const auto pdfs = pdfs_under(out);
  REQUIRE(!pdfs.empty());
  for (const auto& pdf : pdfs) {
    INFO(pdf.string());
    const auto sig = pdfsig(pdf);
    INFO(sig.text);
    CHECK(sig.signatures == signatures);
    CHECK(sig.valid >= pdfsig_valid);
    CHECK(sig.trusted >= pdfsig_valid);
    const auto text = verify(pdf, false);
    INFO(text.out << text.err);
    CHECK(text.exit_code == 0);
    const auto report = verify(pdf, true);
    REQUIRE(report.exit_code == 0);
    const auto j = json::parse(report.out);
    CHECK(j["valid"] == true);
    REQUIRE(j["files"].size() == 1);
    CHECK(j["files"][0]["signatures"].size() == static_cast<size_t>(signatures));
    for (const auto& check : sohoa::pdf::check_pdfa(pdf)) {
      INFO(check.rule << " " << check.detail);
      CHECK(check.ok);
    }
  }
  const auto manifests = manifests_under(out);
  REQUIRE(!manifests.empty());
  for (const auto& file : manifests) {
    const auto m = read_json(file);
    INFO(file.string());
    REQUIRE(m["signer"].is_object());
    CHECK(m["signer"]["subject"].get<std::string>().size() > 0);
    CHECK(m["signer"]["serial"].get<std::string>().size() > 0);
    CHECK(m["signer"]["sha256_fingerprint"].get<std::string>().size() >= 64);
    REQUIRE(!m["documents"].empty());
    for (const auto& d : m["documents"]) {
      INFO(d.dump());
      REQUIRE(d.contains("signature"));
      CHECK(d["signature"]["level"] == level);
    }
  }
}

// The manifest's signer is the certificate in pem (serial and fingerprint agree
// with openssl's).
void check_manifest_signer(const fs::path& out, const fs::path& pem, const std::string& cn) {
  const auto serial = normalise_hex(x509_field(pem, {"-serial"}));
  const auto fingerprint = normalise_hex(x509_field(pem, {"-fingerprint", "-sha256"}));
  for (const auto& file : manifests_under(out)) {
    const auto m = read_json(file);
    CHECK(m["signer"]["subject"].get<std::string>().find(cn) != std::string::npos);
    CHECK(normalise_hex(m["signer"]["serial"].get<std::string>()) == serial);
    CHECK(normalise_hex(m["signer"]["sha256_fingerprint"].get<std::string>()) == fingerprint);
  }
}

struct Cost {
  double sign_ms = 0;     // mean per document, from batch-report.json
  double added_bytes = 0; // mean per document, against the unsigned run
  int documents = 0;
};

std::map<std::string, uintmax_t> sizes_by_name(const fs::path& out) {
  std::map<std::string, uintmax_t> sizes;
  for (const auto& pdf : pdfs_under(out)) {
    sizes[fs::relative(pdf, out).string()] = fs::file_size(pdf);
  }
  return sizes;
}

Cost signing_cost(const fs::path& unsigned_out, const fs::path& signed_out) {
  Cost c;
  const auto report = read_json(signed_out / "batch-report.json");
  double total_ms = 0;
  for (const auto& d : report["documents"]) {
    total_ms += d["timings"]["sign_ms"].get<double>();
    ++c.documents;
  }
  const auto plain = sizes_by_name(unsigned_out);
  const auto signed_sizes = sizes_by_name(signed_out);
  REQUIRE(plain.size() == signed_sizes.size());
  double added = 0;
  for (const auto& [name, size] : signed_sizes) {
    REQUIRE(plain.count(name) == 1);
    added += static_cast<double>(size) - static_cast<double>(plain.at(name));
  }
  REQUIRE(c.documents > 0);
  c.sign_ms = total_ms / c.documents;
  c.added_bytes = added / static_cast<double>(signed_sizes.size());
  return c;
}

void write_text(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

} // namespace

TEST_CASE("B-B with a PEM key and chain, B-T with PKCS#12 and a TSA; cost against unsigned") {
  ScratchDir dir("e2e-sign-levels");
  const auto gen = generate(dir / "gen", 41, 1, "clean", "png");

  const auto plain = run_batch(gen.input, dir / "plain", {});
  INFO(plain.err);
  REQUIRE(plain.exit_code == 0);
  REQUIRE(!pdfs_under(dir / "plain").empty());
  CHECK(pdfsig(pdfs_under(dir / "plain").front()).signatures == 0);

  const auto bb = run_batch(gen.input, dir / "bb", pem_signer());
  INFO(bb.err);
  REQUIRE(bb.exit_code == 0);
  check_signed_outputs(dir / "bb", "B-B");
  check_manifest_signer(dir / "bb", pki() / "signer-rsa.pem", "Nguyễn Văn A");

  // The pass phrase of signer-rsa.p12 comes from a file (no trailing newline).
  write_text(dir / "secret", "p12-secret");
  const auto bt = run_batch(gen.input, dir / "bt",
                            {"--sign-p12", (pki() / "signer-rsa.p12").string(), "--secret-file",
                             (dir / "secret").string(), "--tsa", tsa_url()});
  INFO(bt.err);
  REQUIRE(bt.exit_code == 0);
  check_signed_outputs(dir / "bt", "B-T");
  check_manifest_signer(dir / "bt", pki() / "signer-rsa.pem", "Nguyễn Văn A");
  for (const auto& file : manifests_under(dir / "bt")) {
    for (const auto& d : read_json(file)["documents"]) {
      CHECK(d["signature"].value("timestamp_time", "").size() > 0);
    }
  }

  const auto cost_bb = signing_cost(dir / "plain", dir / "bb");
  const auto cost_bt = signing_cost(dir / "plain", dir / "bt");
  MESSAGE("signing cost per document over " << cost_bb.documents << " documents: B-B "
                                            << cost_bb.sign_ms << " ms, +" << cost_bb.added_bytes
                                            << " bytes; B-T " << cost_bt.sign_ms << " ms, +"
                                            << cost_bt.added_bytes << " bytes");
  CHECK(cost_bb.sign_ms > 0);
  CHECK(cost_bt.sign_ms > 0);
  CHECK(cost_bb.added_bytes > 1000);                // at least a CMS with a certificate chain
  CHECK(cost_bt.added_bytes > cost_bb.added_bytes); // plus the timestamp token
}

TEST_CASE("a key on a SoftHSM2 token signs through --pkcs11-uri, PIN from the environment") {
  ScratchDir dir("e2e-sign-token");
  const auto token = make_softhsm_token(dir.path());
  if (!token) {
    MESSAGE("softhsm2 or libengine-pkcs11-openssl is not installed: PKCS#11 test skipped");
    return;
  }
  const auto gen = generate(dir / "gen", 41, 1, "clean", "png");
  // The token holds the leaf only: the issuing CA comes from --sign-chain.
  const std::vector<std::string> signer = {"--pkcs11-uri",    token->key_uri,
                                           "--pkcs11-module", token->module,
                                           "--sign-chain",    (pki() / "int.pem").string()};
  const auto r = run_batch(gen.input, dir / "out", signer,
                           {token->env, "SOHOA_SIGN_PASSPHRASE=" + token->pin});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  check_signed_outputs(dir / "out", "B-B");
  check_manifest_signer(dir / "out", dir / "token.pem", "E2E Token Signer");
}

TEST_CASE("--ltv with --tsa: long-term validation data, verify still 0") {
  ScratchDir dir("e2e-sign-ltv");
  const auto gen = generate(dir / "gen", 41, 1, "clean", "png");
  // The test PKI's certificates name no CRL distribution point: the DSS's CRLs
  // come from files (--crl, SignOptions::ltv_crls).
  auto args = pem_signer();
  args.insert(args.end(), {"--tsa", tsa_url(), "--ltv", "--crl", (pki() / "int.crl").string(),
                           "--crl", (pki() / "root.crl").string()});
  const auto r = run_batch(gen.input, dir / "out", args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // B-LTA: the document timestamp is a second signature pdfsig lists (its
  // certificate is the test TSA's, also under the test root).
  const auto pdfs = pdfs_under(dir / "out");
  REQUIRE(!pdfs.empty());
  const auto level =
      read_json(manifests_under(dir / "out").front())["documents"][0]["signature"].value("level",
                                                                                         "");
  MESSAGE("--ltv level reported: " << level);
  CHECK((level == "B-LTA" || level == "B-LT"));
  // pdfsig lists the document timestamp too but only judges CMS signatures.
  check_signed_outputs(dir / "out", level, level == "B-LTA" ? 2 : 1, 1);
}

TEST_CASE("exit 3 and nothing unsigned written: wrong pass phrase, TSA unreachable") {
  ScratchDir dir("e2e-sign-refuse");
  const auto gen = generate(dir / "gen", 41, 1, "clean", "png");

  write_text(dir / "wrong", "not-the-pass-phrase");
  const auto wrong = run_batch(gen.input, dir / "wrong-out",
                               {"--sign-p12", (pki() / "signer-rsa.p12").string(), "--secret-file",
                                (dir / "wrong").string()});
  INFO(wrong.err);
  CHECK(wrong.exit_code == 3);
  CHECK(pdfs_under(dir / "wrong-out").empty());

  // Port 9 (discard) on loopback: nothing listens, the connection is refused.
  auto args = pem_signer();
  args.insert(args.end(), {"--tsa", "http://127.0.0.1:9/"});
  const auto no_tsa = run_batch(gen.input, dir / "tsa-out", args);
  INFO(no_tsa.err);
  CHECK(no_tsa.exit_code == 3);
  CHECK(pdfs_under(dir / "tsa-out").empty());
}

TEST_CASE("a changed byte fails verify; reprocess --resign adds a second valid signature") {
  ScratchDir dir("e2e-sign-tamper");
  const auto gen = generate(dir / "gen", 41, 1, "clean", "png");
  const auto r = run_batch(gen.input, dir / "out", pem_signer());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto pdfs = pdfs_under(dir / "out");
  REQUIRE(!pdfs.empty());
  const auto original = slurp(pdfs.front());
  REQUIRE(verify(pdfs.front(), false).exit_code == 0);

  // Inside the signed bytes (early, middle, the last byte) and inside the CMS
  // hex of /Contents, which the byte range leaves out.
  // /ByteRange [0 a b c]: the CMS hex string is bytes a..b of the file.
  const auto byte_range = original.rfind("/ByteRange");
  REQUIRE(byte_range != std::string::npos);
  std::istringstream range(original.substr(original.find('[', byte_range) + 1, 64));
  size_t r0 = 1;
  size_t hex_start = 0;
  range >> r0 >> hex_start;
  REQUIRE(r0 == 0);
  REQUIRE(original[hex_start] == '<');
  const std::vector<size_t> positions = {original.size() / 8, original.size() / 2,
                                         original.size() - 1, hex_start + 201};
  for (const size_t at : positions) {
    CAPTURE(at);
    std::string changed = original;
    changed[at] = static_cast<char>(changed[at] ^ 0x01);
    const auto copy = dir / ("tampered-" + std::to_string(at) + ".pdf");
    write_text(copy, changed);
    const auto v = verify(copy, false);
    INFO(v.out << v.err);
    CHECK(v.exit_code == 1);
  }

  // A renewed certificate signs on top: the first signature stays valid, both are
  // trusted. (A second signature by the very same certificate is also valid, but
  // pdfsig 22.12 then reports "Unknown issue with Certificate" for it, so the
  // renewal case is what is asserted.)
  std::vector<std::string> argv = {"reprocess",
                                   (dir / "out").string(),
                                   "--resign",
                                   "--sign-cert",
                                   (pki() / "signer-ec.pem").string(),
                                   "--sign-key",
                                   (pki() / "signer-ec.key").string()};
  const auto re = run_sohoa(argv);
  INFO(re.out << re.err);
  REQUIRE(re.exit_code == 0);
  for (const auto& pdf : pdfs_under(dir / "out")) {
    INFO(pdf.string());
    const auto sig = pdfsig(pdf);
    INFO(sig.text);
    CHECK(sig.signatures == 2);
    CHECK(sig.valid == 2);
    CHECK(sig.trusted == 2);
    const auto v = verify(pdf, false);
    INFO(v.out << v.err);
    CHECK(v.exit_code == 0);
  }
  check_manifest_signer(dir / "out", pki() / "signer-ec.pem", "Signer EC");
}
