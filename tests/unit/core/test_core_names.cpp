// Names that are bytes, not text; write errors that name the final file.
#include "sohoa/core/atomic_file.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/name_text.hpp"
#include "support/scratch.hpp"
#include <doctest/doctest.h>

using namespace sohoa;

TEST_CASE("invalid UTF-8 is escaped as %XX; valid text is untouched") {
  CHECK(is_valid_utf8("Tờ khai"));
  CHECK_FALSE(is_valid_utf8("gi\xE1y"));
  CHECK_FALSE(is_valid_utf8("\xC0\x80"));     // overlong NUL
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80")); // a surrogate
  CHECK_FALSE(is_valid_utf8("\xE1\xBB"));     // cut short
  CHECK(escape_invalid_utf8("Tờ khai") == "Tờ khai");
  CHECK(escape_invalid_utf8("gi\xE1y.png") == "gi%E1y.png");
  CHECK(escape_invalid_utf8("\xFF\xFE") == "%FF%FE");
  CHECK(escape_invalid_utf8("\xE1\xBB") == "%E1%BB");
  CHECK(is_valid_utf8(escape_invalid_utf8("\x80\xBF\xC3(\xF5")));
  CHECK(hex_bytes("gi\xE1y") == "6769e179");
}

TEST_CASE("temp names map back to the file they stand for") {
  const std::filesystem::path target = "/out/hs/p1.pdf";
  const auto temp = temp_path_for(target);
  CHECK(temp != target);
  CHECK(final_path_for(temp) == target);
  CHECK(final_path_for(temp_path_for(temp)) == target);
  CHECK(final_path_for(target) == target);
  CHECK(final_path_for("/out/.hidden") == "/out/.hidden");
}

TEST_CASE("a write that fails names the final file and the system's reason") {
  test::ScratchDir dir("core-names");
  const auto target = dir / "missing" / "p1.json";
  try {
    write_file_atomic(target, "x");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.stage() == Stage::output);
    CHECK(e.code() == "write_failed");
    CHECK(e.file() == target.string());
    CHECK(std::string(e.what()).find(target.string() + ": No such file or directory") !=
          std::string::npos);
  }
}
