// sohoa-review-signals: the review signals of every extracted field of a
// generated set, labelled right or wrong, as CSV for tools/fit-review-model.py.
#include <iostream>
#include <string>

#include "sohoa/core/data_dir.hpp"
#include "sohoa/forms/lexicon.hpp"
#include "tools/parse_options.hpp"
#include "tools/review/signal_dump.hpp"

namespace {

constexpr const char* k_usage =
    "usage: sohoa-review-signals --truth DIR/truth --out OUTDIR [--schemas DIR]\n"
    "Prints CSV: per field of OUTDIR's records, the signals the review flag weighs\n"
    "(re-read from OUTDIR/<dossier>/<document>.alto.xml), the model's probability,\n"
    "the record's needs_review and whether the value equals the truth.\n";

int run(int argc, char** argv) {
  namespace po = boost::program_options;
  std::string truth;
  std::string out;
  std::string schemas;
  po::options_description options;
  options.add_options()("help,h", "")("truth", po::value(&truth)->required(), "")(
      "out", po::value(&out)->required(), "")("schemas", po::value(&schemas), "");
  po::variables_map vm;
  if (!sohoa::tools::parse_options(argc, argv, options, k_usage, vm)) {
    return 0;
  }
  const auto catalog = sohoa::forms::FormCatalog::load(
      schemas.empty() ? sohoa::find_data_dir("schemas") : std::filesystem::path(schemas));
  // The run post-corrects with it and weighs its syllables: so does the dump.
  const auto lexicon = sohoa::forms::Lexicon::load(*catalog);
  const auto rows =
      sohoa::review::collect_signals(sohoa::score::load_truth(truth), out, *catalog, lexicon.get());
  sohoa::review::write_csv(rows, std::cout);
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  return sohoa::tools::run_tool("sohoa-review-signals", k_usage, run, argc, argv);
}
