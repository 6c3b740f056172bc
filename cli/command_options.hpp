#pragma once
// Command-line parsing shared by the sub-commands.
#include <boost/program_options.hpp>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sohoa::cli {

// Bad usage: printed as is, exit code 2.
class UsageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// The parsed options, or nothing when --help was asked for (the help is printed
// before the required options are checked, so `sohoa X --help` always works).
std::optional<boost::program_options::variables_map>
parse(const boost::program_options::options_description& visible,
      const boost::program_options::positional_options_description& positional,
      const std::vector<std::string>& args);

// Every value of a repeatable path option, in order; none when it was not given.
std::vector<std::filesystem::path> paths_of(const boost::program_options::variables_map& vm,
                                            const char* name);

// Throws UsageError(message) unless every one of `names` was given.
void require_options(const boost::program_options::variables_map& vm,
                     std::initializer_list<const char*> names, const std::string& message);

} // namespace sohoa::cli
