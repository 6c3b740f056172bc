#pragma once
// Facts fixed at configure time. They live in one generated translation unit
// (build_info.cpp.in) so that a version bump or another checkout folder rebuilds
// one file, not every target.
#include <string>

namespace sohoa {

// The software version, from the project() call in CMakeLists.txt.
const std::string& software_version();
// The source tree the binary was built from (schemas/ is found there before install).
const std::string& source_dir();
// <install prefix>/share/sohoa, as configured (the data of an installed binary).
const std::string& install_data_dir();

} // namespace sohoa
