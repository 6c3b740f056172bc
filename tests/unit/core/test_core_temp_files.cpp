// The temp-file rule (core/atomic_file.hpp): named beside the target, moved into
// place whole, removed when the writer fails, and only its own names cleaned up.
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "support/scratch.hpp"
#include <doctest/doctest.h>

#include <fstream>
#include <stdexcept>

using namespace sohoa;
namespace fs = std::filesystem;

TEST_CASE("a temp file lies beside its target, hidden, and commits into place") {
  test::ScratchDir dir("core-temp");
  const fs::path target = dir / "a.pdf";
  {
    TempBeside temp(target);
    CHECK(temp.path().parent_path() == target.parent_path());
    CHECK(temp.path().filename().string().front() == '.');
    CHECK(is_temp_path(temp.path()));
    CHECK_FALSE(is_temp_path(target));
    write_file_bytes(temp.path(), "whole");
    CHECK_FALSE(fs::exists(target));
    temp.commit();
  }
  CHECK(read_file(target) == "whole");
  CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator{}) == 1);
}

TEST_CASE("a temp file or folder not committed is removed, the target untouched") {
  test::ScratchDir dir("core-temp-fail");
  write_file_atomic(dir / "a.pdf", "earlier");
  fs::path file_temp;
  fs::path folder_temp;
  try {
    TempBeside file(dir / "a.pdf");
    file_temp = file.path();
    write_file_bytes(file.path(), "half");
    TempBeside folder(dir / "package");
    folder_temp = folder.path();
    fs::create_directories(folder.path() / "data");
    write_file_atomic(folder.path() / "data" / "x", "x");
    throw std::runtime_error("the writer failed");
  } catch (const std::runtime_error&) {
  }
  CHECK_FALSE(fs::exists(file_temp));
  CHECK_FALSE(fs::exists(folder_temp));
  CHECK(read_file(dir / "a.pdf") == "earlier");
}

TEST_CASE("a folder commits whole by rename") {
  test::ScratchDir dir("core-temp-folder");
  TempBeside folder(dir / "package");
  fs::create_directories(folder.path());
  write_file_atomic(folder.path() / "METS.xml", "<mets/>");
  folder.commit();
  CHECK(read_file(dir / "package" / "METS.xml") == "<mets/>");
  CHECK_FALSE(fs::exists(folder.path()));
}

TEST_CASE("cleaning up removes the temp names only") {
  test::ScratchDir dir("core-temp-clean");
  write_file_atomic(dir / "a.pdf", "kept");
  write_file_atomic(dir / ".hidden", "kept too");
  write_file_atomic(dir / "notes.tmp-1", "a user's file, not ours");
  write_file_bytes(temp_path_for(dir / "b.pdf"), "left by a killed run");
  fs::create_directories(temp_path_for(dir / "package") / "data");
  remove_temp_files(dir.path());
  CHECK(fs::exists(dir / "a.pdf"));
  CHECK(fs::exists(dir / ".hidden"));
  CHECK(fs::exists(dir / "notes.tmp-1"));
  CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator{}) == 3);
}
