// sohoa-review-signals writes the columns tools/fit-review-model.py reads, and
// the script's copy of the rule flags exactly what review_reason() flags.
#include <fstream>

#include "sohoa/forms/review_calibration.hpp"
#include "support/process.hpp"
#include "support/scratch.hpp"
#include "tools/review/signal_dump.hpp"
#include <doctest/doctest.h>

namespace fs = std::filesystem;
using namespace sohoa;

namespace {

// Rows on both sides of every threshold and switch of the table in force.
std::vector<review::SignalRow> boundary_rows() {
  const forms::ReviewThresholds& t = forms::k_review_thresholds;
  review::SignalRow sure;
  sure.dossier_id = "hs-001";
  sure.document_id = "ct01";
  sure.doc_type = "residence_declaration";
  sure.layout = "standard";
  sure.field = "full_name";
  sure.value = "Lê Thị \"Mai\"";
  sure.truth = "Lê Thị Mai";
  sure.right = true;
  sure.signals.kind = forms::ValueKind::name;
  sure.signals.mean_confidence = 0.97F;
  sure.signals.min_confidence = 0.95F;
  sure.signals.words = 3;
  std::vector<review::SignalRow> rows{sure};
  auto add = [&](auto change) {
    review::SignalRow r = sure;
    change(r.signals);
    rows.push_back(r);
  };
  for (const float delta : {0.02F, -0.02F}) {
    add([&](forms::FieldSignals& s) { s.mean_confidence = t.beside_label + delta; });
    add([&](forms::FieldSignals& s) {
      s.found_by = forms::FoundBy::region;
      s.mean_confidence = t.by_layout + delta;
    });
    add([&](forms::FieldSignals& s) { s.min_confidence = t.least_sure_word + delta; });
    add([&](forms::FieldSignals& s) {
      s.agreement = forms::Agreement::agree;
      s.min_confidence = t.agreed_least_sure_word + delta;
    });
  }
  add([&](forms::FieldSignals& s) { s.words = t.long_value_words - 1; });
  add([&](forms::FieldSignals& s) { s.words = t.long_value_words; });
  add([](forms::FieldSignals& s) { s.agreement = forms::Agreement::disagree; });
  add([](forms::FieldSignals& s) { s.leader_runs = 2; });
  add([](forms::FieldSignals& s) { s.foreign_chars = 1; });
  add([](forms::FieldSignals& s) { s.odd_length = true; });
  add([](forms::FieldSignals& s) { s.unknown_syllables = 1; });
  add([](forms::FieldSignals& s) { s.failed_check = true; });
  add([](forms::FieldSignals& s) { s.list = forms::ListSignal::unknown_unit; });
  add([](forms::FieldSignals& s) { s.list = forms::ListSignal::hit; });
  return rows;
}

test::CommandResult check(const fs::path& csv) {
  // Run through its shebang: the script is the tool the docs tell a person to run.
  return test::run_command(
      {(test::source_dir() / "tools" / "fit-review-model.py").string(), "--check", csv.string()});
}

} // namespace

TEST_CASE("the fit script reads the dump's columns and flags as review_reason() does") {
  test::ScratchDir dir("review-columns");
  const auto rows = boundary_rows();
  {
    std::ofstream out(dir / "signals.csv");
    review::write_csv(rows, out);
  }
  const auto ok = check(dir / "signals.csv");
  INFO(ok.out, ok.err);
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find(std::to_string(rows.size()) + " rows, 0 disagreeing") != std::string::npos);

  // A dump without a column the script reads is refused, not misread.
  std::ifstream in(dir / "signals.csv");
  std::string header;
  std::getline(in, header);
  const std::string rest((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto at = header.find("leader_runs");
  REQUIRE(at != std::string::npos);
  header.replace(at, std::string("leader_runs").size(), "leaders");
  std::ofstream(dir / "renamed.csv") << header << '\n' << rest;
  const auto refused = check(dir / "renamed.csv");
  CHECK(refused.exit_code != 0);
  CHECK(refused.err.find("leader_runs") != std::string::npos);
}
