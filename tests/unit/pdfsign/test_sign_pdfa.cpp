// Signing the PDF/A writer's own output: the signed file must stay PDF/A
// (structural rules of pdfa_check) and verify, visible stamp and time-stamp included.
#include "sign_fixture.hpp"

#include "sohoa/pdf/pdfa_check.hpp"
#include "sohoa/pdf/pdfa_writer.hpp"
#include "sohoa/sign/signer.hpp"
#include "sohoa/sign/verify.hpp"
#include "support/scratch.hpp"

#include <doctest/doctest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <cstdio>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

using namespace sohoa;
using namespace sohoa::test;

TEST_CASE("a PDF/A from write_pdfa stays PDF/A and verifies after a visible B-T signature") {
  ScratchDir dir("sign-pdfa");
  const auto pdf = dir / "doc.pdf";
  cv::Mat page(1200, 900, CV_8UC3, cv::Scalar(240, 240, 240));
  cv::rectangle(page, cv::Rect(100, 100, 300, 200), cv::Scalar(0, 0, 200), cv::FILLED);
  pdf::LegalMetadata metadata;
  metadata.title = "Giấy khai sinh";
  metadata.agency_name = "UBND phường Bến Nghé";
  metadata.software_version = "test";
  pdf::write_pdfa({{page, ColourKind::colour, 300, nullptr}}, metadata, {}, pdf);
  const auto unsigned_rules = pdf::check_pdfa(pdf);
  REQUIRE(pdf::pdfa_ok(unsigned_rules));

  sign::SignerSource source;
  source.cert_pem = test_pki() / "signer-rsa.pem";
  source.key_pem = test_pki() / "signer-rsa.key";
  const auto signer = sign::load_signer(source);
  sign::SignOptions options;
  options.tsa_url = tsa_url();
  options.visible = true;
  options.agency_name = metadata.agency_name;
  options.reason = "Sao y bản chính";
  // Trap 7: nothing may reach stdout or stderr while PoDoFo writes the update.
  const auto captured = dir / "output.txt";
  std::fflush(stdout);
  std::fflush(stderr);
  const int saved_out = dup(1);
  const int saved_err = dup(2);
  const int file = open(captured.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  dup2(file, 1);
  dup2(file, 2);
  close(file);
  const auto start = std::chrono::steady_clock::now();
  const auto result = sign::sign_pdf(pdf, *signer, options);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  std::fflush(stdout);
  std::fflush(stderr);
  dup2(saved_out, 1);
  dup2(saved_err, 2);
  close(saved_out);
  close(saved_err);
  CHECK(file_bytes(captured).empty());
  MESSAGE("visible B-T on a write_pdfa page: +"
          << result.bytes_added << " bytes in "
          << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() << " ms");
  CHECK(result.level == "B-T");

  std::string failed;
  for (const auto& rule : pdf::check_pdfa(pdf)) {
    if (!rule.ok) {
      failed += rule.rule + " | " + rule.detail + "\n";
    }
  }
  CHECK_MESSAGE(failed.empty(), failed);

  const VerifyOutcome verified = verify_files({pdf}, true, "en", false);
  INFO(verified.text);
  CHECK(verified.code == 0);
  CHECK(verified.text.find("structural PDF/A rules met") != std::string::npos);
  const auto pdfsig = run_command("pdfsig -nssdir sql:" + nss_db().string() + " " + pdf.string());
  CHECK(pdfsig.output.find("Signature is Valid") != std::string::npos);
  CHECK(pdfsig.output.find("Certificate is Trusted") != std::string::npos);
}

TEST_CASE("time and size a signature adds per document (B-B, B-T)") {
  ScratchDir dir("sign-cost");
  sign::SignerSource source;
  source.cert_pem = test_pki() / "signer-rsa.pem";
  source.key_pem = test_pki() / "signer-rsa.key";
  const auto signer = sign::load_signer(source);
  for (const bool timestamp : {false, true}) {
    long long total_ms = 0;
    long long bytes = 0;
    constexpr int k_runs = 5;
    for (int i = 0; i < k_runs; ++i) {
      const auto pdf = dir / ("doc" + std::to_string(i) + ".pdf");
      make_test_pdf(pdf);
      sign::SignOptions options;
      if (timestamp) {
        options.tsa_url = tsa_url();
      }
      const auto start = std::chrono::steady_clock::now();
      const auto result = sign::sign_pdf(pdf, *signer, options);
      total_ms += std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
      bytes = result.bytes_added;
    }
    MESSAGE((timestamp ? "B-T" : "B-B")
            << ": +" << bytes << " bytes, " << total_ms / k_runs << " ms per signature");
    CHECK(bytes < (timestamp ? 40000 : 20000));
  }
}
