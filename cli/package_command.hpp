#pragma once
// `sohoa package`: E-ARK submission packages of dossier outputs (CONTRACT.md section 7).
#include <string>
#include <vector>

namespace sohoa::cli {

// Exit 0 written or checked clean, 1 a package check found problems; bad usage
// throws boost::program_options::error, a failure sohoa::Error (both exit 2).
int package_command(const std::vector<std::string>& args);

} // namespace sohoa::cli
