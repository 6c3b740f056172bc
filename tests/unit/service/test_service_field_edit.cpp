#include "sohoa/forms/analyze.hpp"
#include "service/api_error.hpp"
#include "service/field_edit.hpp"
#include "support/scratch.hpp"
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using sohoa::DocumentRecord;
using sohoa::service::ApiError;
using sohoa::service::apply_field_edit;

namespace {

const sohoa::forms::FormCatalog& catalog() {
  static const auto s_catalog =
      sohoa::forms::FormCatalog::load(sohoa::test::source_dir() / "schemas");
  return *s_catalog;
}

// A card read well: its id number agrees with the date of birth and the gender.
DocumentRecord card() {
  DocumentRecord r;
  r.dossier_id = "d";
  r.document_id = "cccd";
  r.forms.doc_type = "citizen_id_card";
  r.forms.fields["id_number"] = {"025303637863", 0.95F, 1, {835, 591, 450, 51}, false};
  r.forms.fields["date_of_birth"] = {"2003-05-07", 0.4F, 1, {1111, 837, 252, 39}, true};
  r.forms.fields["gender"] = {"N\xE1\xBB\xAF", 0.9F, 1, {934, 913, 71, 40}, false};
  return r;
}

bool has_issue(const DocumentRecord& r, const std::string& field) {
  for (const auto& issue : r.forms.issues) {
    if (issue.field == field) {
      return true;
    }
  }
  return false;
}

} // namespace

TEST_CASE("a clerk's value is normalized and confirmed") {
  DocumentRecord r = card();
  const auto edit = apply_field_edit(catalog(), r, "date_of_birth", " 07/05/2003 ");
  CHECK(edit.old_value == "2003-05-07");
  CHECK(edit.field.value == "2003-05-07");
  CHECK(edit.field.confidence == doctest::Approx(1.0));
  CHECK_FALSE(edit.field.needs_review);
  CHECK(edit.issues.empty());
  CHECK(edit.field.bbox.w == 252); // the box stays where the value was read
}

TEST_CASE("a value breaking a rule is confirmed with its issue kept, and cross-checks follow") {
  DocumentRecord r = card();
  const auto edit = apply_field_edit(catalog(), r, "date_of_birth", "31/02/2020");
  CHECK(edit.field.value == "2020-02-31");
  CHECK_FALSE(edit.field.needs_review); // CONTRACT §6: the clerk's value is confirmed
  CHECK_FALSE(r.forms.fields.at("date_of_birth").needs_review);
  REQUIRE_FALSE(edit.issues.empty());
  CHECK(edit.issues.front().code == "invalid_date");
  CHECK(has_issue(r, "date_of_birth")); // the failed check stays in the record

  DocumentRecord r2 = card();
  apply_field_edit(catalog(), r2, "date_of_birth", "07/05/1990"); // a real date, wrong year
  CHECK(has_issue(r2, "id_number")); // the id's birth-year digits say 2003
  CHECK(r2.forms.fields["id_number"].needs_review);
  apply_field_edit(catalog(), r2, "date_of_birth", "2003-05-07");
  CHECK_FALSE(has_issue(r2, "id_number"));
  CHECK(r2.forms.fields["id_number"].needs_review); // raised once: a person confirms it
  apply_field_edit(catalog(), r2, "id_number", "0253 0363 7863");
  CHECK(r2.forms.fields["id_number"].value == "025303637863");
  CHECK_FALSE(r2.forms.fields["id_number"].needs_review);
}

TEST_CASE("a field OCR missed can be filled in") {
  DocumentRecord r = card();
  const auto edit = apply_field_edit(catalog(), r, "nationality", "Việt Nam");
  CHECK(edit.old_value.empty());
  CHECK(r.forms.fields.at("nationality").value == "Việt Nam");
}

TEST_CASE("edits the record cannot take are refused") {
  DocumentRecord r = card();
  auto status_of = [&](const std::string& field, const std::string& value) {
    try {
      apply_field_edit(catalog(), r, field, value);
    } catch (const ApiError& e) {
      return e.status();
    }
    return 0;
  };
  CHECK(status_of("no_such_field", "x") == 404);
  CHECK(status_of("full_name", "   ") == 400);
  CHECK(status_of("full_name", std::string(5000, 'a')) == 400);
  r.forms.doc_type = "unknown";
  CHECK(status_of("full_name", "A") == 409);
}

TEST_CASE("labels for people come from the schemas, in Vietnamese") {
  const auto labels = nlohmann::json::parse(sohoa::service::form_labels_json(catalog()));
  CHECK(labels["birth_registration_form"]["fields"]["child_full_name"].get<std::string>().find(
            "Họ") != std::string::npos);
  CHECK(labels["residence_form_ct01"]["title"].get<std::string>().find("CT01") !=
        std::string::npos);
}
