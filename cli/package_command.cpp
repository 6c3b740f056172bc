#include "package_command.hpp"
#include "command_options.hpp"

#include "sohoa/archive/package.hpp"
#include "sohoa/core/clock.hpp"

#include <boost/program_options.hpp>

#include <cstdlib>
#include <iostream>

namespace sohoa::cli {

namespace po = boost::program_options;

int package_command(const std::vector<std::string>& args) {
  po::options_description main("sohoa package OUT/<dossier_id> --out SIP_DIR [--format eark]\n"
                               "sohoa package --check SIP_DIR");
  main.add_options()("help,h", "this help")("dossier", po::value<std::string>(),
                                            "a dossier's output folder of a complete run")(
      "out,o", po::value<std::string>(), "the package folder to create (absent or empty)")(
      "format", po::value<std::string>()->default_value("eark"), "eark: E-ARK CSIP/SIP")(
      "check", po::value<std::string>(), "check a package: checksums, listed files, schemas")(
      "xsd", po::value<std::string>(), "folder of the METS/PREMIS schemas (default: bundled)");
  po::positional_options_description positional;
  positional.add("dossier", 1);
  const auto parsed = parse(main, positional, args);
  if (!parsed) {
    return 0;
  }
  const po::variables_map& vm = *parsed;
  const std::filesystem::path xsd =
      archive::resolve_xsd_dir(vm.count("xsd") ? vm["xsd"].as<std::string>() : std::string());
  if (vm.count("check")) {
    if (vm.count("dossier") || vm.count("out")) {
      throw po::error("--check takes only the package folder");
    }
    const std::filesystem::path sip = vm["check"].as<std::string>();
    const auto problems = archive::check_eark_sip(sip, xsd);
    for (const auto& p : problems) {
      std::cout << p.file << ": " << p.code << ": " << p.message << '\n';
    }
    std::cout << (problems.empty() ? "package ok: " : "package has problems: ") << sip.string()
              << '\n';
    return problems.empty() ? 0 : 1;
  }
  require_options(vm, {"dossier", "out"}, "package needs OUT/<dossier_id> and --out SIP_DIR");
  if (vm["format"].as<std::string>() != "eark") {
    throw po::error("--format takes eark");
  }
  const char* env = std::getenv("SOHOA_DETERMINISTIC");
  const bool deterministic = env != nullptr && std::string(env) == "1";
  archive::PackageOptions options;
  options.dossier_dir = vm["dossier"].as<std::string>();
  options.sip_dir = vm["out"].as<std::string>();
  options.created_at = to_iso8601(run_clock(deterministic).now());
  const auto summary = archive::write_eark_sip(options);
  std::cout << "package " << summary.file_code << ": " << summary.documents << " documents, "
            << summary.files << " files in " << options.sip_dir.string() << '\n';
  return 0;
}

} // namespace sohoa::cli
