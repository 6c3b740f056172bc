// What the fuzzers found, kept as plain assertions: each case crashed or overflowed
// before its fix (the replay tests hold the same inputs as seeds).
#include "forms/catalog.hpp"
#include "forms/schema_regex.hpp"
#include "pdfsign/pdf/xmp.hpp"
#include "pipeline/decode_dossier_json.hpp"
#include "sohoa/core/error.hpp"
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <string>

using namespace sohoa;

TEST_CASE("XMP dates: four-digit years are computed in seconds, not overflowed") {
  pdf::PdfTime t;
  REQUIRE(pdf::parse_pdf_or_xmp_date("9999-12-31T23:59:59Z", t));
  CHECK(t.utc == 253402300799);
  REQUIRE(pdf::parse_pdf_or_xmp_date("D:00000101000000+23'59'", t));
  CHECK(t.utc == -62167219200 - (23 * 60 + 59) * 60);
  CHECK(t.offset_minutes == 23 * 60 + 59);
  REQUIRE(pdf::parse_pdf_or_xmp_date("2026-11-22T18:05:00+07:00", t));
  CHECK(t.utc == 1795345500);
}

TEST_CASE("XMP dates: fields out of range are refused") {
  pdf::PdfTime t;
  CHECK_FALSE(pdf::parse_pdf_or_xmp_date("2026-11-22T99:05:00Z", t));
  CHECK_FALSE(pdf::parse_pdf_or_xmp_date("2026-11-22T18:99:00Z", t));
  CHECK_FALSE(pdf::parse_pdf_or_xmp_date("2026-11-22T18:05:99Z", t));
  CHECK_FALSE(pdf::parse_pdf_or_xmp_date("2026-11-22T18:05:00+99:00", t));
  CHECK_FALSE(pdf::parse_pdf_or_xmp_date("D:20261122180500+07'99'", t));
  CHECK_FALSE(pdf::parse_pdf_or_xmp_date("2026-13-01", t));
}

TEST_CASE("dossier.json: a number beyond a double is a malformed file, not an exception") {
  const auto spec =
      pipeline::parse_dossier_json(R"({"dossier_code":"x","documents":[{"pages":1e999}]})");
  CHECK(spec.malformed);
  CHECK(spec.documents.empty());
  REQUIRE(spec.problems.size() == 1);
  CHECK(spec.problems[0].find("too large") != std::string::npos);
}

TEST_CASE("schema patterns: matched with bounds, long patterns and values refused") {
  std::string error;
  const auto id = forms::SchemaRegex::compile(R"(^(\d{12}|\d{9}|[A-Z]\d{7})$)", error);
  REQUIRE(id.valid());
  CHECK(id.full_match("079203001234"));
  CHECK(id.full_match("B1234567"));
  CHECK_FALSE(id.full_match("07920300123"));
  CHECK(forms::schema_regex_full_match("^(Nam|Nữ)$", "Nữ"));
  CHECK_FALSE(forms::schema_regex_full_match("^(Nam|Nữ)$", "N\xff"));

  // std::regex recursed once per character here and overflowed the stack.
  const auto email = forms::SchemaRegex::compile(R"(^[^@\s]+@[^@\s]+\.[^@\s]+$)", error);
  REQUIRE(email.valid());
  CHECK(email.full_match(std::string(4000, 'a') + "@b.vn"));
  CHECK_FALSE(email.full_match(std::string(100000, 'a') + "@b.vn"));
  // Catastrophic backtracking ends at the time limit, as no match.
  CHECK_FALSE(forms::schema_regex_full_match("^(a+)+$", std::string(4000, 'a') + "!"));

  CHECK_FALSE(forms::SchemaRegex::compile(std::string(2000, '('), error).valid());
  CHECK(error.find("longer than") != std::string::npos);
  CHECK_FALSE(forms::SchemaRegex::compile("(", error).valid());
}

TEST_CASE("schema loader: a pattern over the documented size is a bad_schema error") {
  nlohmann::json schema = nlohmann::json::parse(R"({
    "x-doc-type": "t", "title": "T",
    "properties": {"a": {"x-labels": ["A"], "x-pattern": ""}}})");
  std::string deep;
  for (int i = 0; i < 400; ++i) {
    deep += "(a|";
  }
  deep += "a" + std::string(400, ')');
  schema["properties"]["a"]["x-pattern"] = deep + deep + deep;
  CHECK_THROWS_AS((void)forms::parse_form_type(schema, "t.schema.json"), Error);
}
