// Verification: the tamper matrix, revoked / expired / untrusted signers, the
// report languages and formats, tokens and the visible stamp.
#include "sign_fixture.hpp"

#include "sohoa/core/error.hpp"
#include "sohoa/sign/signer.hpp"
#include "sohoa/sign/verify.hpp"
#include "sohoa/sign/verify_report.hpp"
#include "support/scratch.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

using namespace sohoa;
using namespace sohoa::test;

namespace {

VerifyOutcome verify(const std::vector<std::filesystem::path>& files,
                     const std::string& lang = "en", bool json = false) {
  return verify_files(files, true, lang, json);
}

std::filesystem::path signed_pdf(const ScratchDir& dir, const std::string& name,
                                 const std::string& signer_name, const std::string& tsa = {}) {
  const auto pdf = dir / (name + ".pdf");
  make_test_pdf(pdf);
  const auto signer = sign::load_signer(pem_source(signer_name));
  sign::SignOptions options;
  options.tsa_url = tsa;
  options.reason = "Sao y";
  sign::sign_pdf(pdf, *signer, options);
  return pdf;
}

} // namespace

TEST_CASE("tamper matrix: one changed byte anywhere signed is always detected") {
  ScratchDir dir("sign-tamper");
  const auto pdf = signed_pdf(dir, "doc", "signer-rsa");
  REQUIRE(verify({pdf}).code == 0);
  const std::string good = file_bytes(pdf);
  const size_t sig_dict = good.rfind("/ByteRange");
  const size_t last_xref = good.rfind("startxref");
  struct Target {
    const char* name;
    size_t at;
  };
  const std::vector<Target> targets = {
      {"header", 5},
      {"image stream", good.find("stream", good.find("/Subtype /Image")) + 20},
      {"text layer", good.find("sohoa test text layer") + 2},
      {"XMP", good.find("pdfaid:part") + 2},
      {"signature dictionary", good.find("D:", sig_dict) + 4},
      {"signature /Contents", good.find('<', sig_dict) + 40},
      {"appended update", last_xref + 12},
  };
  for (const auto& target : targets) {
    CAPTURE(target.name);
    REQUIRE(target.at < good.size());
    std::string bad = good;
    bad[target.at] = bad[target.at] == '7' ? '8' : '7';
    const auto tampered = dir / "tampered.pdf";
    write_bytes(tampered, bad);
    const auto outcome = verify({tampered});
    INFO(outcome.text);
    CHECK(outcome.code == 1);
    CHECK(outcome.text.find("NOT valid") != std::string::npos);
  }
}

TEST_CASE("revoked, expired and untrusted signers are reported as such") {
  ScratchDir dir("sign-bad-signers");
  const auto revoked = signed_pdf(dir, "revoked", "revoked");
  auto outcome = verify({revoked});
  INFO(outcome.text);
  CHECK(outcome.code == 1);
  CHECK(outcome.text.find("[FAILED] Revocation: The certificate of Revoked Signer was revoked") !=
        std::string::npos);

  const auto untrusted = signed_pdf(dir, "untrusted", "untrusted");
  outcome = verify({untrusted});
  INFO(outcome.text);
  CHECK(outcome.code == 1);
  CHECK(outcome.text.find("[FAILED] Trust: Not trusted") != std::string::npos);
  CHECK(outcome.text.find("[OK] Integrity") != std::string::npos);

  // A certificate that expires two seconds from now: sign, wait, verify (B-B is
  // judged at the current time: nothing proves an earlier signing time).
  const auto short_dir = dir / "short";
  const auto issued = run_command(
      "cp -r " + test_pki().string() + " " + short_dir.string() + " && " + source_dir().string() +
      "/tests/unit/pdfsign/pki/make-test-pki.sh " + short_dir.string() + " shortlived 3");
  INFO(issued.output);
  REQUIRE(issued.status == 0);
  const auto pdf = dir / "short.pdf";
  make_test_pdf(pdf);
  sign::SignerSource source;
  source.cert_pem = short_dir / "short.pem";
  source.key_pem = short_dir / "short.key";
  const auto signer = sign::load_signer(source);
  sign::sign_pdf(pdf, *signer, {});
  std::this_thread::sleep_for(std::chrono::seconds(4));
  outcome = verify({pdf});
  INFO(outcome.text);
  CHECK(outcome.code == 1);
  CHECK(outcome.text.find("[FAILED] Certificate validity: Certificate expired") !=
        std::string::npos);
}

TEST_CASE("no signature, unreadable files and bad usage") {
  ScratchDir dir("sign-usage");
  const auto plain = dir / "plain.pdf";
  make_test_pdf(plain);
  auto outcome = verify({plain});
  CHECK(outcome.code == 1);
  CHECK(outcome.text.find("no signature") != std::string::npos);
  outcome = verify({dir / "missing.pdf"});
  CHECK(outcome.code == 2);
  write_bytes(dir / "not.pdf", "hello");
  CHECK(verify({dir / "not.pdf"}).code == 2);
  CHECK(verify({}).code == 2);
  // A report language other than vi or en is the CLI's usage error (test_e2e_cli).
}

TEST_CASE("Vietnamese text by default, English, and JSON reports") {
  ScratchDir dir("sign-report");
  const auto pdf = signed_pdf(dir, "doc", "signer-rsa", tsa_url());
  const auto vi = verify({pdf}, "vi");
  INFO(vi.text);
  CHECK(vi.code == 0);
  for (const char* words : {"Chữ ký hợp lệ", "Toàn vẹn", "Người ký: Nguyễn Văn A", "Tổ chức cấp",
                            "Thời điểm ký", "theo dấu thời gian", "PDF/A-2B"}) {
    CAPTURE(words);
    CHECK(vi.text.find(words) != std::string::npos);
  }
  const auto json = verify({pdf}, "vi", true);
  CHECK(json.code == 0);
  const auto parsed = nlohmann::json::parse(json.text);
  CHECK(parsed["valid"] == true);
  const auto& sig = parsed["files"][0]["signatures"][0];
  CHECK(sig["level"] == "B-T");
  CHECK(sig["signer"]["name"] == "Nguyễn Văn A");
  CHECK(sig["checks"].size() >= 8);
  for (const auto& check : sig["checks"]) {
    CHECK(check["status"] == "ok");
  }
}

TEST_CASE("a key generated on a SoftHSM2 token signs through PKCS#11") {
  ScratchDir dir("sign-token");
  const std::string tokens = (dir / "tokens").string();
  std::filesystem::create_directories(tokens);
  write_bytes(dir / "softhsm2.conf", "directories.tokendir = " + tokens +
                                         "\nobjectstore.backend = file\nlog.level = ERROR\n");
  setenv("SOFTHSM2_CONF", (dir / "softhsm2.conf").c_str(), 1);
  const std::string module = "/usr/lib/softhsm/libsofthsm2.so";
  const std::string pki = test_pki().string();
  const std::string d = dir.path().string();
  auto step = run_command("softhsm2-util --init-token --free --label sohoa-test --pin 1234"
                          " --so-pin 5678");
  REQUIRE_MESSAGE(step.status == 0, step.output);
  const std::string tool =
      "pkcs11-tool --module " + module + " --token-label sohoa-test --login --pin 1234";
  step = run_command(tool + " --keypairgen --key-type EC:prime256v1 --id 01 --label sohoa-key");
  REQUIRE_MESSAGE(step.status == 0, step.output);
  const std::string key_uri = "pkcs11:token=sohoa-test;object=sohoa-key;type=private";
  // The CSR is signed on the token too: the key never leaves it.
  step = run_command("cd " + pki + " && OPENSSL_CONF=/dev/null openssl req -new -engine pkcs11" +
                     " -keyform engine -key \"" + key_uri + ";pin-value=1234\"" +
                     " -subj \"/C=VN/CN=Token Signer\" -out " + d + "/token.csr" +
                     " && openssl ca -batch -notext -config ca.cnf -name int_ca" +
                     " -extensions v3_signer -days 30 -in " + d + "/token.csr -out " + d +
                     "/token.pem && openssl x509 -in " + d + "/token.pem -outform DER -out " + d +
                     "/token.der && " + tool + " --write-object " + d +
                     "/token.der --type cert --id 01 --label sohoa-key");
  REQUIRE_MESSAGE(step.status == 0, step.output);
  sign::SignerSource source;
  source.pkcs11_uri = key_uri;
  source.pkcs11_module = module;
  source.chain_pem = test_pki() / "int.pem";
  source.secret_env = "SOHOA_TEST_TOKEN_PIN";
  // A wrong PIN is signer_unavailable (tried first: libp11 keeps a login for
  // the life of the process).
  setenv("SOHOA_TEST_TOKEN_PIN", "9999", 1);
  CHECK_THROWS_AS(sign::load_signer(source), Error);
  setenv("SOHOA_TEST_TOKEN_PIN", "1234", 1);
  const auto pdf = dir / "doc.pdf";
  make_test_pdf(pdf);
  {
    // Scoped: the engine logs out when the last signer using it goes.
    const auto signer = sign::load_signer(source);
    CHECK(signer->certificate().subject.find("Token Signer") != std::string::npos);
    sign::sign_pdf(pdf, *signer, {});
  }
  const auto outcome = verify({pdf});
  INFO(outcome.text);
  CHECK(outcome.code == 0);
  const auto pdfsig = run_command("pdfsig -nssdir sql:" + nss_db().string() + " " + pdf.string());
  CHECK(pdfsig.output.find("Signature is Valid") != std::string::npos);
}

TEST_CASE("visible copy stamp: embedded font, text on page 1, still valid") {
  ScratchDir dir("sign-visible");
  const auto pdf = dir / "doc.pdf";
  make_test_pdf(pdf);
  const auto signer = sign::load_signer(pem_source("signer-rsa"));
  sign::SignOptions options;
  options.visible = true;
  options.agency_name = "UBND phường Bến Nghé";
  options.signing_time = 1'795'000'000;
  sign::sign_pdf(pdf, *signer, options);
  const auto outcome = verify({pdf});
  INFO(outcome.text);
  CHECK(outcome.code == 0);
  const auto fonts = run_command("pdffonts " + pdf.string());
  INFO(fonts.output);
  CHECK(fonts.output.find("LiberationSerif") != std::string::npos);
  const auto text = run_command("pdftotext -f 1 -l 1 " + pdf.string() + " -");
  INFO(text.output);
  CHECK(text.output.find("SAO Y") != std::string::npos);
  CHECK(text.output.find("Bến Nghé") != std::string::npos);
  CHECK(text.output.find("+07:00") != std::string::npos);
}

TEST_CASE("--ltv: DSS with certificates and CRLs, then a document time-stamp (B-LTA)") {
  ScratchDir dir("sign-lta");
  const auto pdf = dir / "doc.pdf";
  make_test_pdf(pdf);
  const auto signer = sign::load_signer(pem_source("signer-rsa"));
  sign::SignOptions options;
  options.tsa_url = tsa_url();
  options.ltv = true;
  options.ltv_crls = {test_pki() / "int.crl", test_pki() / "root.crl"};
  const auto result = sign::sign_pdf(pdf, *signer, options);
  CHECK(result.level == "B-LTA");
  MESSAGE("B-LTA adds " << result.bytes_added << " bytes");
  // No CRL files given to the verifier: the DSS must provide revocation data.
  const VerifyOutcome verified = verify_files({pdf}, false, "en", false);
  INFO(verified.text);
  CHECK(verified.code == 0);
  CHECK(verified.text.find("PAdES level: B-LTA") != std::string::npos);
  CHECK(verified.text.find("Document time-stamp 2: Signature valid") != std::string::npos);
  CHECK(verified.text.find("(DSS)") != std::string::npos);
  CHECK(verified.text.find("No certificate of the chain is revoked") != std::string::npos);
  // A signature cannot be LTV without a TSA; a missing CRL is an error, not a gap.
  sign::SignOptions no_tsa;
  no_tsa.ltv = true;
  CHECK_THROWS_AS(sign::sign_pdf(pdf, *signer, no_tsa), Error);
  sign::SignOptions no_crl = options;
  no_crl.ltv_crls.clear();
  const auto other = dir / "other.pdf";
  make_test_pdf(other);
  const std::string unsigned_bytes = file_bytes(other);
  try {
    sign::sign_pdf(other, *signer, no_crl);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == "revocation_unavailable");
  }
  CHECK(file_bytes(other) == unsigned_bytes); // nothing half-signed is left
}

TEST_CASE("CRLs are fetched from the distribution point when not given") {
  ScratchDir dir("sign-cdp");
  const auto pki = dir / "pki";
  const auto issued = run_command(
      "cp -r " + test_pki().string() + " " + pki.string() + " && " + source_dir().string() +
      "/tests/unit/pdfsign/pki/make-test-pki.sh " + pki.string() + " cdp " + tsa_url() + "int.crl");
  REQUIRE_MESSAGE(issued.status == 0, issued.output);
  sign::SignerSource source;
  source.cert_pem = pki / "cdp.pem";
  source.key_pem = pki / "cdp.key";
  const auto signer = sign::load_signer(source);
  const auto pdf = dir / "doc.pdf";
  make_test_pdf(pdf);
  sign::SignOptions options;
  options.tsa_url = tsa_url();
  options.ltv = true;
  options.ltv_crls = {test_pki() / "root.crl"}; // the intermediate's CRL comes from its CDP
  CHECK(sign::sign_pdf(pdf, *signer, options).level == "B-LTA");
  const auto plain = dir / "plain.pdf";
  make_test_pdf(plain);
  sign::sign_pdf(plain, *signer, {});
  sign::VerifyRequest request;
  request.files = {plain};
  request.trust = {test_pki() / "root.pem"};
  request.crls = {test_pki() / "root.crl"};
  const sign::VerifyResult result = sign::verify(request);
  const std::string text = sign::text_report(result.files, "en");
  INFO(text);
  CHECK(result.exit_code == 0);
  CHECK(text.find("[OK] Revocation") != std::string::npos);
}
