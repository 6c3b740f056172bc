// Accuracy on generated scans, the way zxing checks its black-box corpus: pass
// thresholds per profile, measured by tools/score (sohoa-score) from the outside.
#include "e2e_support.hpp"

using namespace sohoa::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json score(const GeneratedSet& set, const fs::path& out) {
  const auto scorer = generator_binary().parent_path() / "sohoa-score";
  const auto r = run_command(
      {scorer.string(), "--truth", set.truth.string(), "--out", out.string(), "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

double rate(const json& aggregate, const char* key) {
  REQUIRE(aggregate.contains(key));
  REQUIRE(aggregate[key].is_object());
  return aggregate[key]["rate"].get<double>();
}

// The thresholds are floors against regressions, a margin under what the pipeline
// measured on these seeds (the figures are beside each case).
struct Thresholds {
  double max_cer_pdf;
  double min_doc_type_accuracy;
  double min_field_f1;
  double min_type_field_f1; // every document type with fields, on its own
};

void check_profile(const char* profile, int seed, const Thresholds& t,
                   const std::string& layouts = "standard",
                   const std::vector<std::string>& generator_options = {}) {
  ScratchDir dir(std::string("e2e-acc-") + profile + "-" + layouts);
  std::vector<std::string> options = {"--unknown-docs", "--layouts", layouts};
  options.insert(options.end(), generator_options.begin(), generator_options.end());
  const auto set =
      generate(dir / "gen", seed, 3, profile, "png,jpeg,tiff-g4,tiff-lzw,pdf", options);
  const auto out = dir / "out";
  const auto r = run_sohoa({"run", set.input.string(), "--out", out.string(), "--jobs", "2"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const json s = score(set, out);
  const json& total = s["total"];
  MESSAGE(std::string(profile) << " / " << layouts << ": " << total.dump());
  const double cer_pdf = rate(total, "cer_pdf");
  const double cer_record = rate(total, "cer_record");
  CHECK(cer_pdf <= t.max_cer_pdf);
  // The text layer extracts as the record's own text: within half a point of CER.
  // Not closer: pdftotext orders a two-column header by its own layout analysis,
  // while the record keeps the column-by-column reading (on seed 32: 4.0 % against
  // 3.6 %). A text layer losing or garbling words is far outside this.
  CHECK(std::abs(cer_pdf - cer_record) <= 0.005);
  CHECK(total["doc_type_accuracy"].get<double>() >= t.min_doc_type_accuracy);
  CHECK(total["fields"]["f1"].get<double>() >= t.min_field_f1);
  for (const json& group : s["groups"]) {
    if (group["fields"]["truth"].get<int>() == 0) {
      continue; // unknown documents have no fields
    }
    const double f1 = group["fields"]["f1"].get<double>();
    MESSAGE(group["doc_type"].get<std::string>() << ": field F1 " << f1);
    CHECK(f1 >= t.min_type_field_f1);
  }
}

} // namespace

TEST_CASE("accuracy on clean generated scans") {
  // Measured on seed 31: CER 5.3 % (ID cards 19-22 %: small print, read in
  // another order than the truth's), doc types 100 %, field F1 0.92 (CT01 0.82
  // the lowest type).
  check_profile("clean", 31, {0.07, 0.90, 0.88, 0.7});
}

TEST_CASE("accuracy on degraded generated scans") {
  // Measured on seed 32: CER 3.1 %, doc types 100 %, field F1 0.968 (decisions
  // 0.875 the lowest type).
  check_profile("degraded", 32, {0.05, 0.90, 0.92, 0.8});
}

TEST_CASE("accuracy on layouts the extractor was not tuned on") {
  // sohoa-gen --layouts holdout: sans fonts, values below labels, ruled CT01,
  // chip and 2024 cards, photocopies, multi-line agency and signer blocks.
  // Measured on seed 33 (mixed profile): CER 0.9 %, doc types 100 %, field F1
  // 0.99 (CT01 0.95 the lowest type).
  // The held-out scan conditions (stamps, copies of copies, phone photos, low dpi,
  // pages upside down, fills over leaders) are left out here: these floors were
  // measured without them. sohoa-score reports them per condition.
  check_profile("mixed", 33, {0.03, 0.90, 0.95, 0.85}, "holdout", {"--no-scan-conditions"});
}
