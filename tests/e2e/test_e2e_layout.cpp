// Page layout on generated scans: a decision's two-column header comes out in
// reading order (agency block, then motto, place and date) in the record, in the
// PDF's text layer as pdftotext reads it and in the ALTO words.
#include "e2e_support.hpp"

using namespace sohoa::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The positions of `parts` in `text`, each searched after the one before.
std::vector<std::size_t> in_order(const std::string& text, const std::vector<std::string>& parts) {
  std::vector<std::size_t> at;
  std::size_t from = 0;
  for (const auto& part : parts) {
    const std::size_t found = text.find(part, from);
    at.push_back(found);
    if (found == std::string::npos) {
      break;
    }
    from = found + part.size();
  }
  return at;
}

bool all_found(const std::vector<std::size_t>& at, std::size_t count) {
  return at.size() == count && at.back() != std::string::npos;
}

} // namespace

TEST_CASE("a decision's two-column header reads column by column in the record, PDF and ALTO") {
  ScratchDir dir("e2e-layout");
  const auto set = generate(dir / "gen", 1101, 4, "clean", "png", {"--layouts", "standard"});
  fs::path truth_file;
  for (const auto& e : fs::recursive_directory_iterator(set.truth)) {
    if (e.path().extension() == ".json" &&
        read_json(e.path()).value("doc_type", "") == "administrative_decision") {
      truth_file = e.path();
    }
  }
  REQUIRE_FALSE(truth_file.empty());
  const json truth = read_json(truth_file);
  const fs::path scan =
      set.input / truth["dossier_folder"].get<std::string>() / truth["files"][0].get<std::string>();
  const auto out = dir / "out";
  const auto r =
      run_sohoa({"run", scan.string(), "--out", out.string(), "--jobs", "1", "--no-sign"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string id = scan.stem().string();
  const json record = read_json(out / id / (id + ".json"));

  // Agency, number, then motto and date: the left column before the right.
  const std::vector<std::string> order = {"NHÂN DÂN",  "Số:",  "CỘNG HÒA",
                                          "Hạnh phúc", "ngày", "QUYẾT ĐỊNH"};
  const std::string text = record["text"].get<std::string>();
  CAPTURE(text.substr(0, 400));
  CHECK(all_found(in_order(text, order), order.size()));

  const auto pdf = run_command(
      {"/usr/bin/pdftotext", "-enc", "UTF-8", (out / id / (id + ".pdf")).string(), "-"});
  REQUIRE(pdf.exit_code == 0);
  CAPTURE(pdf.out.substr(0, 400));
  CHECK(all_found(in_order(pdf.out, order), order.size()));

  const std::string alto = slurp(out / id / (id + ".alto.xml"));
  const std::vector<std::string> words = {"CONTENT=\"Số:\"", "CONTENT=\"CỘNG\"",
                                          "CONTENT=\"QUYẾT\""};
  CHECK(all_found(in_order(alto, words), words.size()));

  const json& fields = record["fields"];
  REQUIRE(fields.contains("issuing_agency"));
  const std::string agency = fields["issuing_agency"]["value"].get<std::string>();
  CHECK(agency.find('_') == std::string::npos);
  CHECK(agency == truth["fields"]["issuing_agency"].get<std::string>());
}
