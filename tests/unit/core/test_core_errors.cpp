// The one table of error codes, and the Error that carries one.
#include "sohoa/core/error.hpp"
#include "sohoa/core/error_codes.hpp"
#include <doctest/doctest.h>
#include <set>

using namespace sohoa;

TEST_CASE("the error code table is sorted, without duplicates, every code explained") {
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < k_error_codes.size(); ++i) {
    const auto& entry = k_error_codes[i];
    CHECK_FALSE(entry.meaning.empty());
    CHECK(entry.code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") ==
          std::string_view::npos);
    CHECK(seen.insert(entry.code).second);
    if (i > 0) {
      CHECK(k_error_codes[i - 1].code < entry.code); // find_error_code searches by halves
    }
  }
  for (const auto& entry : k_error_codes) {
    REQUIRE(find_error_code(entry.code) == &entry);
  }
  CHECK(find_error_code("no_such_code") == nullptr);
}

TEST_CASE("an Error carries a code of the table, its file and its page") {
  static_assert(has_error_code("corrupt_image"));
  static_assert(!has_error_code("no_such_code"));
  const Error e(Stage::ingest, "corrupt_image", "bad strip", "scan.tif", 2);
  CHECK(e.code() == "corrupt_image");
  CHECK(e.error_code() == ErrorCode("corrupt_image"));
  CHECK(e.error_code().meaning() == "an image whose data does not decode");
  CHECK(e.describe() == "scan.tif, page 2: bad strip");
  // A code read back at run time that the table does not know is an internal error.
  CHECK(ErrorCode::known("gone_since").code() == "internal_error");
  CHECK(ErrorCode::known("too_many_pages").code() == "too_many_pages");
}
