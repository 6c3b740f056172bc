// The typed models of manifest.json and batch-report.json: what run writes parses
// into them and serializes back to the same JSON; statuses and stages by one name.
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/status.hpp"
#include "sohoa/forms/analyze.hpp"
#include "sohoa/forms/record_validation.hpp"
#include "pipeline/batch_report.hpp"
#include "sohoa/pipeline/manifest.hpp"
#include "pipeline/resume.hpp"
#include "support/scratch.hpp"
#include <doctest/doctest.h>

using namespace sohoa::pipeline;
using nlohmann::json;
using sohoa::Stage;
using sohoa::Status;

namespace {

const std::string k_sha_a(64, 'a');
const std::string k_sha_b(64, 'b');

DocumentOutcome ok_document() {
  DocumentOutcome d;
  d.document_id = "to-khai";
  d.status = Status::ok;
  d.doc_type = "birth_registration_form";
  d.doc_type_confidence = 0.9731;
  d.doc_type_from_dossier = true;
  d.pages = 2;
  d.blank_pages = 1;
  d.result_code = "000.00.16.H29-261122-0001-KQ1";
  d.inputs = {{"p1.jpg", k_sha_a, 1234, "", 1'700'000'000'123'456'789LL},
              {"p%FF2.jpg", k_sha_b, 99, "70ff322e6a7067", 0}};
  d.outputs = {{"to-khai.pdf", k_sha_a, 5000, "", 0}, {"to-khai.json", k_sha_b, 800, "", 0}};
  d.issues = {{"", "damaged_page", "page 2: ..."}};
  d.signature =
      sohoa::sign::SignResult{"B-T", "2026-11-22T09:00:00+07:00", "2026-11-22T09:00:01+07:00", 0};
  d.timings = {1.25, 2.0, 30.04, 4, 5, 6, 48.31};
  return d;
}

DocumentOutcome failed_document() {
  DocumentOutcome d;
  d.document_id = "cccd";
  d.status = Status::failed;
  d.inputs = {{"cccd.png", k_sha_a, 10, "", 0}};
  d.errors = {{Stage::ocr, "tesseract_failed", "Tesseract gave up", "cccd.png", 1},
              {Stage::pdf, "pdf_write_failed", "not recorded in the manifest", "", 0}};
  return d;
}

EngineVersions versions() {
  EngineVersions v;
  v.software = "0.1.0";
  v.tesseract = "5.3.0";
  v.leptonica = "1.82.0";
  v.opencv = "4.6.0";
  v.podofo = "0.10.1";
  v.openssl = "3.0.11";
  v.language_data = {{"vie", "/usr/share/tessdata/vie.traineddata", k_sha_b}};
  return v;
}

Manifest sample_manifest(DossierInput& dossier, const EngineVersions& v) {
  dossier.id = "000.00.16.H29-261122-0001";
  dossier.folder = "/in/ho-so-\xff"; // a folder name that is not UTF-8
  dossier.metadata = {"000.00.16.H29-261122-0001", "1.001193", "000.00.16.H29",
                      "UBND phường Bến Nghé", "Trần Thị B"};
  dossier.document_errors = {{"", "dossier.json: \"officer\" is not a string"}};
  ManifestInput in;
  in.dossier = &dossier;
  in.documents = {ok_document(), failed_document()};
  in.signer = sohoa::sign::CertificateSummary{"CN=A", "CN=CA", "01ab", k_sha_a, "", ""};
  in.versions = &v;
  in.started_at = "2026-11-22T08:59:00+07:00";
  in.finished_at = "2026-11-22T09:01:00+07:00";
  in.pdfa = "3b";
  return build_manifest(in);
}

} // namespace

TEST_CASE("statuses and stages are written and read by one name each") {
  for (const Status s : {Status::ok, Status::needs_review, Status::failed, Status::not_finished}) {
    CHECK(sohoa::status_from_string(sohoa::to_string(s)) == s);
    CHECK(json(s).get<Status>() == s);
  }
  CHECK(json(Status::needs_review) == "needs_review");
  CHECK_FALSE(sohoa::status_from_string("done").has_value());
  CHECK_THROWS_AS(json("fine").get<Status>(), json::exception);
  CHECK(json(Stage::pipeline) == "pipeline");
  CHECK(json("ocr").get<Stage>() == Stage::ocr);
  CHECK_FALSE(sohoa::stage_from_string("scanner").has_value());
}

TEST_CASE("a manifest serializes to JSON and parses back to the same JSON") {
  DossierInput dossier;
  const EngineVersions v = versions();
  const Manifest built = sample_manifest(dossier, v);
  const json written = built;
  CHECK(written["schema"] == "sohoa.manifest/1");
  CHECK(written["complete"] == true); // an OCR failure is the input's, not the run's
  CHECK(written["summary"] ==
        json{{"documents", 2}, {"pages", 2}, {"ok", 1}, {"needs_review", 0}, {"failed", 1}});
  CHECK(written["dossier"]["source_folder"] == "ho-so-%FF");
  CHECK(written["dossier"]["source_folder_bytes_hex"] == "686f2d736f2dff");
  CHECK(written["warnings"].size() == 1);
  const json& ok = written["documents"][0];
  CHECK(ok["status"] == "ok");
  CHECK(ok["doc_type_source"] == "dossier.json");
  CHECK(ok["issues"] == 1);
  CHECK(ok["inputs"][0]["mtime_ns"] == 1'700'000'000'123'456'789LL);
  CHECK_FALSE(ok["inputs"][1].contains("mtime_ns"));
  CHECK(ok["inputs"][1]["name_bytes_hex"] == "70ff322e6a7067");
  CHECK(ok["signature"]["timestamp_time"] == "2026-11-22T09:00:01+07:00");
  const json& failed = written["documents"][1];
  CHECK(failed["reason"] == "Tesseract gave up"); // the first error only
  CHECK(failed["error_code"] == "tesseract_failed");
  CHECK(failed["error_file"] == "cccd.png");
  CHECK_FALSE(failed.contains("signature"));
  CHECK(written["signer"]["serial"] == "01ab");

  const Manifest parsed = json::parse(written.dump(2)).get<Manifest>();
  CHECK(json(parsed) == written);
  CHECK(parsed.documents[0].inputs[0].mtime_ns == 1'700'000'000'123'456'789LL);
  CHECK(parsed.documents[1].failure->error_code == "tesseract_failed");

  // What the counter and reprocess add survives too.
  Manifest more = parsed;
  more.reprocessed_at = "2026-11-23T10:00:00+07:00";
  more.events = json::array({{{"event", "edit"}, {"by", "B"}, {"old", "x"}, {"new", "y"}}});
  more.signer.reset();
  const json again = more;
  CHECK(again["signer"].is_null());
  CHECK(json(again.get<Manifest>()) == again);
}

TEST_CASE("a manifest written from the model satisfies schemas/manifest.v1.schema.json") {
  DossierInput dossier;
  const EngineVersions v = versions();
  const auto catalog = sohoa::forms::FormCatalog::load(sohoa::test::source_dir() / "schemas");
  const json written = sample_manifest(dossier, v);
  CHECK(sohoa::forms::validate_manifest(written, *catalog).empty());
  json broken = written;
  broken["documents"][1].erase("reason"); // a failed document must say why
  CHECK_FALSE(sohoa::forms::validate_manifest(broken, *catalog).empty());
}

TEST_CASE("a document whose outputs could not be written leaves the manifest incomplete") {
  DossierInput dossier;
  dossier.id = "d";
  const EngineVersions v = versions();
  DocumentOutcome d = failed_document();
  d.errors = {{Stage::output, "output_unwritable", "disk full", "/out/d/a.pdf", 0}};
  ManifestInput in;
  in.dossier = &dossier;
  in.documents = {d};
  in.versions = &v;
  const Manifest m = build_manifest(in);
  CHECK_FALSE(m.complete);
  CHECK(m.signer == std::nullopt);
  CHECK(json(m)["dossier"]["dossier_code"] == "d"); // no dossier code: the id
}

TEST_CASE("a manifest of the wrong shape is read as corrupt, never as complete") {
  sohoa::test::ScratchDir dir("manifest-model");
  DossierInput dossier;
  const EngineVersions v = versions();
  json good = sample_manifest(dossier, v);
  sohoa::write_file_atomic(dir / "manifest.json", good.dump());
  ManifestFile read = read_manifest_file(dir / "manifest.json");
  CHECK(read.state == ManifestFile::State::complete);
  CHECK(json(read.value) == good);

  json wrong = good;
  wrong["documents"][0]["pages"] = "two";
  sohoa::write_file_atomic(dir / "manifest.json", wrong.dump());
  read = read_manifest_file(dir / "manifest.json");
  CHECK(read.state == ManifestFile::State::corrupt);
  CHECK(read.problem.find("wrong type") != std::string::npos);

  wrong = good;
  wrong["documents"][0]["status"] = "fine"; // not a status of the contract
  sohoa::write_file_atomic(dir / "manifest.json", wrong.dump());
  CHECK(read_manifest_file(dir / "manifest.json").state == ManifestFile::State::corrupt);

  json unfinished = good;
  unfinished["complete"] = false;
  sohoa::write_file_atomic(dir / "manifest.json", unfinished.dump());
  CHECK(read_manifest_file(dir / "manifest.json").state == ManifestFile::State::incomplete);
  CHECK_FALSE(read_complete_manifest(dir / "manifest.json").has_value());
}

TEST_CASE("a manifest entry and a document outcome convert both ways") {
  const DocumentOutcome d = ok_document();
  const ManifestDocument entry = manifest_document(d);
  const DocumentOutcome back = outcome_from(entry);
  CHECK(back.document_id == d.document_id);
  CHECK(back.status == Status::ok);
  CHECK(back.inputs.size() == 2);
  CHECK(back.inputs[1].name_bytes_hex == "70ff322e6a7067");
  CHECK(back.signature->level == "B-T");
  // The manifest counts a record's issues; their texts stay in the record.
  CHECK(back.issues.empty());
  json again = manifest_document(back);
  again["issues"] = entry.issues;
  CHECK(again == json(entry));
}

TEST_CASE("the batch report written by run parses into the model and back") {
  sohoa::test::ScratchDir dir("report-model");
  DossierInput dossier;
  const EngineVersions v = versions();
  const Manifest earlier = sample_manifest(dossier, v);

  BatchReportWriter writer(dir / "batch-report.json", "2026-11-22T08:00:00+07:00");
  writer.add_dossier("b-dossier", {ok_document(), failed_document()}, 1234.56);
  writer.add_failed_dossier("a-dossier",
                            {Stage::ingest, "bad_dossier_json", "not JSON", "dossier.json", 0});
  writer.add_skipped("c-dossier", earlier);
  writer.add_unfinished("d-dossier", "the run stopped");
  CHECK(writer.any_failed());
  writer.write("2026-11-22T09:00:00+07:00", 1, true);

  const json written = json::parse(sohoa::read_file(dir / "batch-report.json"));
  const BatchReport report = written.get<BatchReport>();
  CHECK(json(report) == written);

  REQUIRE(report.dossiers.size() == 4);
  CHECK(report.dossiers[0].dossier_id == "a-dossier"); // rows ordered by dossier id
  CHECK(report.dossiers[0].errors->front().file == "dossier.json");
  CHECK(report.dossiers[1].status == Status::failed);
  CHECK(report.dossiers[1].elapsed_ms == 1234.6);
  CHECK(report.dossiers[2].skipped);
  CHECK(report.dossiers[3].status == Status::not_finished);
  CHECK_FALSE(report.dossiers[3].counts.has_value());
  CHECK_FALSE(written["dossiers"][3].contains("documents"));
  REQUIRE(report.documents.size() == 4);
  CHECK(report.documents[0].timings->ocr_ms == 30.0); // tenths of a millisecond
  CHECK(report.documents[1].errors[0].stage == Stage::ocr);
  CHECK(report.documents[1].errors[0].page == 1);
  CHECK(report.documents[3].skipped);
  CHECK_FALSE(report.documents[3].timings.has_value());
  CHECK(report.documents[3].errors[0].code == "tesseract_failed"); // from the earlier manifest
  CHECK_FALSE(report.documents[3].errors[0].stage.has_value());
  CHECK(report.totals.documents == 4);
  CHECK(report.totals.failed == 2);
  CHECK(report.totals.failed_dossiers == 3); // the skipped one holds a failed document
  CHECK(report.complete);
  CHECK(report.exit_code == 1);
}

TEST_CASE("a report written while the run goes on has no end yet, and zero durations when asked") {
  sohoa::test::ScratchDir dir("report-partial");
  BatchReportWriter writer(dir / "batch-report.json", "t0");
  writer.set_deterministic(true);
  writer.add_dossier("x", {ok_document()}, 99.0);
  CHECK_FALSE(writer.any_failed());
  writer.write("", 0, false);
  const json written = json::parse(sohoa::read_file(dir / "batch-report.json"));
  CHECK(written["finished_at"].is_null());
  CHECK(written["exit_code"].is_null());
  CHECK(written["complete"] == false);
  CHECK(written["dossiers"][0]["elapsed_ms"] == 0.0);
  CHECK(written["documents"][0]["timings"]["total_ms"] == 0.0);
  CHECK(json(written.get<BatchReport>()) == written);
  CHECK_THROWS_AS(json::parse(R"({"dossiers": [{"status": "fine"}]})").get<BatchReport>(),
                  json::exception);
  CHECK_THROWS_AS(json::parse("[1, 2]").get<BatchReport>(), json::exception);
}
