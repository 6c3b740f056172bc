#include "service/api_error.hpp"
#include "service/upload.hpp"
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using sohoa::service::ApiError;
using sohoa::service::check_upload;
using sohoa::service::UploadPart;

namespace {

int refusal_status(std::vector<UploadPart> parts, const std::string& code, int max_files = 10) {
  try {
    check_upload(std::move(parts), max_files);
  } catch (const ApiError& e) {
    CHECK(e.code() == code);
    return e.status();
  }
  FAIL("the upload was accepted");
  return 0;
}

} // namespace

TEST_CASE("uploaded file names are reduced to one safe path component") {
  const auto checked = check_upload({{"page", "../../etc/p2.png", "x"},
                                     {"page", "C:\\scans\\p1.jpg", "y"},
                                     {"page", ".hidden.tif", "z"}},
                                    10);
  REQUIRE(checked.files.size() == 3);
  CHECK(checked.files[0].name == "p2.png");
  CHECK(checked.files[1].name == "p1.jpg");
  CHECK(checked.files[2].name.front() != '.');
  for (const auto& f : checked.files) {
    CHECK(f.name.find('/') == std::string::npos);
    CHECK(f.name.find('\\') == std::string::npos);
  }
}

TEST_CASE("bad uploads are refused with a 4xx and a code") {
  CHECK(refusal_status({}, "no_files") == 400);
  CHECK(refusal_status({{"page", "notes.txt", "x"}}, "unsupported_format") == 400);
  CHECK(refusal_status({{"page", "p1.png", "x"}, {"page", "dir/p1.png", "y"}}, "duplicate_file") ==
        400);
  CHECK(refusal_status({{"page", "../", "x"}}, "bad_file_name") == 400);
  CHECK(refusal_status({{"page", "a.png", "x"}, {"page", "b.png", "y"}}, "too_many_files", 1) ==
        413);
  CHECK(refusal_status({{"dossier.json", "dossier.json", "{not json"}, {"page", "a.png", "x"}},
                       "bad_dossier_json") == 400);
  CHECK(refusal_status({{"dossier.json", "", "[1]"}, {"page", "a.png", "x"}}, "bad_dossier_json") ==
        400);
}

TEST_CASE("reading order is the upload order, not the file-name order") {
  const auto checked = check_upload(
      {{"page", "p10.png", "a"}, {"page", "p2.png", "b"}, {"page", "p10.jpg", "c"}}, 10);
  const auto staged = nlohmann::json::parse(sohoa::service::staged_dossier_json(checked));
  REQUIRE(staged["documents"].size() == 3);
  CHECK(staged["documents"][0]["files"][0] == "p10.png");
  CHECK(staged["documents"][1]["files"][0] == "p2.png");
  CHECK(staged["documents"][0]["id"] != staged["documents"][2]["id"]); // p10 twice: made unique
}

TEST_CASE("an uploaded dossier.json is kept with its code and its own documents") {
  const std::string json =
      R"({"dossier_code": "000.00.16.H29-261122-0001", "documents": [{"id": "a", "files": ["p1.png", "p2.png"]}]})";
  const auto checked = check_upload(
      {{"page", "p1.png", "a"}, {"page", "p2.png", "b"}, {"dossier.json", "x.json", json}}, 10);
  REQUIRE(checked.dossier_code);
  CHECK(*checked.dossier_code == "000.00.16.H29-261122-0001");
  const auto staged = nlohmann::json::parse(sohoa::service::staged_dossier_json(checked));
  CHECK(staged["documents"].size() == 1);
  CHECK(staged["documents"][0]["files"].size() == 2);
}
