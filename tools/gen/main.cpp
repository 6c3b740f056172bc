// sohoa-gen: writes scanned-looking Vietnamese dossiers and their ground truth.
#include "tools/parse_options.hpp"
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "tools/gen/conditions.hpp"
#include "tools/gen/generator.hpp"

namespace {

constexpr const char* k_usage =
    "usage: sohoa-gen --seed N --out DIR [--dossiers K] [--profile clean|degraded|mixed]\n"
    "                 [--formats png,jpeg,tiff-g4,tiff-lzw,tiff-jpeg,pdf] [--dpi 300]\n"
    "                 [--layouts standard|holdout|mixed] [--bad-inputs] [--unknown-docs]\n"
    "                 [--no-scan-conditions] [--force-conditions LIST] [--jobs N]\n"
    "Writes DIR/input/<dossier>/... (a batch folder) and DIR/truth/<dossier>/<doc>.json.\n"
    "--layouts: standard (default) draws the layouts the pipeline was tuned on; holdout\n"
    "draws held-out variants of every form, card and decision (other fonts, label wordings,\n"
    "numbering, leaders, values under labels, a ruled CT01, chip and 2024 cards, grey\n"
    "photocopies, three-line agencies, seals over names); mixed picks per document. The\n"
    "truth then records \"layout\" and \"layout_variants\"; a holdout document holds the\n"
    "same values as the standard one of the same seed (the decision's agency and signer\n"
    "title aside). Holdout documents also get held-out scan conditions, listed in the\n"
    "truth's \"conditions\": fills over leaders in another font and colour, stamps over\n"
    "text, photocopies of copies, phone photos, 150-200 dpi, pages fed upside down;\n"
    "--no-scan-conditions leaves them out. --force-conditions (photocopy_of_copy,\n"
    "phone_photo, low_dpi, upside_down, stamp_over_text, fill_over_leaders) gives every\n"
    "document, standard layouts too, those conditions (fill_over_leaders: every form\n"
    "but the table ones): one condition measured on the tuned layouts.\n"
    "The output depends only on the options, never on time or --jobs.\n";

std::vector<sohoa::gen::Format> parse_formats(const std::string& list) {
  std::vector<sohoa::gen::Format> formats;
  std::istringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) {
      formats.push_back(sohoa::gen::parse_format(item));
    }
  }
  return formats;
}

int run(int argc, char** argv) {
  namespace po = boost::program_options;
  sohoa::gen::GenOptions opt;
  std::string out;
  std::string profile = "mixed";
  std::string formats;
  std::string layouts = "standard";
  bool no_scan_conditions = false;
  std::string forced_conditions;
  po::options_description options;
  options.add_options()("help,h", "")("seed", po::value(&opt.seed)->required(), "")(
      "out", po::value(&out)->required(), "")("dossiers", po::value(&opt.dossiers), "")(
      "profile", po::value(&profile), "")("formats", po::value(&formats), "")(
      "dpi", po::value(&opt.dpi), "")("layouts", po::value(&layouts), "")(
      "jobs", po::value(&opt.jobs), "")("bad-inputs", po::bool_switch(&opt.bad_inputs),
                                        "")("unknown-docs", po::bool_switch(&opt.unknown_docs), "")(
      "no-scan-conditions", po::bool_switch(&no_scan_conditions),
      "")("force-conditions", po::value(&forced_conditions), "");
  po::variables_map vm;
  if (!sohoa::tools::parse_options(argc, argv, options, k_usage, vm)) {
    return 0;
  }
  opt.out = out;
  if (vm.count("profile") != 0) {
    opt.profile = sohoa::gen::parse_profile(profile);
  }
  if (vm.count("formats") != 0) {
    opt.formats = parse_formats(formats);
  }
  opt.layouts = sohoa::gen::parse_layout_set(layouts);
  opt.scan_conditions = !no_scan_conditions;
  opt.forced_conditions = sohoa::gen::parse_condition_list(forced_conditions);
  if (opt.formats.empty() || opt.dossiers < 0 || opt.dpi < 50 || opt.dpi > 1200) {
    throw std::invalid_argument("--formats must name a format; --dossiers >= 0; --dpi 50-1200");
  }
  const int docs = sohoa::gen::generate_set(opt);
  std::cout << "sohoa-gen: " << docs << " documents in " << opt.dossiers
            << (opt.bad_inputs ? " dossiers + bad-inputs" : " dossiers") << " under "
            << opt.out.string() << "\n";
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  return sohoa::tools::run_tool("sohoa-gen", k_usage, run, argc, argv);
}
