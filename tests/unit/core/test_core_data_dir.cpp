#include "sohoa/core/build_info.hpp"
#include "sohoa/core/data_dir.hpp"
#include "support/scratch.hpp"
#include <doctest/doctest.h>

namespace fs = std::filesystem;
using sohoa::find_data_dir;

TEST_CASE("an installed tree's data beside the binary comes first") {
  sohoa::test::ScratchDir prefix("data-dir");
  fs::create_directories(prefix / "bin");
  fs::create_directories(prefix / "share/sohoa/schemas");
  CHECK(find_data_dir("schemas", prefix / "bin/sohoa") == prefix / "share/sohoa/schemas");
}

TEST_CASE("a binary without an installed tree reads the source tree's data") {
  sohoa::test::ScratchDir prefix("data-dir");
  fs::create_directories(prefix / "bin");
  CHECK(find_data_dir("schemas", prefix / "bin/sohoa") ==
        fs::path(sohoa::source_dir()) / "schemas");
}

TEST_CASE("data found nowhere names the configured install folder") {
  sohoa::test::ScratchDir prefix("data-dir");
  CHECK(find_data_dir("no-such-data", prefix / "bin/sohoa") ==
        fs::path(sohoa::install_data_dir()) / "no-such-data");
  CHECK(sohoa::install_data_dir().ends_with("/share/sohoa"));
}

TEST_CASE("the running executable is known") {
  CHECK(sohoa::current_executable().filename() == "test_core");
}
