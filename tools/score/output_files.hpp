#pragma once
// Reading a set's output files where one may be missing or damaged: the tools score
// or dump what is there and count the rest as not read.
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace sohoa::score {

// The file's bytes, or nothing when it cannot be opened.
std::optional<std::string> read_file_if_present(const std::filesystem::path& path);

// The file parsed as JSON, or nothing when it is missing or not JSON.
std::optional<nlohmann::json> read_json_if_valid(const std::filesystem::path& path);

} // namespace sohoa::score
