// `sohoa run` on generated scans: every contract output, PDF/A structure, resume,
// --force, PDF/A-3b, deterministic output, bad inputs.
#include "e2e_support.hpp"
#include <fstream>
#include "sohoa/core/hash.hpp"
#include "sohoa/pdf/pdfa_check.hpp"
#include <csignal>
#include <map>
#include <set>

using namespace sohoa::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Each truth document must have its outputs, consistent with the manifest. The
// truth names the dossier id the outputs use (dossier_code, else the folder name).
void check_outputs(const fs::path& out, const fs::path& truth) {
  for (const auto& dossier_dir : fs::directory_iterator(truth)) {
    for (const auto& truth_doc : fs::directory_iterator(dossier_dir.path())) {
      const auto expected = read_json(truth_doc.path());
      const auto dossier_out = out / expected["dossier_id"].get<std::string>();
      const auto id = expected["document_id"].get<std::string>();
      const auto manifest = read_json(dossier_out / "manifest.json");
      CHECK(manifest["schema"] == "sohoa.manifest/1");
      CHECK(manifest["complete"] == true);
      CHECK(manifest["engines"]["tesseract"].get<std::string>().size() > 0);
      CHECK(manifest["engines"]["language_data"][0]["sha256"].get<std::string>().size() == 64);
      const json* listed = nullptr;
      for (const auto& doc : manifest["documents"]) {
        if (doc["document_id"] == id) {
          listed = &doc;
        }
      }
      INFO(dossier_out.string() << " / " << id);
      REQUIRE(listed != nullptr);
      CHECK((*listed)["inputs"].size() == expected["files"].size());
      for (const auto& file : (*listed)["outputs"]) {
        const auto path = dossier_out / file["name"].get<std::string>();
        CHECK(sohoa::sha256_file(path) == file["sha256"].get<std::string>());
      }
      if (expected.value("expected_status", "ok") == "failed") {
        CHECK((*listed)["status"] == "failed");
        continue;
      }
      CHECK((*listed)["status"] != "failed");
      const auto base = dossier_out / id;
      const auto record = read_json(base.string() + ".json");
      CHECK(record["schema"] == "sohoa.document/1");
      CHECK(record["document_id"] == id);
      CHECK(record["pages"].size() == expected["pages"].size());
      CHECK(fs::exists(base.string() + ".alto.xml"));
      const auto pdf = base.string() + ".pdf";
      for (const auto& check : sohoa::pdf::check_pdfa(pdf)) {
        INFO(pdf << ": " << check.rule << " " << check.detail);
        CHECK(check.ok);
      }
      CHECK(run_command({"/usr/bin/qpdf", "--check", pdf}).exit_code == 0);
    }
  }
}

} // namespace

TEST_CASE("a generated batch goes through: outputs, PDF/A, skip on rerun, --force") {
  ScratchDir dir("e2e-run");
  const auto set = generate(dir / "gen", 11, 2, "mixed", "png,tiff-g4,jpeg,pdf");
  const auto out = dir / "out";
  auto r = run_sohoa({"run", set.input.string(), "--out", out.string(), "--jobs", "2"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  check_outputs(out, set.truth);
  const auto report = read_json(out / "batch-report.json");
  CHECK(report["complete"] == true);
  CHECK(report["exit_code"] == 0);
  CHECK(report["totals"]["dossiers"] == 2);
  CHECK(report["totals"]["failed"] == 0);
  CHECK(temp_files(out).empty());

  // A second run skips the complete dossiers and changes nothing.
  const auto some_pdf = [&] {
    for (const auto& e : fs::recursive_directory_iterator(out)) {
      if (e.path().extension() == ".pdf") {
        return e.path();
      }
    }
    return fs::path();
  }();
  REQUIRE(!some_pdf.empty());
  const auto mtime = fs::last_write_time(some_pdf);
  r = run_sohoa({"run", set.input.string(), "--out", out.string()});
  CHECK(r.exit_code == 0);
  auto again = read_json(out / "batch-report.json");
  for (const auto& d : again["dossiers"]) {
    CHECK(d["skipped"] == true);
  }
  CHECK(fs::last_write_time(some_pdf) == mtime);

  // --force redoes them.
  r = run_sohoa({"run", set.input.string(), "--out", out.string(), "--force"});
  CHECK(r.exit_code == 0);
  again = read_json(out / "batch-report.json");
  for (const auto& d : again["dossiers"]) {
    CHECK(d["skipped"] == false);
  }
  CHECK(fs::last_write_time(some_pdf) != mtime);
}

TEST_CASE("PDF/A-3b embeds the document record; deterministic mode repeats bytes") {
  ScratchDir dir("e2e-3b");
  const auto set = generate(dir / "gen", 12, 1, "clean", "png");
  const std::vector<std::string> env = {"SOHOA_DETERMINISTIC=1"};
  auto r =
      run_sohoa({"run", set.input.string(), "--out", (dir / "a").string(), "--pdfa", "3b"}, env);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  r = run_sohoa({"run", set.input.string(), "--out", (dir / "b").string(), "--pdfa", "3b"}, env);
  REQUIRE(r.exit_code == 0);
  int pdfs = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir / "a")) {
    if (e.path().extension() != ".pdf") {
      continue;
    }
    ++pdfs;
    const auto twin = dir / "b" / fs::relative(e.path(), dir / "a");
    CHECK(sohoa::sha256_file(e.path()) == sohoa::sha256_file(twin));
    const auto listing = run_command({"/usr/bin/pdfdetach", "-list", e.path().string()});
    CHECK(listing.out.find(".json") != std::string::npos);
    for (const auto& check : sohoa::pdf::check_pdfa(e.path())) {
      INFO(check.rule << " " << check.detail);
      CHECK(check.ok);
    }
  }
  CHECK(pdfs > 0);

  // reprocess reads the stored ALTO words, not the scans: with the same schemas the
  // records come out the same, and a reprocessed manifest says so.
  std::map<fs::path, json> fields_before;
  for (const auto& e : fs::recursive_directory_iterator(dir / "a")) {
    if (e.path().extension() == ".json" && e.path().filename() != "manifest.json" &&
        e.path().filename() != "batch-report.json") {
      fields_before[e.path()] = read_json(e.path())["fields"];
    }
  }
  REQUIRE(!fields_before.empty());
  r = run_sohoa({"reprocess", (dir / "a").string(), "--pdfa", "3b"}, env);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  for (const auto& [file, fields] : fields_before) {
    CHECK(read_json(file)["fields"] == fields);
  }
  for (const auto& e : fs::directory_iterator(dir / "a")) {
    if (e.is_directory()) {
      const auto manifest = read_json(e.path() / "manifest.json");
      CHECK(manifest.contains("reprocessed_at"));
      for (const auto& doc : manifest["documents"]) {
        for (const auto& file : doc["outputs"]) {
          CHECK(sohoa::sha256_file(e.path() / file["name"].get<std::string>()) ==
                file["sha256"].get<std::string>());
        }
      }
    }
  }
  // Nothing to reprocess is a usage error.
  CHECK(run_sohoa({"reprocess", (dir / "empty").string()}).exit_code == 2);
}

TEST_CASE("reprocess applies changed schemas from the stored words; PDF/A-2b files stay") {
  ScratchDir dir("e2e-reprocess-schema");
  const auto set = generate(dir / "gen", 12, 1, "clean", "png");
  const auto out = dir / "out";
  auto r = run_sohoa({"run", set.input.string(), "--out", out.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);

  // A schema update: every x-pattern now wants something no value holds.
  const auto schemas = dir / "schemas";
  fs::copy(source_dir() / "schemas", schemas);
  int changed = 0;
  for (const auto& e : fs::directory_iterator(schemas)) {
    const std::string name = e.path().filename().string();
    if (name.find(".v1.schema.json") == std::string::npos || name.rfind("document", 0) == 0 ||
        name.rfind("manifest", 0) == 0) {
      continue;
    }
    json schema = read_json(e.path());
    for (auto& [id, field] : schema["properties"].items()) {
      if (field.contains("x-pattern")) {
        field["x-pattern"] = "^never$";
        ++changed;
      }
    }
    std::ofstream(e.path()) << schema.dump(2);
  }
  REQUIRE(changed > 0);

  std::map<fs::path, std::string> pdf_hashes;
  std::map<fs::path, json> records_before;
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (e.path().extension() == ".pdf") {
      pdf_hashes[e.path()] = sohoa::sha256_file(e.path());
    } else if (e.path().extension() == ".json" && e.path().filename() != "manifest.json" &&
               e.path().filename() != "batch-report.json") {
      records_before[e.path()] = read_json(e.path());
    }
  }
  REQUIRE(!records_before.empty());
  r = run_sohoa({"reprocess", out.string(), "--schemas", schemas.string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);

  int newly_flagged = 0;
  for (const auto& [file, before] : records_before) {
    const json after = read_json(file);
    CHECK(after["fields"].size() == before["fields"].size()); // same words, same fields
    for (const auto& issue : after["issues"]) {
      if (issue["code"] == "invalid_format") {
        ++newly_flagged;
        CHECK(after["fields"][issue["field"].get<std::string>()]["needs_review"] == true);
      }
    }
  }
  CHECK(newly_flagged > 0);
  // The PDF/A-2b files hold no record: same doc types, so not rebuilt.
  for (const auto& [pdf, hash] : pdf_hashes) {
    CHECK(sohoa::sha256_file(pdf) == hash);
  }
}

TEST_CASE("bad inputs fail their document only, with the file named, exit 1") {
  ScratchDir dir("e2e-bad");
  const auto set = generate(dir / "gen", 13, 1, "clean", "png", {"--bad-inputs"});
  const auto out = dir / "out";
  const auto r = run_sohoa({"run", set.input.string(), "--out", out.string()});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  const auto report = read_json(out / "batch-report.json");
  int failed = 0;
  int good = 0;
  for (const auto& doc : report["documents"]) {
    if (doc["status"] == "failed") {
      ++failed;
      REQUIRE(doc["errors"].size() > 0);
      CHECK(doc["errors"][0]["message"].get<std::string>().size() > 0);
      CHECK(doc["errors"][0]["code"].get<std::string>().size() > 0);
    } else {
      ++good;
    }
  }
  CHECK(failed >= 6);
  CHECK(good >= 1);
  CHECK(r.err.find("bad-inputs") != std::string::npos);
}

TEST_CASE("a batch killed with SIGKILL resumes: nothing lost, nothing twice") {
  ScratchDir dir("e2e-kill");
  const auto set = generate(dir / "gen", 14, 4, "clean", "png,tiff-g4");
  const auto out = dir / "out";
  const std::vector<std::string> argv = {
      sohoa_binary().string(), "run", set.input.string(), "--out", out.string(), "--jobs", "2"};
  // Kill as soon as the first dossier is complete: others are mid-way.
  const auto killed = run_and_kill_when(argv, [&] {
    if (!fs::exists(out)) {
      return false;
    }
    for (const auto& e : fs::directory_iterator(out)) {
      if (fs::exists(e.path() / "manifest.json")) {
        return true;
      }
    }
    return false;
  });
  CHECK(killed.signal == SIGKILL);
  int complete_before = 0;
  for (const auto& e : fs::directory_iterator(out)) {
    if (fs::exists(e.path() / "manifest.json")) {
      ++complete_before;
      CHECK(read_json(e.path() / "manifest.json")["complete"] == true);
    }
  }
  CHECK(complete_before >= 1);
  CHECK(complete_before < 4);

  const auto r = run_sohoa({"run", set.input.string(), "--out", out.string(), "--jobs", "2"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(temp_files(out).empty());
  check_outputs(out, set.truth);
  const auto report = read_json(out / "batch-report.json");
  CHECK(report["totals"]["dossiers"] == 4);
  int skipped = 0;
  for (const auto& d : report["dossiers"]) {
    skipped += d["skipped"] == true ? 1 : 0;
  }
  CHECK(skipped == complete_before);
  // Nothing twice: exactly the expected files, no leftovers from the killed run.
  for (const auto& e : fs::directory_iterator(out)) {
    if (!e.is_directory()) {
      continue;
    }
    const auto manifest = read_json(e.path() / "manifest.json");
    std::size_t expected = 1; // manifest.json
    for (const auto& doc : manifest["documents"]) {
      expected += doc["outputs"].size();
    }
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& f : fs::directory_iterator(e.path())) {
      ++files;
    }
    CHECK(files == expected);
  }
}
