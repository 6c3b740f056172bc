// discover_inputs on folders and files made by the test.
#include "sohoa/core/error.hpp"
#include "test_pipeline_ingest_util.hpp"
#include "sohoa/pipeline/ingest.hpp"
#include "support/scratch.hpp"
#include <doctest/doctest.h>

using namespace sohoa;
using namespace sohoa::test;
using namespace sohoa::pipeline;
namespace fs = std::filesystem;

namespace {

void touch(const fs::path& file, const std::string& text = "x") {
  fs::create_directories(file.parent_path());
  write_text(file, text);
}

std::vector<std::string> ids(const DossierInput& dossier) {
  std::vector<std::string> out;
  for (const auto& doc : dossier.documents) {
    out.push_back(doc.id);
  }
  return out;
}

std::vector<std::string> names(const DocumentInput& doc) {
  std::vector<std::string> out;
  for (const auto& file : doc.files) {
    out.push_back(file.filename().string());
  }
  return out;
}

bool has_error(const DossierInput& dossier, const std::string& id, const std::string& part) {
  for (const auto& [doc, message] : dossier.document_errors) {
    if (doc == id && message.find(part) != std::string::npos) {
      return true;
    }
  }
  return false;
}

} // namespace

TEST_CASE("dossier folder: files in natural order, junk skipped, absolute paths") {
  ScratchDir dir("disc");
  const fs::path d = dir / "HS-001";
  for (const char* name :
       {"p10.png", "p2.png", "p1.png", ".hidden.png", "Thumbs.db", "desktop.ini", "notes.txt"}) {
    touch(d / name);
  }
  const auto dossiers = discover_inputs({d});
  REQUIRE(dossiers.size() == 1);
  const DossierInput& dossier = dossiers[0];
  CHECK(dossier.id == "HS-001");
  CHECK(dossier.folder == d);
  CHECK(ids(dossier) == std::vector<std::string>{"notes", "p1", "p2", "p10"});
  for (const auto& doc : dossier.documents) {
    REQUIRE(doc.files.size() == 1);
    CHECK(doc.files[0].is_absolute());
    CHECK_FALSE(doc.doc_type);
  }
  CHECK(dossier.document_errors.empty()); // notes.txt fails later, in load_pages
  CHECK(source_name(dossier, dossier.documents[1].files[0]) == "p1.png");
}

TEST_CASE("batch folder: every sub-folder a dossier; stray files their own dossiers") {
  ScratchDir dir("disc");
  const fs::path batch = dir / "batch";
  touch(batch / "hs-2" / "a.png");
  touch(batch / "hs-10" / "b.png");
  touch(batch / "hs-1" / "c.png");
  touch(batch / "loose.jpg");
  touch(batch / ".DS_Store");
  touch(batch / "dossier.json", "{}");
  fs::create_directories(batch / ".git");
  const auto dossiers = discover_inputs({batch});
  REQUIRE(dossiers.size() == 4);
  CHECK(dossiers[0].id == "hs-1");
  CHECK(dossiers[1].id == "hs-2");
  CHECK(dossiers[2].id == "hs-10");
  CHECK(dossiers[3].id == "loose");
  CHECK(ids(dossiers[3]) == std::vector<std::string>{"loose"});
  CHECK(dossiers[3].folder == batch);
  CHECK(names(dossiers[0].documents.at(0)) == std::vector<std::string>{"c.png"});
}

TEST_CASE("single files: one-document dossiers, duplicate stems made unique") {
  ScratchDir dir("disc");
  touch(dir / "a" / "scan.png");
  touch(dir / "b" / "scan.tif");
  touch(dir / "c" / "Giấy khai sinh.pdf");
  const auto dossiers = discover_inputs(
      {dir / "a" / "scan.png", dir / "b" / "scan.tif", dir / "c" / "Giấy khai sinh.pdf"});
  REQUIRE(dossiers.size() == 3);
  CHECK(dossiers[0].id == "scan");
  CHECK(dossiers[1].id == "scan-2");
  CHECK(dossiers[2].id == "Giấy khai sinh"); // Vietnamese kept
  CHECK(dossiers[0].documents.at(0).id == "scan");
  CHECK(dossiers[1].documents.at(0).files.at(0) == dir / "b" / "scan.tif");
  CHECK(dossiers[1].folder == dir / "b");
}

TEST_CASE("dossier.json: grouping, doc_type override, metadata, unlisted files after") {
  ScratchDir dir("disc");
  const fs::path d = dir / "folder-name";
  for (const char* name : {"p1.jpg", "p2.jpg", "cccd.png", "extra.png", "a-first.png"}) {
    touch(d / name);
  }
  touch(d / "dossier.json", R"({
    "dossier_code": "000.00.16.H29-261122-0001", "procedure_code": "1.001193",
    "agency_code": "000.00.16.H29", "agency_name": "UBND phường Bến Nghé",
    "officer": "Trần Thị B",
    "documents": [
      {"id": "to-khai", "files": ["p2.jpg", "p1.jpg"], "doc_type": "birth_registration_form"},
      {"id": "cccd", "files": ["cccd.png"]}
    ]})");
  const auto dossiers = discover_inputs({d});
  REQUIRE(dossiers.size() == 1);
  const DossierInput& dossier = dossiers[0];
  CHECK(dossier.id == "000.00.16.H29-261122-0001");
  CHECK(dossier.metadata.procedure_code == "1.001193");
  CHECK(dossier.metadata.agency_name == "UBND phường Bến Nghé");
  CHECK(dossier.metadata.officer == "Trần Thị B");
  CHECK(dossier.document_errors.empty());
  CHECK(ids(dossier) == std::vector<std::string>{"to-khai", "cccd", "a-first", "extra"});
  CHECK(names(dossier.documents[0]) == std::vector<std::string>{"p2.jpg", "p1.jpg"}); // as listed
  CHECK(dossier.documents[0].doc_type == std::optional<std::string>("birth_registration_form"));
  CHECK_FALSE(dossier.documents[1].doc_type);
}

TEST_CASE("dossier.json malformed: the dossier fails, saying where; files still listed") {
  ScratchDir dir("disc");
  const fs::path d = dir / "hs";
  touch(d / "b.png");
  touch(d / "a.png");
  touch(d / "dossier.json", R"({"dossier_code": "X", "documents": [ )");
  const auto dossiers = discover_inputs({d});
  REQUIRE(dossiers.size() == 1);
  CHECK(dossiers[0].id == "hs");
  CHECK(ids(dossiers[0]) == std::vector<std::string>{"a", "b"});
  CHECK(has_error(dossiers[0], "", "not valid JSON"));
  REQUIRE(dossiers[0].failure.has_value());
  CHECK(dossiers[0].failure->code == "invalid_dossier_json");
  CHECK(dossiers[0].failure->message.find("line 1, column 38") != std::string::npos);
  CHECK(dossiers[0].failure->file == (d / "dossier.json").string());
}

TEST_CASE("dossier.json: missing file, path escape, absolute path, empty files") {
  ScratchDir dir("disc");
  const fs::path d = dir / "hs";
  touch(d / "p1.png");
  touch(dir / "secret.png");
  touch(d / "dossier.json", R"({"documents": [
      {"id": "a", "files": ["p1.png", "gone.png"]},
      {"id": "b", "files": ["../secret.png"]},
      {"id": "c", "files": ["/etc/passwd"]},
      {"id": "d", "files": []},
      {"files": ["p1.png"]},
      {}
    ]})");
  const auto dossiers = discover_inputs({d});
  REQUIRE(dossiers.size() == 1);
  const DossierInput& dossier = dossiers[0];
  CHECK(ids(dossier) == std::vector<std::string>{"a", "b", "c", "d", "p1"});
  CHECK(names(dossier.documents[0]) == std::vector<std::string>{"p1.png"});
  CHECK(has_error(dossier, "a", "gone.png"));
  CHECK(dossier.documents[1].files.empty()); // never reads outside the folder
  CHECK(has_error(dossier, "b", "leaves the dossier folder"));
  CHECK(has_error(dossier, "c", "absolute"));
  CHECK(has_error(dossier, "d", "no files"));
  CHECK(has_error(dossier, "", "no id and no files"));
}

TEST_CASE("dossier.json: a symlink pointing outside is refused") {
  ScratchDir dir("disc");
  const fs::path d = dir / "hs";
  touch(d / "ok.png");
  touch(dir / "outside.png");
  std::error_code ec;
  fs::create_symlink(dir / "outside.png", d / "link.png", ec);
  if (ec) {
    return; // no symlinks here: nothing to test
  }
  touch(d / "dossier.json", R"({"documents": [{"id": "x", "files": ["link.png"]}]})");
  const auto dossiers = discover_inputs({d});
  CHECK(has_error(dossiers.at(0), "x", "outside"));
  CHECK(dossiers.at(0).documents.at(0).files.empty());
}

TEST_CASE("ids: sanitized, unique, reserved names avoided") {
  CHECK(sanitize_id("a/b\\c") == "a_b_c");
  CHECK(sanitize_id("..") == "_.");
  CHECK(sanitize_id(".hidden") == "_hidden");
  CHECK(sanitize_id("  Tờ khai  ") == "Tờ khai");
  CHECK(sanitize_id("x\ty\x01") == "x_y_");
  CHECK(sanitize_id("bad\xFFutf8") == "bad%FFutf8");
  CHECK(sanitize_id("\xC3\x28") == "%C3(");
  CHECK(sanitize_id("a\xC2\x85"
                    "b") == "a_b"); // C1 control
  CHECK(sanitize_id("   ").empty());
  CHECK(sanitize_id(std::string(300, 'a')).size() == 200);
  const std::string long_vi = [] {
    std::string s;
    for (int i = 0; i < 100; ++i) {
      s += "ệ"; // 3 bytes
    }
    return s;
  }();
  CHECK(sanitize_id(long_vi).size() == 198); // cut on a character boundary

  ScratchDir dir("disc");
  const fs::path d = dir / "hs";
  touch(d / "manifest.png");
  touch(d / "a.png");
  touch(d / "a.tif");
  touch(d / "dossier.json", R"({"dossier_code": "../../etc", "documents": [
      {"id": "x/../y", "files": ["a.png"]}, {"id": "x/../y", "files": ["a.tif"]}]})");
  const auto dossiers = discover_inputs({d});
  REQUIRE(dossiers.size() == 1);
  CHECK(dossiers[0].id == "_._.._etc");
  CHECK(ids(dossiers[0]) == std::vector<std::string>{"x_.._y", "x_.._y-2", "manifest-2"});
}

TEST_CASE("natural order") {
  CHECK(natural_less("p2", "p10"));
  CHECK_FALSE(natural_less("p10", "p2"));
  CHECK(natural_less("p1", "p1a"));
  CHECK(natural_less("p01", "p1")); // equal numbers: byte order decides
  CHECK_FALSE(natural_less("p1", "p01"));
  CHECK(natural_less("a9b", "a10a"));
  CHECK(natural_less("trang-2.png", "trang-10.png"));
  CHECK_FALSE(natural_less("x", "x"));
  CHECK(natural_less("99999999999999999999999", "100000000000000000000000")); // no overflow
}

TEST_CASE("nested folders in a dossier, empty dossier, bad INPUT") {
  ScratchDir dir("disc");
  touch(dir / "batch" / "hs1" / "p1.png");
  touch(dir / "batch" / "hs1" / "sub" / "p2.png");
  fs::create_directories(dir / "batch" / "hs2");
  const auto dossiers = discover_inputs({dir / "batch"});
  REQUIRE(dossiers.size() == 2);
  CHECK(ids(dossiers[0]) == std::vector<std::string>{"p1", "sub"});
  CHECK(has_error(dossiers[0], "sub", "folder"));
  CHECK(dossiers[1].documents.empty());
  CHECK(has_error(dossiers[1], "", "no document files"));

  CHECK_THROWS_AS(discover_inputs({dir / "does-not-exist"}), Error);
  CHECK_THROWS_AS(discover_inputs({}), Error);
  fs::create_directories(dir / "empty");
  try {
    discover_inputs({dir / "empty"});
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.stage() == Stage::config);
  }
}

TEST_CASE("is_accepted_extension") {
  CHECK(is_accepted_extension("a.TIF"));
  CHECK(is_accepted_extension("a.tiff"));
  CHECK(is_accepted_extension("a.Jpeg"));
  CHECK(is_accepted_extension("a.pdf"));
  CHECK_FALSE(is_accepted_extension("a.gif"));
  CHECK_FALSE(is_accepted_extension("tif"));
}
