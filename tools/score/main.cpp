// sohoa-score: accuracy of sohoa's output (and of plain Tesseract text) on a generated set.
#include <iostream>
#include <string>

#include "tools/score/report.hpp"

#include "tools/parse_options.hpp"

namespace {

constexpr const char* k_usage =
    "usage: sohoa-score --truth DIR/truth [--out OUTDIR] [--tesseract-text DIR] [--json]\n"
    "Compares OUTDIR/<dossier_id>/<document_id>.json and .pdf (via pdftotext) and/or\n"
    "DIR/<dossier>/<document_id>.txt with the truth: CER, WER, doc-type accuracy, field\n"
    "precision/recall/F1 per profile and document type.\n";

int run(int argc, char** argv) {
  namespace po = boost::program_options;
  std::string truth;
  std::string out;
  std::string tesseract;
  bool json = false;
  po::options_description options;
  options.add_options()("help,h", "")("truth", po::value(&truth)->required(), "")(
      "out", po::value(&out), "")("tesseract-text", po::value(&tesseract),
                                  "")("json", po::bool_switch(&json), "");
  po::variables_map vm;
  if (!sohoa::tools::parse_options(argc, argv, options, k_usage, vm)) {
    return 0;
  }
  sohoa::score::ScoreOptions opt;
  opt.out_dir = out;
  opt.tesseract_dir = tesseract;
  if (opt.out_dir.empty() && opt.tesseract_dir.empty()) {
    throw std::invalid_argument("--truth and one of --out or --tesseract-text are required");
  }
  const auto docs = sohoa::score::load_truth(truth);
  const auto report = sohoa::score::score_all(docs, opt);
  if (json) {
    std::cout << sohoa::score::to_json(report).dump(2) << '\n';
  } else {
    sohoa::score::print_table(report, std::cout);
  }
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  return sohoa::tools::run_tool("sohoa-score", k_usage, run, argc, argv);
}
