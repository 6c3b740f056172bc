#pragma once
// Where the binary finds the data it reads at run time (schemas/, ...).
#include <filesystem>
#include <string>

namespace sohoa {

// The folder `name` of sohoa's data, looked for in this order:
//   1. <folder of the executable>/../share/sohoa/<name>  (an installed tree, wherever put)
//   2. <source tree the binary was built from>/<name>      (a build tree)
//   3. <configured install prefix>/share/sohoa/<name>
// The first that exists is returned; when none does, the third (so that the error
// names where it was expected).
std::filesystem::path find_data_dir(const std::string& name);

// The same search with the executable's path given (for tests).
std::filesystem::path find_data_dir(const std::string& name,
                                    const std::filesystem::path& executable);

// The running executable (/proc/self/exe), empty when it cannot be read.
std::filesystem::path current_executable();

} // namespace sohoa
