// Signing with PEM, PKCS#12 and keys of every supported kind; the result is
// checked by our verifier and by outside tools (pdfsig, openssl cms/ts).
#include "sign_fixture.hpp"

#include "sohoa/core/error.hpp"
#include "sohoa/sign/signer.hpp"
#include "sohoa/sign/verify.hpp"
#include "support/scratch.hpp"

#include <doctest/doctest.h>
#include <podofo/podofo.h>

#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pkcs7.h>

#include <cstdlib>
#include <regex>
#include <sstream>

using namespace sohoa;
using namespace sohoa::test;

namespace {

VerifyOutcome verify(const std::filesystem::path& pdf, bool with_crls = true,
                     const std::string& lang = "en", bool json = false) {
  return verify_files({pdf}, with_crls, lang, json);
}

// The CMS of the last signature and the bytes it signs.
struct Extracted {
  std::string cms_der;
  std::string signed_bytes;
};

Extracted extract_last_signature(const std::string& pdf) {
  const size_t at = pdf.rfind("/ByteRange");
  REQUIRE(at != std::string::npos);
  std::istringstream in(pdf.substr(pdf.find('[', at) + 1, 80));
  long long r[4];
  in >> r[0] >> r[1] >> r[2] >> r[3];
  Extracted out;
  out.signed_bytes = pdf.substr(0, static_cast<size_t>(r[1])) +
                     pdf.substr(static_cast<size_t>(r[2]), static_cast<size_t>(r[3]));
  const std::string hex =
      pdf.substr(static_cast<size_t>(r[1] + 1), static_cast<size_t>(r[2] - r[1] - 2));
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.cms_der += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  // Strip the zero padding: the DER's own length says where it ends.
  const auto* p = reinterpret_cast<const unsigned char*>(out.cms_der.data());
  CMS_ContentInfo* cms = d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(out.cms_der.size()));
  REQUIRE(cms != nullptr);
  const auto* begin = reinterpret_cast<const unsigned char*>(out.cms_der.data());
  out.cms_der.resize(static_cast<size_t>(p - begin));
  CMS_ContentInfo_free(cms);
  return out;
}

long count_of(const std::string& text, const std::string& pattern) {
  const std::regex re(pattern);
  return std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator());
}

void check_with_outside_tools(const ScratchDir& dir, const std::filesystem::path& pdf,
                              int signatures, bool with_pdfsig = true) {
  if (with_pdfsig) {
    const auto pdfsig = run_command("pdfsig -nssdir sql:" + nss_db().string() + " " + pdf.string());
    INFO(pdfsig.output);
    CHECK(count_of(pdfsig.output, "Signature Validation: Signature is Valid") == signatures);
    CHECK(count_of(pdfsig.output, "Certificate Validation: Certificate is Trusted") == signatures);
  }
  const Extracted sig = extract_last_signature(file_bytes(pdf));
  write_bytes(dir / "sig.der", sig.cms_der);
  write_bytes(dir / "content.bin", sig.signed_bytes);
  const auto cms =
      run_command("openssl cms -verify -binary -inform DER -in " + (dir / "sig.der").string() +
                  " -content " + (dir / "content.bin").string() + " -CAfile " +
                  (test_pki() / "root.pem").string() + " -purpose any -out /dev/null");
  INFO(cms.output);
  CHECK(cms.status == 0);
  const auto print =
      run_command("openssl cms -cmsout -print -inform DER -in " + (dir / "sig.der").string());
  CHECK(print.status == 0);
  // The TSA's own token may carry signingTime; ours (before unsignedAttrs) may not.
  CHECK(print.output.substr(0, print.output.find("unsignedAttrs")).find("signingTime") ==
        std::string::npos);
  CHECK(print.output.find("id-smime-aa-signingCertificateV2") != std::string::npos);
  CHECK(count_of(print.output, "d\\.issuerAndSerialNumber") == 1);
}

} // namespace

TEST_CASE("PEM RSA signature: B-B, original bytes kept, valid for pdfsig and openssl") {
  ScratchDir dir("sign-rsa");
  const auto pdf = dir / "doc.pdf";
  make_test_pdf(pdf);
  const std::string before = file_bytes(pdf);
  const auto signer = sign::load_signer(pem_source("signer-rsa"));
  CHECK(signer->certificate().subject.find("Nguyễn Văn A") != std::string::npos);
  sign::SignOptions options;
  options.reason = "Sao y bản chính";
  options.location = "Hà Nội";
  const auto result = sign::sign_pdf(pdf, *signer, options);
  CHECK(result.level == "B-B");
  CHECK(result.signing_time.find("+07:00") != std::string::npos);
  const std::string after = file_bytes(pdf);
  REQUIRE(after.size() > before.size());
  CHECK(after.compare(0, before.size(), before) == 0);
  CHECK(result.bytes_added == static_cast<long long>(after.size() - before.size()));
  MESSAGE("B-B adds " << result.bytes_added << " bytes");
  CHECK(after.find("/ETSI.CAdES.detached") != std::string::npos);
  CHECK(after.find("/adbe.pkcs7.detached") == std::string::npos);
  CHECK(after.find("/SigFlags 3") != std::string::npos);
  // Trap 2: the Info /ModDate is the original one.
  const bool mod_date_kept =
      after.find("D:20260101000000+07'00'", before.size()) != std::string::npos ||
      after.find("/ModDate", before.size()) == std::string::npos;
  CHECK(mod_date_kept);
  const auto outcome = verify(pdf);
  INFO(outcome.text);
  CHECK(outcome.code == 0);
  CHECK(outcome.text.find("Signature valid") != std::string::npos);
  check_with_outside_tools(dir, pdf, 1);
  const auto qpdf = run_command("qpdf --check " + pdf.string());
  CHECK(qpdf.status == 0);
}

TEST_CASE("ECDSA P-256, RSA-PSS and PKCS#12 signers all sign valid signatures") {
  ScratchDir dir("sign-kinds");
  struct Kind {
    std::string name;
    sign::SignerSource source;
    bool rsa_pss;
    bool pdfsig; // poppler 22.12/NSS rejects RSA-PSS *keys* (id-RSASSA-PSS SPKI)
  };
  sign::SignerSource p12;
  p12.p12 = test_pki() / "signer-rsa.p12";
  p12.secret_env = "SOHOA_TEST_P12_PASS";
  setenv("SOHOA_TEST_P12_PASS", "p12-secret", 1);
  const std::vector<Kind> kinds = {{"ec", pem_source("signer-ec"), false, true},
                                   {"pss-padding", pem_source("signer-rsa"), true, true},
                                   {"pss-key", pem_source("signer-pss"), false, false},
                                   {"p12", p12, false, true}};
  for (const auto& kind : kinds) {
    CAPTURE(kind.name);
    const auto pdf = dir / (kind.name + ".pdf");
    make_test_pdf(pdf);
    const auto signer = sign::load_signer(kind.source);
    sign::SignOptions options;
    options.rsa_pss = kind.rsa_pss;
    sign::sign_pdf(pdf, *signer, options);
    const auto outcome = verify(pdf);
    INFO(outcome.text);
    CHECK(outcome.code == 0);
    check_with_outside_tools(dir, pdf, 1, kind.pdfsig);
  }
  for (const char* name : {"pss-padding", "pss-key"}) {
    const auto pss = extract_last_signature(file_bytes(dir / (std::string(name) + ".pdf")));
    write_bytes(dir / "pss.der", pss.cms_der);
    const auto print =
        run_command("openssl cms -cmsout -print -inform DER -in " + (dir / "pss.der").string());
    CHECK(print.output.find("rsassaPss") != std::string::npos);
  }
}

TEST_CASE("B-T: the signature time-stamp comes from the TSA and verifies with openssl ts") {
  ScratchDir dir("sign-bt");
  const auto pdf = dir / "doc.pdf";
  make_test_pdf(pdf);
  const auto signer = sign::load_signer(pem_source("signer-rsa"));
  sign::SignOptions options;
  options.tsa_url = tsa_url();
  const auto result = sign::sign_pdf(pdf, *signer, options);
  CHECK(result.level == "B-T");
  CHECK_FALSE(result.timestamp_time.empty());
  MESSAGE("B-T adds " << result.bytes_added << " bytes");
  const auto outcome = verify(pdf);
  INFO(outcome.text);
  CHECK(outcome.code == 0);
  CHECK(outcome.text.find("B-T") != std::string::npos);
  check_with_outside_tools(dir, pdf, 1);
  // The token, checked by openssl ts against the SHA-256 of the signature value.
  const Extracted sig = extract_last_signature(file_bytes(pdf));
  const auto* p = reinterpret_cast<const unsigned char*>(sig.cms_der.data());
  CMS_ContentInfo* cms = d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(sig.cms_der.size()));
  REQUIRE(cms != nullptr);
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
  const auto* token = static_cast<const ASN1_STRING*>(CMS_unsigned_get0_data_by_OBJ(
      si, OBJ_nid2obj(NID_id_smime_aa_timeStampToken), -3, V_ASN1_SEQUENCE));
  REQUIRE(token != nullptr);
  write_bytes(dir / "token.der",
              std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(token)),
                          static_cast<size_t>(ASN1_STRING_length(token))));
  const ASN1_OCTET_STRING* value = CMS_SignerInfo_get0_signature(si);
  unsigned char md[32];
  EVP_Digest(ASN1_STRING_get0_data(value), static_cast<size_t>(ASN1_STRING_length(value)), md,
             nullptr, EVP_sha256(), nullptr);
  CMS_ContentInfo_free(cms);
  std::string hex;
  for (unsigned char c : md) {
    static const char* k_digits = "0123456789abcdef";
    hex += k_digits[c >> 4];
    hex += k_digits[c & 15];
  }
  const auto ts = run_command("openssl ts -verify -token_in -in " + (dir / "token.der").string() +
                              " -digest " + hex + " -CAfile " + (test_pki() / "root.pem").string() +
                              " -untrusted " + (test_pki() / "int.pem").string());
  INFO(ts.output);
  CHECK(ts.status == 0);
  CHECK(ts.output.find("Verification: OK") != std::string::npos);
}

TEST_CASE("an unreachable TSA is tsa_unavailable and leaves the file untouched") {
  ScratchDir dir("sign-notsa");
  const auto pdf = dir / "doc.pdf";
  make_test_pdf(pdf);
  const std::string before = file_bytes(pdf);
  const auto signer = sign::load_signer(pem_source("signer-rsa"));
  sign::SignOptions options;
  options.tsa_url = "http://127.0.0.1:9/tsa";
  try {
    sign::sign_pdf(pdf, *signer, options);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == "tsa_unavailable");
    CHECK(e.stage() == Stage::sign);
  }
  CHECK(file_bytes(pdf) == before);
}

TEST_CASE("signer problems are signer_unavailable with the reason") {
  const auto code_of = [](const sign::SignerSource& source) {
    try {
      sign::load_signer(source);
    } catch (const Error& e) {
      return e.code() + ": " + e.what();
    }
    return std::string("loaded");
  };
  CHECK(code_of(pem_source("expired")).find("signer_unavailable: ") == 0);
  CHECK(code_of(pem_source("expired")).find("expired") != std::string::npos);
  sign::SignerSource mismatch = pem_source("signer-rsa");
  mismatch.key_pem = test_pki() / "signer-ec.key";
  CHECK(code_of(mismatch).find("does not match") != std::string::npos);
  sign::SignerSource wrong_pass;
  wrong_pass.p12 = test_pki() / "signer-rsa.p12";
  wrong_pass.secret_env = "SOHOA_TEST_WRONG_PASS";
  setenv("SOHOA_TEST_WRONG_PASS", "nope", 1);
  CHECK(code_of(wrong_pass).find("signer_unavailable") == 0);
  sign::SignerSource missing;
  missing.cert_pem = "/nonexistent/cert.pem";
  missing.key_pem = "/nonexistent/key.pem";
  CHECK(code_of(missing).find("signer_unavailable") == 0);
  CHECK(code_of(sign::SignerSource{}).find("signer_unavailable") == 0);
}

TEST_CASE("signing a missing or non-PDF file is a sign-stage error, file untouched") {
  ScratchDir dir("sign-bad-input");
  const auto signer = sign::load_signer(pem_source("signer-rsa"));
  CHECK_THROWS_AS(sign::sign_pdf(dir / "missing.pdf", *signer, {}), Error);
  const auto junk = dir / "junk.pdf";
  write_bytes(junk, "not a pdf at all");
  try {
    sign::sign_pdf(junk, *signer, {});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.stage() == Stage::sign);
    CHECK(e.code() == "signing_failed");
  }
  CHECK(file_bytes(junk) == "not a pdf at all");
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 1); // no temp file left
}

TEST_CASE("a second signature is allowed; other later changes are reported") {
  ScratchDir dir("sign-twice");
  const auto pdf = dir / "doc.pdf";
  make_test_pdf(pdf);
  const auto rsa = sign::load_signer(pem_source("signer-rsa"));
  const auto ec = sign::load_signer(pem_source("signer-ec"));
  sign::sign_pdf(pdf, *rsa, {});
  sign::sign_pdf(pdf, *ec, {});
  const auto twice = verify(pdf);
  INFO(twice.text);
  CHECK(twice.code == 0);
  CHECK(twice.text.find("Signature 2") != std::string::npos);
  CHECK(twice.text.find("further signature") != std::string::npos);
  check_with_outside_tools(dir, pdf, 2);
  // Append an update that changes the page content: not a permitted change.
  PoDoFo::PdfMemDocument doc;
  doc.Load(pdf.c_str(), true);
  PoDoFo::PdfObject* contents = doc.GetPage(0)->GetContents();
  const std::string extra = "BT /F1 30 Tf 100 100 Td (FORGED) Tj ET\n";
  contents->GetStream()->BeginAppend(PoDoFo::TVecFilters(), false);
  contents->GetStream()->Append(extra.data(), extra.size());
  contents->GetStream()->EndAppend();
  doc.WriteUpdate(pdf.c_str());
  const auto changed = verify(pdf);
  INFO(changed.text);
  CHECK(changed.code == 1);
  CHECK(changed.text.find("modified after signing") != std::string::npos);
}
