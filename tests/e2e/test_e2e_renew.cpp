// `sohoa reprocess OUT --renew-timestamps --tsa URL` on B-LTA output of the real
// binary: a second document time-stamp over the validation data of the first,
// `verify` accepting the chain and refusing a changed byte under the first
// time-stamp, the manifest's hashes and event, resume, and a B-T PDF left alone.
#include "e2e_support.hpp"
#include "sign_e2e_support.hpp"
#include "sohoa/core/hash.hpp"
#include "sohoa/pdf/pdfa_check.hpp"
#include "sohoa/pdf/signature_scan.hpp"

#include <algorithm>
#include <fstream>

using namespace sohoa::test;
using namespace sohoa::test::e2esign;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::vector<std::string> signer_args() {
  return {"--sign-cert", (pki() / "signer-rsa.pem").string(),
          "--sign-key",  (pki() / "signer-rsa.key").string(),
          "--tsa",       tsa_url()};
}

std::vector<std::string> crl_args() {
  return {"--crl", (pki() / "int.crl").string(), "--crl", (pki() / "root.crl").string()};
}

CommandResult verify(const fs::path& pdf) {
  return run_sohoa(
      {"verify", pdf.string(), "--trust", (pki() / "root.pem").string(), "--lang", "en"});
}

CommandResult renew(const fs::path& out) {
  std::vector<std::string> args = {"reprocess", out.string(), "--renew-timestamps", "--tsa",
                                   tsa_url()};
  const auto crls = crl_args();
  args.insert(args.end(), crls.begin(), crls.end());
  return run_sohoa(args);
}

void write_bytes(const fs::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
}

int document_timestamps(const fs::path& pdf) {
  const auto signatures = sohoa::pdf::find_signatures(slurp(pdf));
  return static_cast<int>(
      std::count_if(signatures.begin(), signatures.end(),
                    [](const sohoa::pdf::RawSignature& s) { return s.type == "DocTimeStamp"; }));
}

fs::path only_manifest(const fs::path& out) {
  for (const auto& e : fs::directory_iterator(out)) {
    if (fs::exists(e.path() / "manifest.json")) {
      return e.path() / "manifest.json";
    }
  }
  FAIL("no manifest under " << out.string());
  return {};
}

} // namespace

TEST_CASE("renewal: two document time-stamps, verify accepts the chain, a changed byte under "
          "the first is caught") {
  ScratchDir dir("e2e-renew");
  const auto gen = generate(dir / "gen", 41, 1, "clean", "png");
  auto args = signer_args();
  args.push_back("--ltv");
  const auto crls = crl_args();
  args.insert(args.end(), crls.begin(), crls.end());
  std::vector<std::string> run = {"run", gen.input.string(), "--out", (dir / "out").string()};
  run.insert(run.end(), args.begin(), args.end());
  const auto first = run_sohoa(run);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  const auto pdfs = pdfs_under(dir / "out");
  REQUIRE(!pdfs.empty());
  for (const auto& pdf : pdfs) {
    REQUIRE(document_timestamps(pdf) == 1);
  }
  const fs::path probe = pdfs.front();
  const std::string before = slurp(probe);

  const auto renewed = renew(dir / "out");
  INFO(renewed.err);
  REQUIRE(renewed.exit_code == 0);
  const json manifest = read_json(only_manifest(dir / "out"));
  for (const auto& pdf : pdfs) {
    INFO(pdf.string());
    CHECK(document_timestamps(pdf) == 2);
    const auto verified = verify(pdf);
    INFO(verified.out << verified.err);
    CHECK(verified.exit_code == 0);
    CHECK(verified.out.find("Document time-stamp 2: Signature valid") != std::string::npos);
    CHECK(verified.out.find("Document time-stamp 3: Signature valid") != std::string::npos);
    CHECK(verified.out.find("[OK] Time-stamp chain: This time-stamp's validation data is in "
                            "the DSS covered by time-stamp #3") != std::string::npos);
    for (const auto& check : sohoa::pdf::check_pdfa(pdf)) {
      INFO(check.rule << " " << check.detail);
      CHECK(check.ok);
    }
    // The manifest holds the renewed file's hash.
    bool hashed = false;
    for (const auto& doc : manifest["documents"]) {
      for (const auto& output : doc["outputs"]) {
        if (output["name"] == pdf.filename().string()) {
          CHECK(output["sha256"] == sohoa::sha256_file(pdf));
          hashed = true;
        }
      }
    }
    CHECK(hashed);
  }
  // The renewal is an incremental update, recorded as an event.
  const std::string after = slurp(probe);
  CHECK(after.compare(0, before.size(), before) == 0);
  REQUIRE(manifest.contains("events"));
  const json& event = manifest["events"].back();
  CHECK(event["event"] == "timestamps_renewed");
  CHECK(event["documents"].size() == pdfs.size());

  // Resume: the renewed dossier is complete; the same run command redoes nothing.
  const auto again = run_sohoa(run);
  INFO(again.err);
  CHECK(again.exit_code == 0);
  CHECK(slurp(probe) == after);

  // A byte inside the first document time-stamp's range (its DSS update, past
  // the signature's own range) changed: verify refuses the file.
  const auto signatures = sohoa::pdf::find_signatures(after);
  REQUIRE(signatures.size() == 3);
  const long long signature_end = signatures[0].range[2] + signatures[0].range[3];
  const size_t at = after.find("stream", static_cast<size_t>(signature_end)) + 30;
  REQUIRE(at < static_cast<size_t>(signatures[1].range[1]));
  std::string bad = after;
  bad[at] = static_cast<char>(bad[at] ^ 0x01);
  const fs::path tampered = dir / "tampered.pdf";
  write_bytes(tampered, bad);
  const auto refused = verify(tampered);
  INFO(refused.out);
  CHECK(refused.exit_code == 1);
  CHECK(refused.out.find("Document time-stamp 2: Signature NOT valid") != std::string::npos);
}

TEST_CASE("renewal leaves a PDF that is not B-LTA alone and says so") {
  ScratchDir dir("e2e-renew-bt");
  const auto gen = generate(dir / "gen", 41, 1, "clean", "png");
  // One page of the generated dossier is enough: a B-T signed card.
  fs::path card;
  for (const auto& e : fs::recursive_directory_iterator(gen.input)) {
    if (e.path().filename().string().find("cccd") != std::string::npos) {
      card = e.path();
    }
  }
  REQUIRE(!card.empty());
  std::vector<std::string> run = {"run", card.string(), "--out", (dir / "out").string()};
  const auto args = signer_args();
  run.insert(run.end(), args.begin(), args.end());
  const auto first = run_sohoa(run);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  const auto pdfs = pdfs_under(dir / "out");
  REQUIRE(pdfs.size() == 1);
  const std::string before = slurp(pdfs.front());
  const auto renewed = renew(dir / "out");
  INFO(renewed.err);
  CHECK(renewed.exit_code == 0);
  CHECK(renewed.err.find("not B-LTA") != std::string::npos);
  CHECK(slurp(pdfs.front()) == before);
  const auto usage = run_sohoa({"reprocess", (dir / "out").string(), "--renew-timestamps"});
  CHECK(usage.exit_code == 2);
}
