// The include boundaries of docs/ARCHITECTURE.md hold on the real tree, and the
// check catches each kind of violation when one is planted in a copy of it.
#include "support/scratch.hpp"
#include "tools/boundaries/include_rules.hpp"
#include <doctest/doctest.h>
#include <fstream>

namespace fs = std::filesystem;
using sohoa::boundaries::check_tree;
using sohoa::boundaries::describe;

namespace {

// The stage folders of the real tree, copied so a violation can be planted.
void copy_stages(const fs::path& to) {
  for (const char* top : {"core", "imaging", "ocr", "forms", "pdfsign", "pipeline", "service",
                          "scanner", "queue", "archive", "cli"}) {
    fs::copy(sohoa::test::source_dir() / top, to / top, fs::copy_options::recursive);
  }
}

void append_line(const fs::path& file, const std::string& line) {
  std::ofstream(file, std::ios::app) << line << '\n';
}

std::string all(const std::vector<sohoa::boundaries::Violation>& vs) {
  std::string out;
  for (const auto& v : vs) {
    out += describe(v) + "\n";
  }
  return out;
}

} // namespace

TEST_CASE("the source tree keeps its include boundaries") {
  const auto violations = check_tree(sohoa::test::source_dir());
  INFO(all(violations));
  CHECK(violations.empty());
}

TEST_CASE("a planted violation is caught, naming file, line and rule") {
  sohoa::test::ScratchDir dir("boundaries");
  copy_stages(dir.path());
  REQUIRE(check_tree(dir.path()).empty());

  SUBCASE("the CLI includes PoDoFo") {
    append_line(dir / "cli/main.cpp", "#include <podofo/podofo.h>");
    const auto v = check_tree(dir.path());
    INFO(all(v));
    REQUIRE(v.size() == 1);
    CHECK(v[0].file == "cli/main.cpp");
    CHECK(v[0].line > 1);
    CHECK(v[0].rule.find("PoDoFo") != std::string::npos);
  }
  SUBCASE("imaging includes Tesseract") {
    append_line(dir / "imaging/cleanup.cpp", "#include <tesseract/baseapi.h>");
    const auto v = check_tree(dir.path());
    REQUIRE(v.size() == 1);
    CHECK(v[0].rule.find("Tesseract") != std::string::npos);
  }
  SUBCASE("the signing library includes PoDoFo") {
    fs::path any_sign_source;
    for (const auto& e : fs::directory_iterator(dir / "pdfsign/sign")) {
      if (e.path().extension() == ".cpp") {
        any_sign_source = e.path();
        break;
      }
    }
    REQUIRE(!any_sign_source.empty());
    append_line(any_sign_source, "#include <podofo/podofo.h>");
    CHECK(check_tree(dir.path()).size() == 1);
  }
  SUBCASE("the service includes OpenSSL") {
    append_line(dir / "service/http_api.cpp", "#include <openssl/rand.h>");
    CHECK(check_tree(dir.path()).size() == 1);
  }
  SUBCASE("forms includes the pipeline, against the dependency direction") {
    append_line(dir / "forms/analyze.cpp", "#include \"sohoa/pipeline/ingest.hpp\"");
    const auto v = check_tree(dir.path());
    REQUIRE(v.size() == 1);
    CHECK(v[0].rule == "forms does not depend on pipeline");
  }
  SUBCASE("a public header that is not there") {
    append_line(dir / "service/http_api.cpp", "#include \"sohoa/pipeline/no_such.hpp\"");
    const auto v = check_tree(dir.path());
    REQUIRE(v.size() == 1);
    CHECK(v[0].rule == "no such public header of pipeline");
  }
  SUBCASE("the service includes a private header of ocr") {
    append_line(dir / "service/http_api.cpp", "#include \"ocr/missed_text.hpp\"");
    CHECK(check_tree(dir.path()).size() == 1);
  }
  SUBCASE("a stray source directly in pdfsign/") {
    std::ofstream(dir / "pdfsign/stray.cpp") << "int x;\n";
    const auto v = check_tree(dir.path());
    REQUIRE(v.size() == 1);
    CHECK(v[0].file == "pdfsign/stray.cpp");
  }
}
