#pragma once
// Outputs appear whole or not at all: write beside the target, fsync, rename.
#include <filesystem>
#include <string_view>

namespace sohoa {

// Writes bytes to path atomically (temp file in the same folder, fsync, rename,
// fsync of the folder). Throws Error(Stage::output) on failure.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

// A temporary path beside target for tools that write files themselves; move it
// into place with commit_file_atomic. The name never collides with outputs.
std::filesystem::path temp_path_for(const std::filesystem::path& target);
void commit_file_atomic(const std::filesystem::path& temp, const std::filesystem::path& target);

std::string read_file(const std::filesystem::path& path);

} // namespace sohoa
