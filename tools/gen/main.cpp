// sohoa-gen: writes scanned-looking Vietnamese dossiers and their ground truth.
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

#include "tools/gen/generator.hpp"

namespace {

constexpr const char *k_usage =
    "usage: sohoa-gen --seed N --out DIR [--dossiers K] [--profile clean|degraded|mixed]\n"
    "                 [--formats png,jpeg,tiff-g4,tiff-lzw,tiff-jpeg,pdf] [--dpi 300]\n"
    "                 [--layouts standard|holdout|mixed] [--bad-inputs] [--unknown-docs]\n"
    "                 [--jobs N]\n"
    "Writes DIR/input/<dossier>/... (a batch folder) and DIR/truth/<dossier>/<doc>.json.\n"
    "--layouts: standard (default) draws the layouts the pipeline was tuned on; holdout\n"
    "draws held-out variants of every form, card and decision (other fonts, label wordings,\n"
    "numbering, leaders, values under labels, a ruled CT01, chip and 2024 cards, grey\n"
    "photocopies, three-line agencies, seals over names); mixed picks per document. The\n"
    "truth then records \"layout\" and \"layout_variants\"; a holdout document holds the\n"
    "same values as the standard one of the same seed (the decision's agency and signer\n"
    "title aside).\n"
    "The output depends only on the options, never on time or --jobs.\n";

int run(int argc, char **argv) {
  sohoa::gen::GenOptions opt;
  bool have_seed = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        throw std::invalid_argument("option " + arg + " needs a value");
      }
      return argv[++i];
    };
    if (arg == "--seed") {
      opt.seed = std::stoull(value());
      have_seed = true;
    } else if (arg == "--out") {
      opt.out = value();
    } else if (arg == "--dossiers") {
      opt.dossiers = std::stoi(value());
    } else if (arg == "--profile") {
      opt.profile = sohoa::gen::parse_profile(value());
    } else if (arg == "--formats") {
      opt.formats.clear();
      std::istringstream list(value());
      std::string item;
      while (std::getline(list, item, ',')) {
        if (!item.empty()) {
          opt.formats.push_back(sohoa::gen::parse_format(item));
        }
      }
    } else if (arg == "--dpi") {
      opt.dpi = std::stoi(value());
    } else if (arg == "--layouts") {
      opt.layouts = sohoa::gen::parse_layout_set(value());
    } else if (arg == "--jobs") {
      opt.jobs = std::stoi(value());
    } else if (arg == "--bad-inputs") {
      opt.bad_inputs = true;
    } else if (arg == "--unknown-docs") {
      opt.unknown_docs = true;
    } else if (arg == "--help" || arg == "-h") {
      std::cout << k_usage;
      return 0;
    } else {
      throw std::invalid_argument("unknown option " + arg);
    }
  }
  if (!have_seed || opt.out.empty() || opt.formats.empty() || opt.dossiers < 0 || opt.dpi < 50 ||
      opt.dpi > 1200) {
    throw std::invalid_argument("--seed and --out are required; --dpi 50-1200");
  }
  const int docs = sohoa::gen::generate_set(opt);
  std::cout << "sohoa-gen: " << docs << " documents in " << opt.dossiers
            << (opt.bad_inputs ? " dossiers + bad-inputs" : " dossiers") << " under "
            << opt.out.string() << "\n";
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  try {
    return run(argc, argv);
  } catch (const std::invalid_argument &e) {
    std::cerr << "sohoa-gen: error: " << e.what() << "\n" << k_usage;
    return 2;
  } catch (const std::exception &e) {
    std::cerr << "sohoa-gen: error: " << e.what() << "\n";
    return 1;
  }
}
