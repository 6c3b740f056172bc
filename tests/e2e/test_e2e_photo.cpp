// Phone photos of the tuned layouts (sohoa-gen --force-conditions phone_photo:
// perspective, a table around the page, light falling off, soft focus) read
// about as well as scans once the page is found and warped upright.
#include "e2e_support.hpp"

#include <cstdio>

using namespace sohoa::test;
namespace fs = std::filesystem;
using nlohmann::json;

TEST_CASE("phone photos of A4 forms are read like scans") {
  ScratchDir dir("e2e-photo");
  const auto set =
      generate(dir / "gen", 43, 1, "clean", "png", {"--force-conditions", "phone_photo"});
  const auto out = dir / "out";
  const auto r = run_sohoa({"run", set.input.string(), "--out", out.string(), "--jobs", "2"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto scorer = generator_binary().parent_path() / "sohoa-score";
  const auto scored = run_command(
      {scorer.string(), "--truth", set.truth.string(), "--out", out.string(), "--json"});
  REQUIRE(scored.exit_code == 0);
  const json s = json::parse(scored.out);
  REQUIRE(s["conditions"].dump().find("phone_photo") != std::string::npos);
  int forms = 0;
  for (const json& group : s["groups"]) {
    const std::string type = group["doc_type"].get<std::string>();
    MESSAGE(type << ": " << group["cer_pdf"].dump() << " type "
                 << group["doc_type_accuracy"].dump());
    if (type == "citizen_id_card" || type == "unknown") {
      continue; // cards have their own layout work; unknown letters have no form
    }
    ++forms;
    // Before the perspective correction these photos read at 4-9 % (measured on seed 1103).
    CHECK(group["cer_pdf"]["rate"].get<double>() <= 0.03);
    CHECK(group["doc_type_accuracy"].get<double>() == 1.0);
  }
  CHECK(forms >= 1);
  // The archived form is the page alone, upright, at A4 size (the photo with its
  // table around is about 10 % larger each way).
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    if (entry.path().extension() != ".pdf" ||
        entry.path().filename().string().find("khai-sinh") == std::string::npos) {
      continue;
    }
    const auto info = run_command({"/usr/bin/pdfinfo", entry.path().string()});
    REQUIRE(info.exit_code == 0);
    const auto at = info.out.find("Page size:");
    REQUIRE(at != std::string::npos);
    double width = 0;
    double height = 0;
    REQUIRE(std::sscanf(info.out.c_str() + at, "Page size: %lf x %lf", &width, &height) == 2);
    CHECK(width == doctest::Approx(595).epsilon(0.04));
    CHECK(height == doctest::Approx(842).epsilon(0.04));
  }
}
