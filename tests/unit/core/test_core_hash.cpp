#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/ocr_types.hpp"
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
  Error e(Stage::ingest, "corrupt_tiff", "bad strip", "scan.tif", 2);
  CHECK(e.describe() == "scan.tif, page 2: bad strip");
  CHECK(e.code() == "corrupt_tiff");
}
