#pragma once
// Command-line parsing shared by the tools (sohoa-gen, sohoa-score).
#include <boost/program_options.hpp>
#include <iostream>
#include <stdexcept>

namespace sohoa::tools {

// Parses argv into vm. Returns false when --help was asked (usage printed);
// throws std::invalid_argument on a bad command line (the tools exit 2 on it).
inline bool parse_options(int argc, char** argv,
                          const boost::program_options::options_description& options,
                          const char* usage, boost::program_options::variables_map& vm) {
  namespace po = boost::program_options;
  try {
    po::store(po::parse_command_line(argc, argv, options), vm);
    if (vm.count("help") != 0) {
      std::cout << usage;
      return false;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw std::invalid_argument(e.what());
  }
  return true;
}

// Runs a tool's body: a bad command line prints the usage and exits 2, any other
// failure exits 1, both with the tool's name in front of the message.
inline int run_tool(const char* name, const char* usage, int (*body)(int, char**), int argc,
                    char** argv) {
  try {
    return body(argc, argv);
  } catch (const std::invalid_argument& e) {
    std::cerr << name << ": error: " << e.what() << "\n" << usage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << name << ": error: " << e.what() << "\n";
    return 1;
  }
}

} // namespace sohoa::tools
