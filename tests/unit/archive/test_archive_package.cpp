// E-ARK packages of a dossier output: the layout, METS and PREMIS valid against
// their official schemas (bundled, no network), and any changed byte caught.
#include "sohoa/archive/package.hpp"
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/hash.hpp"
#include "support/scratch.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace sohoa;
using sohoa::test::ScratchDir;
namespace fs = std::filesystem;

namespace {

constexpr const char* k_code = "000.00.16.H29-261122-0001";

nlohmann::json digest(const fs::path& file) {
  return {{"name", file.filename().string()},
          {"sha256", sha256_file(file)},
          {"bytes", fs::file_size(file)}};
}

// A dossier output as `sohoa run` leaves it: two documents with a PDF and a
// record, one failed document without a PDF, and the manifest.
fs::path make_dossier_output(const fs::path& out, bool signed_pdf = false) {
  const fs::path dir = out / k_code;
  fs::create_directories(dir);
  nlohmann::json documents = nlohmann::json::array();
  const std::vector<std::pair<std::string, std::string>> docs{
      {"to-khai", "birth_registration_form"}, {"quyet-dinh", "administrative_decision"}};
  for (const auto& [id, type] : docs) {
    write_file_atomic(dir / (id + ".pdf"), "%PDF-1.7\n% a page of " + id + "\n%%EOF\n");
    nlohmann::json record = {{"schema", "sohoa.document/1"},
                             {"document_id", id},
                             {"doc_type", type},
                             {"fields", nlohmann::json::object()}};
    if (type == "administrative_decision") {
      record["fields"]["document_number"] = {{"value", "181/QĐ-UBND"}};
      record["fields"]["issued_date"] = {{"value", "2025-11-10"}};
      record["fields"]["issuing_agency"] = {{"value", "ỦY BAN NHÂN DÂN QUẬN 1"}};
      record["fields"]["summary"] = {{"value", "Về việc <cấp> phép & đăng ký"}};
    }
    write_file_atomic(dir / (id + ".json"), record.dump(2));
    nlohmann::json d = {{"document_id", id},
                        {"status", "ok"},
                        {"doc_type", type},
                        {"pages", 2},
                        {"outputs", {digest(dir / (id + ".pdf")), digest(dir / (id + ".json"))}}};
    if (signed_pdf) {
      d["signature"] = {{"level", "PAdES-B-T"}, {"signing_time", "2026-11-22T10:00:05+07:00"}};
    }
    documents.push_back(d);
  }
  documents.push_back({{"document_id", "hong"},
                       {"status", "failed"},
                       {"doc_type", "unknown"},
                       {"pages", 0},
                       {"outputs", nlohmann::json::array()},
                       {"reason", "cannot decode"}});
  nlohmann::json manifest = {
      {"schema", "sohoa.manifest/1"},
      {"complete", true},
      {"dossier_id", k_code},
      {"dossier",
       {{"dossier_code", k_code},
        {"procedure_code", "1.001193"},
        {"agency_code", "000.00.16.H29"},
        {"agency_name", "UBND phường Bến Nghé"},
        {"officer", "Trần Thị B"}}},
      {"archival",
       {{"file_code", k_code},
        {"confidence_level", "02"},
        {"paper_file_code", k_code},
        {"language", "vi"},
        {"total_documents", 3},
        {"page_amount", 4}}},
      {"started_at", "2026-11-22T10:00:00+07:00"},
      {"finished_at", "2026-11-22T10:00:09+07:00"},
      {"software", {{"name", "sohoa"}, {"version", "0.1.0"}}},
      {"pdfa", "2b"},
      {"engines",
       {{"tesseract", "5.3.0"},
        {"leptonica", "1.82.0"},
        {"opencv", "4.6.0"},
        {"podofo", "0.9.8"},
        {"openssl", "OpenSSL 3.0"},
        {"language_data", {{{"language", "vie"}, {"file", "vie.traineddata"}, {"sha256", "ab"}}}}}},
      {"signer",
       signed_pdf ? nlohmann::json{{"subject", "CN=UBND phường Bến Nghé"}} : nlohmann::json()},
      {"documents", documents}};
  write_file_atomic(dir / "manifest.json", manifest.dump(2));
  return dir;
}

archive::PackageOptions options_for(const fs::path& dossier, const fs::path& sip) {
  return {dossier, sip, "2026-11-22T10:05:00+07:00"};
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) {
    out += l + "\n";
  }
  return out;
}

std::string codes(const std::vector<archive::PackageProblem>& problems) {
  std::string out;
  for (const auto& p : problems) {
    out += p.file + ": " + p.code + ": " + p.message + "\n";
  }
  return out;
}

void flip_byte(const fs::path& file, std::size_t at) {
  std::string bytes = read_file(file);
  REQUIRE(at < bytes.size());
  bytes[at] = static_cast<char>(bytes[at] ^ 0x20);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

} // namespace

TEST_CASE("a dossier output becomes an E-ARK SIP whose METS and PREMIS are schema-valid") {
  ScratchDir dir("archive-sip");
  for (const bool signed_pdf : {false, true}) {
    CAPTURE(signed_pdf);
    const fs::path dossier =
        make_dossier_output(dir / (signed_pdf ? "signed" : "plain"), signed_pdf);
    const fs::path sip = dir / (signed_pdf ? "sip-signed" : "sip");
    const auto summary = archive::write_eark_sip(options_for(dossier, sip));
    CHECK(summary.file_code == k_code);
    CHECK(summary.documents == 2); // the failed one has no PDF
    CHECK(summary.files == 4);

    const std::string code = k_code;
    CHECK(fs::is_regular_file(sip / "METS.xml"));
    CHECK(fs::is_regular_file(sip / "metadata/descriptive" / (code + ".xml")));
    CHECK(fs::is_regular_file(sip / "metadata/preservation/premis.xml"));
    // TT 05/2025 names: <mã hồ sơ>.<STT>
    CHECK(read_file(sip / "representations/rep1/data" / (code + ".1.pdf")) ==
          read_file(dossier / "to-khai.pdf"));
    CHECK(read_file(sip / "representations/rep1/data" / (code + ".2.pdf")) ==
          read_file(dossier / "quyet-dinh.pdf"));
    CHECK_FALSE(fs::exists(sip / "representations/rep1/data" / (code + ".3.pdf")));

    const fs::path xsd = archive::resolve_xsd_dir();
    const auto mets_errors = archive::validate_against_xsd(sip / "METS.xml", xsd / "mets.xsd");
    INFO(joined(mets_errors));
    CHECK(mets_errors.empty());
    const auto premis_errors = archive::validate_against_xsd(
        sip / "metadata/preservation/premis.xml", xsd / "premis-v3-0.xsd");
    INFO(joined(premis_errors));
    CHECK(premis_errors.empty());
    const auto problems = archive::check_eark_sip(sip, xsd);
    INFO(codes(problems));
    CHECK(problems.empty());

    const std::string mets = read_file(sip / "METS.xml");
    CHECK(mets.find("CHECKSUMTYPE=\"SHA-256\"") != std::string::npos);
    CHECK(mets.find(sha256_file(dossier / "to-khai.pdf")) != std::string::npos);
    CHECK(mets.find("TYPE=\"PHYSICAL\"") != std::string::npos);
    const std::string premis = read_file(sip / "metadata/preservation/premis.xml");
    CHECK(premis.find("digitization") != std::string::npos);
    CHECK(premis.find("optical character recognition") != std::string::npos);
    CHECK((premis.find("digital signature generation") != std::string::npos) == signed_pdf);
    CHECK(premis.find("5.3.0") != std::string::npos); // the OCR engine's version
    const std::string description = read_file(sip / "metadata/descriptive" / (code + ".xml"));
    CHECK(description.find("<confidenceLevel>02</confidenceLevel>") != std::string::npos);
    CHECK(description.find("<paperFileCode>" + code + "</paperFileCode>") != std::string::npos);
    CHECK(description.find("<docId>" + code + ".2</docId>") != std::string::npos);
    CHECK(description.find("<docCode>" + code + ".0000002</docCode>") != std::string::npos);
    CHECK(description.find("<codeNumber>181</codeNumber>") != std::string::npos);
    CHECK(description.find("<codeNotation>QĐ-UBND</codeNotation>") != std::string::npos);
    CHECK(description.find("&lt;cấp&gt; phép &amp; đăng ký") != std::string::npos);
  }
}

TEST_CASE("a changed, missing or extra byte in a package is caught by its METS") {
  ScratchDir dir("archive-check");
  const fs::path dossier = make_dossier_output(dir.path());
  const fs::path xsd = archive::resolve_xsd_dir();
  const std::string pdf = std::string("representations/rep1/data/") + k_code + ".2.pdf";
  const std::string premis = "metadata/preservation/premis.xml";

  SUBCASE("a flipped byte in a PDF") {
    const fs::path sip = dir / "sip";
    archive::write_eark_sip(options_for(dossier, sip));
    flip_byte(sip / pdf, 12);
    const auto problems = archive::check_eark_sip(sip, xsd);
    INFO(codes(problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].file == pdf);
    CHECK(problems[0].code == "checksum_mismatch");
  }
  SUBCASE("a flipped byte in the PREMIS file") {
    const fs::path sip = dir / "sip";
    archive::write_eark_sip(options_for(dossier, sip));
    const std::string text = read_file(sip / premis);
    flip_byte(sip / premis, text.find("sohoa"));
    const auto problems = archive::check_eark_sip(sip, xsd);
    INFO(codes(problems));
    REQUIRE_FALSE(problems.empty());
    CHECK(problems[0].file == premis);
    CHECK(problems[0].code == "checksum_mismatch");
  }
  SUBCASE("a removed file and an added one") {
    const fs::path sip = dir / "sip";
    archive::write_eark_sip(options_for(dossier, sip));
    fs::remove(sip / pdf);
    write_file_atomic(sip / "representations/rep1/data/extra.pdf", "%PDF");
    const auto problems = archive::check_eark_sip(sip, xsd);
    INFO(codes(problems));
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].code == "missing_file");
    CHECK(problems[1].code == "unlisted_file");
  }
  SUBCASE("a METS that breaks its schema") {
    const fs::path sip = dir / "sip";
    archive::write_eark_sip(options_for(dossier, sip));
    std::string mets = read_file(sip / "METS.xml");
    const auto at = mets.find("<mets:structMap");
    REQUIRE(at != std::string::npos);
    mets.insert(at, "<mets:notAnElement/>");
    std::ofstream(sip / "METS.xml", std::ios::binary | std::ios::trunc) << mets;
    const auto problems = archive::check_eark_sip(sip, xsd);
    INFO(codes(problems));
    REQUIRE_FALSE(problems.empty());
    CHECK(problems[0].code == "schema_invalid");
  }
}

TEST_CASE("packaging refuses a PDF changed since the run, and an occupied folder") {
  ScratchDir dir("archive-refuse");
  const fs::path dossier = make_dossier_output(dir.path());
  fs::create_directories(dir / "full");
  write_file_atomic(dir / "full/METS.xml", "x");
  try {
    archive::write_eark_sip(options_for(dossier, dir / "full"));
    FAIL("an occupied package folder was overwritten");
  } catch (const Error& e) {
    CHECK(e.code() == "package_exists");
  }
  flip_byte(dossier / "to-khai.pdf", 3);
  try {
    archive::write_eark_sip(options_for(dossier, dir / "sip"));
    FAIL("a changed PDF was packaged");
  } catch (const Error& e) {
    CHECK(e.code() == "changed_output");
  }
  CHECK_FALSE(fs::exists(dir / "sip"));
  try {
    archive::write_eark_sip(options_for(dir / "nowhere", dir / "sip"));
    FAIL("a folder without manifest was packaged");
  } catch (const Error& e) {
    CHECK(e.code() == "not_a_dossier_output");
  }
}
