#include "command_options.hpp"
#include <iostream>

namespace sohoa::cli {
namespace po = boost::program_options;

std::optional<po::variables_map> parse(const po::options_description& visible,
                                       const po::positional_options_description& positional,
                                       const std::vector<std::string>& args) {
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(visible).positional(positional).run(), vm);
  if (vm.count("help")) {
    std::cout << visible << '\n';
    return std::nullopt;
  }
  po::notify(vm);
  return vm;
}

std::vector<std::filesystem::path> paths_of(const po::variables_map& vm, const char* name) {
  std::vector<std::filesystem::path> out;
  if (vm.count(name)) {
    for (const auto& value : vm[name].as<std::vector<std::string>>()) {
      out.emplace_back(value);
    }
  }
  return out;
}

void require_options(const po::variables_map& vm, std::initializer_list<const char*> names,
                     const std::string& message) {
  for (const char* name : names) {
    if (!vm.count(name)) {
      throw UsageError(message);
    }
  }
}

} // namespace sohoa::cli
