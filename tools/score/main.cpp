// sohoa-score: accuracy of sohoa's output (and of plain Tesseract text) on a generated set.
#include <iostream>
#include <string>

#include "tools/score/report.hpp"

namespace {

constexpr const char *k_usage =
    "usage: sohoa-score --truth DIR/truth [--out OUTDIR] [--tesseract-text DIR] [--json]\n"
    "Compares OUTDIR/<dossier_id>/<document_id>.json and .pdf (via pdftotext) and/or\n"
    "DIR/<dossier>/<document_id>.txt with the truth: CER, WER, doc-type accuracy, field\n"
    "precision/recall/F1 per profile and document type.\n";

int run(int argc, char **argv) {
  std::filesystem::path truth;
  sohoa::score::ScoreOptions opt;
  bool json = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        throw std::invalid_argument("option " + arg + " needs a value");
      }
      return argv[++i];
    };
    if (arg == "--truth") {
      truth = value();
    } else if (arg == "--out") {
      opt.out_dir = value();
    } else if (arg == "--tesseract-text") {
      opt.tesseract_dir = value();
    } else if (arg == "--json") {
      json = true;
    } else if (arg == "--help" || arg == "-h") {
      std::cout << k_usage;
      return 0;
    } else {
      throw std::invalid_argument("unknown option " + arg);
    }
  }
  if (truth.empty() || (opt.out_dir.empty() && opt.tesseract_dir.empty())) {
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

int main(int argc, char **argv) {
  try {
    return run(argc, argv);
  } catch (const std::invalid_argument &e) {
    std::cerr << "sohoa-score: error: " << e.what() << "\n" << k_usage;
    return 2;
  } catch (const std::exception &e) {
    std::cerr << "sohoa-score: error: " << e.what() << "\n";
    return 1;
  }
}
