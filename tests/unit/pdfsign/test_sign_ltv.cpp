// Long-term validation data: OCSP responses (a loopback responder of the test
// PKI) beside CRLs in the DSS, per-signature /VRI entries, and verify reading
// them offline.
#include "sign_fixture.hpp"

#include "sohoa/core/error.hpp"
#include "sohoa/pdf/revision_diff.hpp"
#include "sohoa/pdf/signature_scan.hpp"
#include "sohoa/sign/signer.hpp"
#include "sohoa/sign/timestamp_renewal.hpp"
#include "support/scratch.hpp"
#include "support/tsa_server.hpp"

#include <doctest/doctest.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>

using namespace sohoa;
using namespace sohoa::test;

namespace {

// A copy of the test PKI whose new certificates name `ocsp_url` as responder.
std::filesystem::path ocsp_pki(const ScratchDir& dir, const std::string& ocsp_url) {
  const auto pki = dir / "pki";
  const auto issued = run_command(
      "cp -r " + test_pki().string() + " " + pki.string() + " && " + source_dir().string() +
      "/tests/unit/pdfsign/pki/make-test-pki.sh " + pki.string() + " ocsp " + ocsp_url);
  REQUIRE_MESSAGE(issued.status == 0, issued.output);
  return pki;
}

sign::SignerSource source_in(const std::filesystem::path& pki, const std::string& name) {
  sign::SignerSource source;
  source.cert_pem = pki / (name + ".pem");
  source.key_pem = pki / (name + ".key");
  return source;
}

std::string upper_sha1_hex(const std::string& data) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  std::string out;
  for (const unsigned char byte : digest) {
    char hex[3];
    std::snprintf(hex, sizeof hex, "%02X", byte);
    out += hex;
  }
  return out;
}

} // namespace

TEST_CASE("OCSP: the signer's and the TSA's responses go into the DSS, verify reads them "
          "offline") {
  ScratchDir dir("sign-ocsp");
  // The PKI copy's own server: TSA, OCSP responder (openssl ocsp -index) and CRLs.
  const auto work = dir / "server";
  std::filesystem::create_directories(work);
  std::optional<TsaServer> server;
  std::filesystem::path pki;
  {
    // The URL must be known before the certificates naming it are issued: start
    // the server on the copy first, then issue into that same folder.
    const auto pki_dir = dir / "pki";
    const auto copied = run_command("cp -r " + test_pki().string() + " " + pki_dir.string());
    REQUIRE_MESSAGE(copied.status == 0, copied.output);
    server.emplace(pki_dir, work, 170);
    const auto issued =
        run_command(source_dir().string() + "/tests/unit/pdfsign/pki/make-test-pki.sh " +
                    pki_dir.string() + " ocsp " + server->url() + "ocsp");
    REQUIRE_MESSAGE(issued.status == 0, issued.output);
    pki = pki_dir;
  }
  sign::SignOptions options;
  options.tsa_url = server->url();
  options.ltv = true;
  options.ltv_crls = {pki / "root.crl"}; // the intermediate names no responder
  const auto good = dir / "good.pdf";
  make_test_pdf(good);
  const auto good_signer = sign::load_signer(source_in(pki, "ocsp-good"));
  CHECK(sign::sign_pdf(good, *good_signer, options).level == "B-LTA");
  const auto revoked = dir / "revoked.pdf";
  make_test_pdf(revoked);
  const auto revoked_signer = sign::load_signer(source_in(pki, "ocsp-revoked"));
  CHECK(sign::sign_pdf(revoked, *revoked_signer, options).level == "B-LTA");

  const std::string bytes = file_bytes(good);
  const pdf::DssContents dss = pdf::read_dss(bytes);
  CHECK(dss.ocsps.size() == 2); // the signer's and the TSA's
  CHECK(dss.crls.size() == 1);  // the root's, for the intermediate
  const std::vector<pdf::RawSignature> signatures = pdf::find_signatures(bytes);
  REQUIRE(signatures.size() == 2);
  const std::string key = upper_sha1_hex(signatures[0].contents);
  CHECK(std::find(dss.vri_keys.begin(), dss.vri_keys.end(), key) != dss.vri_keys.end());
  CHECK(bytes.find("/OCSPs") != std::string::npos);

  server.reset(); // from here on nothing answers: verify works from the DSS alone
  const VerifyOutcome verified = verify_files({good}, false, "en", false);
  INFO(verified.text);
  CHECK(verified.code == 0);
  CHECK(verified.text.find("PAdES level: B-LTA") != std::string::npos);
  // Twice: the signer's chain, and the document time-stamp's TSA chain (its
  // own OCSP answer, stored at signing).
  const std::string per_ocsp = "No certificate of the chain is revoked (per CRL, OCSP)";
  const size_t first_line = verified.text.find(per_ocsp);
  REQUIRE(first_line != std::string::npos);
  CHECK(verified.text.find(per_ocsp, first_line + 1) != std::string::npos);
  const VerifyOutcome refused = verify_files({revoked}, false, "en", false);
  INFO(refused.text);
  CHECK(refused.code == 1);
  CHECK(refused.text.find("The certificate of OCSP Revoked Signer was revoked at") !=
        std::string::npos);
}

TEST_CASE("OCSP responder unreachable: B-LTA signing fails with the reason unless a CRL "
          "stands in") {
  ScratchDir dir("sign-ocsp-down");
  const auto pki = ocsp_pki(dir, "http://127.0.0.1:9/ocsp"); // nothing listens there
  const auto signer = sign::load_signer(source_in(pki, "ocsp-good"));
  sign::SignOptions options;
  options.tsa_url = tsa_url();
  options.ltv = true;
  options.ltv_crls = {test_pki() / "root.crl"};
  const auto pdf = dir / "doc.pdf";
  make_test_pdf(pdf);
  const std::string before = file_bytes(pdf);
  try {
    sign::sign_pdf(pdf, *signer, options);
    FAIL("signed without revocation data");
  } catch (const Error& e) {
    CHECK(e.code() == "revocation_unavailable");
    const std::string message = e.what();
    INFO(message);
    CHECK(message.find("OCSP Good Signer") != std::string::npos);
    CHECK(message.find("OCSP responder http://127.0.0.1:9/ocsp: unreachable") != std::string::npos);
  }
  CHECK(file_bytes(pdf) == before); // nothing half-signed is left
  // With the intermediate's CRL given, the CRL is the revocation data.
  options.ltv_crls.push_back(test_pki() / "int.crl");
  CHECK(sign::sign_pdf(pdf, *signer, options).level == "B-LTA");
  const pdf::DssContents dss = pdf::read_dss(file_bytes(pdf));
  CHECK(dss.ocsps.empty());
  CHECK(dss.crls.size() == 2);
  const VerifyOutcome verified = verify_files({pdf}, false, "en", false);
  INFO(verified.text);
  CHECK(verified.code == 0);
}

TEST_CASE("B-LTA renewal: the last time-stamp's validation data, then a second one; verify "
          "follows the chain") {
  ScratchDir dir("sign-renew");
  const auto pdf = dir / "doc.pdf";
  make_test_pdf(pdf);
  const auto signer = sign::load_signer(pem_source("signer-rsa"));
  const std::vector<std::filesystem::path> crls = {test_pki() / "int.crl", test_pki() / "root.crl"};
  sign::SignOptions options;
  options.tsa_url = tsa_url();
  options.ltv = true;
  options.ltv_crls = crls;
  REQUIRE(sign::sign_pdf(pdf, *signer, options).level == "B-LTA");
  const std::string before = file_bytes(pdf);

  const sign::RenewalResult renewed = sign::renew_document_timestamp(pdf, {tsa_url(), crls});
  CHECK(renewed.renewed);
  CHECK(renewed.document_timestamps == 2);
  CHECK(!renewed.timestamp_time.empty());
  MESSAGE("renewal adds " << renewed.bytes_added << " bytes");
  const std::string after = file_bytes(pdf);
  REQUIRE(after.size() > before.size());
  CHECK(after.compare(0, before.size(), before) == 0); // an incremental update
  const std::vector<pdf::RawSignature> signatures = pdf::find_signatures(after);
  REQUIRE(signatures.size() == 3);
  const pdf::DssContents dss = pdf::read_dss(after);
  for (size_t i = 0; i < 2; ++i) { // the signature's and the first time-stamp's
    const std::string key = upper_sha1_hex(signatures[i].contents);
    CHECK(std::find(dss.vri_keys.begin(), dss.vri_keys.end(), key) != dss.vri_keys.end());
  }

  const VerifyOutcome verified = verify_files({pdf}, false, "en", false);
  INFO(verified.text);
  CHECK(verified.code == 0);
  CHECK(verified.text.find("PAdES level: B-LTA") != std::string::npos);
  CHECK(verified.text.find("Document time-stamp 2: Signature valid") != std::string::npos);
  CHECK(verified.text.find("Document time-stamp 3: Signature valid") != std::string::npos);
  CHECK(verified.text.find("This time-stamp's validation data is in the DSS covered by "
                           "time-stamp #3") != std::string::npos);

  // A byte inside the first time-stamp's range (its DSS update, which the
  // signature itself does not cover) changed: the time-stamps no longer verify.
  const long long signature_end = signatures[0].range[2] + signatures[0].range[3];
  const size_t stream = after.find("stream", static_cast<size_t>(signature_end));
  REQUIRE(stream < static_cast<size_t>(signatures[1].range[1]));
  std::string bad = after;
  bad[stream + 30] = static_cast<char>(bad[stream + 30] ^ 0x01);
  const auto tampered = dir / "tampered.pdf";
  write_bytes(tampered, bad);
  const VerifyOutcome refused = verify_files({tampered}, false, "en", false);
  INFO(refused.text);
  CHECK(refused.code == 1);
  CHECK(refused.text.find("Document time-stamp 2: Signature NOT valid") != std::string::npos);

  // Not B-LTA (a B-T signature): reported, the file left as it was.
  const auto bt = dir / "bt.pdf";
  make_test_pdf(bt);
  sign::SignOptions bt_options;
  bt_options.tsa_url = tsa_url();
  sign::sign_pdf(bt, *signer, bt_options);
  const std::string bt_bytes = file_bytes(bt);
  const sign::RenewalResult skipped = sign::renew_document_timestamp(bt, {tsa_url(), crls});
  CHECK_FALSE(skipped.renewed);
  CHECK(skipped.not_renewed_reason.find("not B-LTA") != std::string::npos);
  CHECK(file_bytes(bt) == bt_bytes);
}
