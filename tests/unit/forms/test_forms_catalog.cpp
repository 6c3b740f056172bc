#include "catalog_fixture.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/core/record.hpp"
#include "sohoa/forms/form_type.hpp"
#include "sohoa/forms/record_validation.hpp"
#include <algorithm>
#include <doctest/doctest.h>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace sohoa;
using namespace sohoa::forms;
using sohoa::forms::test::catalog;

namespace {

void copy_schemas(const std::filesystem::path& to) {
  for (const auto& e : std::filesystem::directory_iterator(sohoa::test::source_dir() / "schemas")) {
    std::filesystem::copy(e.path(), to / e.path().filename(),
                          std::filesystem::copy_options::recursive);
  }
}

nlohmann::json read(const std::filesystem::path& p) {
  std::ifstream in(p);
  return nlohmann::json::parse(in);
}

void write(const std::filesystem::path& p, const nlohmann::json& j) {
  std::ofstream(p) << j.dump(2);
}

std::string load_error_code(const std::filesystem::path& dir, std::string* file = nullptr) {
  try {
    FormCatalog::load(dir);
  } catch (const Error& e) {
    if (file != nullptr) {
      *file = e.file();
    }
    CHECK(e.stage() == Stage::config);
    return e.code();
  }
  return "";
}

DocumentRecord good_record() {
  DocumentRecord r;
  r.dossier_id = "000.00.16.H29-261122-0001";
  r.document_id = "cccd";
  r.pages.push_back(PageInfo{1, "cccd.png", 1, 2024, 1276, 600, 0, -0.4, false, 0.91F});
  r.forms.doc_type = "citizen_id_card";
  r.forms.doc_type_confidence = 0.95;
  r.forms.fields["id_number"] = {"079190001234", 0.9F, 1, Box{700, 300, 400, 50}, false};
  r.forms.fields["gender"] = {"Nữ", 0.9F, 1, Box{900, 590, 50, 50}, false};
  r.text = "CĂN CƯỚC CÔNG DÂN";
  return r;
}

} // namespace

TEST_CASE("the repository's schemas load with their five form types") {
  auto types = catalog().doc_types();
  std::sort(types.begin(), types.end());
  CHECK(types == std::vector<std::string>{"administrative_decision", "birth_registration_form",
                                          "citizen_id_card", "judicial_record_request",
                                          "residence_form_ct01"});
  const FormType* birth = catalog().find("birth_registration_form");
  REQUIRE(birth != nullptr);
  REQUIRE(birth->field("mother_birth_year") != nullptr);
  CHECK(birth->field("mother_birth_year")->section == "mother");
  CHECK(birth->field("mother_birth_year")->kind == ValueKind::year);
  CHECK(birth->field("signed_date")->anchor == "signed_place");
  CHECK(catalog().find("citizen_id_card")->cues.shape == "card");
  CHECK(catalog().find("administrative_decision")->layout == "regions");
  CHECK(catalog().province_codes().size() == 63);
  CHECK_FALSE(catalog().foreign_titles().empty());
  // Label spellings without diacritics stay out of the correction phrases.
  const auto& phrases = catalog().phrases();
  CHECK(std::find(phrases.begin(), phrases.end(), "Nơi cư trú") != phrases.end());
  CHECK(std::find(phrases.begin(), phrases.end(), "Noi cu tru") == phrases.end());
}

TEST_CASE("a schema with an unknown value kind is a bad_schema naming its file") {
  sohoa::test::ScratchDir dir("forms-schema");
  copy_schemas(dir.path());
  const auto file = dir / "citizen_id_card.v1.schema.json";
  auto j = read(file);
  j["properties"]["gender"]["x-kind"] = "colour";
  write(file, j);
  std::string named;
  CHECK(load_error_code(dir.path(), &named) == "bad_schema");
  CHECK(named.find("citizen_id_card.v1.schema.json") != std::string::npos);
}

TEST_CASE("broken JSON, dangling references and a missing folder are rejected") {
  {
    sohoa::test::ScratchDir dir("forms-schema");
    copy_schemas(dir.path());
    std::ofstream(dir / "residence_form_ct01.v1.schema.json") << "{ \"x-doc-type\": ";
    CHECK(load_error_code(dir.path()) == "bad_schema");
  }
  {
    sohoa::test::ScratchDir dir("forms-schema");
    copy_schemas(dir.path());
    const auto file = dir / "birth_registration_form.v1.schema.json";
    auto j = read(file);
    j["properties"]["signed_date"]["x-anchor"] = "signed_plaice";
    write(file, j);
    CHECK(load_error_code(dir.path()) == "bad_schema");
  }
  {
    sohoa::test::ScratchDir dir("forms-schema");
    copy_schemas(dir.path());
    const auto file = dir / "judicial_record_request.v1.schema.json";
    auto j = read(file);
    j["type"] = 17; // valijson refuses a non-string type
    write(file, j);
    CHECK(load_error_code(dir.path()) == "bad_schema");
  }
  CHECK(load_error_code("/nonexistent/schemas") == "bad_schema");
}

TEST_CASE("adding a form type is adding a schema file") {
  sohoa::test::ScratchDir dir("forms-schema");
  copy_schemas(dir.path());
  auto j = read(dir / "residence_form_ct01.v1.schema.json");
  j["x-doc-type"] = "residence_form_ct02";
  j["x-classify"]["title_phrases"] = {"TỜ KHAI XÓA ĐĂNG KÝ THƯỜNG TRÚ"};
  write(dir / "residence_form_ct02.v1.schema.json", j);
  const auto loaded = FormCatalog::load(dir.path());
  CHECK(loaded->doc_types().size() == 6);
  CHECK(loaded->find("residence_form_ct02") != nullptr);
}

TEST_CASE("a good document record validates") {
  const auto j = to_json(good_record());
  const auto violations = validate_record(j, catalog());
  CHECK(violations.empty());
  for (const auto& v : violations) {
    MESSAGE(v);
  }
}

TEST_CASE("bad document records are rejected") {
  SUBCASE("a field the type does not have") {
    auto j = to_json(good_record());
    j["fields"]["favourite_colour"] = j["fields"]["gender"];
    CHECK_FALSE(validate_record(j, catalog()).empty());
  }
  SUBCASE("a value that is not a string") {
    auto j = to_json(good_record());
    j["fields"]["gender"]["value"] = 1;
    CHECK_FALSE(validate_record(j, catalog()).empty());
  }
  SUBCASE("a bbox of three numbers") {
    auto j = to_json(good_record());
    j["fields"]["gender"]["bbox"] = {1, 2, 3};
    CHECK_FALSE(validate_record(j, catalog()).empty());
  }
  SUBCASE("an unknown doc_type") {
    auto j = to_json(good_record());
    j["doc_type"] = "tax_return";
    CHECK_FALSE(validate_record(j, catalog()).empty());
  }
  SUBCASE("a wrong schema tag and a missing text") {
    auto j = to_json(good_record());
    j["schema"] = "sohoa.document/2";
    j.erase("text");
    CHECK(validate_record(j, catalog()).size() >= 2);
  }
  SUBCASE("an unknown document with fields") {
    auto j = to_json(good_record());
    j["doc_type"] = "unknown";
    CHECK_FALSE(validate_record(j, catalog()).empty());
  }
}

TEST_CASE("manifests validate against manifest.v1") {
  const std::string sha(64, 'a');
  nlohmann::json m = {{"schema", "sohoa.manifest/1"},
                      {"complete", true},
                      {"dossier_id", "HS-1"},
                      {"dossier", {{"dossier_code", "HS-1"}}},
                      {"started_at", "2026-11-22T09:32:05+07:00"},
                      {"finished_at", "2026-11-22T09:33:10+07:00"},
                      {"software", {{"name", "sohoa"}, {"version", "0.1.0"}}},
                      {"engines",
                       {{"tesseract", "5.3.0"},
                        {"opencv", "4.6.0"},
                        {"podofo", "0.9.8"},
                        {"language_data", {{{"language", "vie"}, {"sha256", sha}}}}}},
                      {"signer", nullptr},
                      {"documents",
                       {{{"document_id", "to-khai"},
                         {"status", "ok"},
                         {"doc_type", "birth_registration_form"},
                         {"pages", 1},
                         {"inputs", {{{"name", "p1.jpg"}, {"sha256", sha}}}},
                         {"outputs", {{{"name", "to-khai.pdf"}, {"sha256", sha}}}}}}}};
  CHECK(validate_manifest(m, catalog()).empty());
  auto failed = m;
  failed["documents"][0]["status"] = "failed"; // a failure needs its reason
  CHECK_FALSE(validate_manifest(failed, catalog()).empty());
  failed["documents"][0]["reason"] = "unsupported_format";
  CHECK(validate_manifest(failed, catalog()).empty());
  auto bad_time = m;
  bad_time["started_at"] = "yesterday";
  CHECK_FALSE(validate_manifest(bad_time, catalog()).empty());
}
