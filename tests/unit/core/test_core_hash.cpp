#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/hash.hpp"
#include "sohoa/core/ocr_types.hpp"
#include "sohoa/core/record.hpp"
#include <nlohmann/json.hpp>
#include "support/scratch.hpp"
#include <doctest/doctest.h>

using namespace sohoa;

TEST_CASE("sha256 of known vectors") {
  CHECK(sha256_hex(std::string()) ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex(std::string("abc")) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("atomic write replaces whole files and leaves no temp behind") {
  test::ScratchDir dir("core");
  const auto target = dir / "out.json";
  write_file_atomic(target, "first");
  write_file_atomic(target, "second version");
  CHECK(read_file(target) == "second version");
  CHECK(sha256_file(target) == sha256_hex(std::string("second version")));
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) {
    ++entries;
  }
  CHECK(entries == 1);
}

TEST_CASE("atomic write into a missing folder is an output error") {
  test::ScratchDir dir("core");
  CHECK_THROWS_AS(write_file_atomic(dir / "missing" / "x.json", "x"), Error);
}

TEST_CASE("plain text joins words, lines and paragraphs") {
  PageText page;
  page.lines.push_back({{}, 0, 0, 0, {{"Cộng", {}, 1}, {"hòa", {}, 1}}});
  page.lines.push_back({{}, 0, 0, 0, {{"xã", {}, 1}}});
  page.lines.push_back({{}, 0, 0, 1, {{"Số:", {}, 1}, {"12", {}, 1}}});
  CHECK(page.plain_text() == "Cộng hòa\nxã\n\nSố: 12");
  CHECK(page.word_count() == 5);
}

TEST_CASE("error describes file and page") {
  Error e(Stage::ingest, "corrupt_image", "bad strip", "scan.tif", 2);
  CHECK(e.describe() == "scan.tif, page 2: bad strip");
  CHECK(e.code() == "corrupt_image");
}

TEST_CASE("a document record survives JSON both ways") {
  DocumentRecord r;
  r.dossier_id = "000.00.16.H29-261122-0001";
  r.document_id = "to-khai";
  r.pages.push_back({1, "p1.jpg", 1, 2480, 3508, 300, 90, -1.25, false, 0.93F});
  r.forms.doc_type = "birth_registration_form";
  r.forms.doc_type_confidence = 0.97;
  r.forms.fields["child_full_name"] = {"Nguyễn Minh Anh", 0.91F, 1, {412, 880, 960, 64}, false};
  r.forms.issues.push_back({"father_id_number", "invalid_length", "12 chữ số"});
  r.text = "Tờ khai\fTrang 2";
  const auto back = document_record_from_json(to_json(r));
  CHECK(back.dossier_id == r.dossier_id);
  CHECK(back.pages.size() == 1);
  CHECK(back.pages[0].rotation == 90);
  CHECK(back.pages[0].skew_deg == doctest::Approx(-1.25));
  CHECK(back.forms.fields.at("child_full_name").value == "Nguyễn Minh Anh");
  CHECK(back.forms.fields.at("child_full_name").bbox == Box{412, 880, 960, 64});
  CHECK(back.forms.issues.size() == 1);
  CHECK(back.forms.issues[0].code == "invalid_length");
  CHECK(back.text == r.text);
  CHECK(to_json(back) == to_json(r));
}
