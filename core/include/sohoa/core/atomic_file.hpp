#pragma once
// Outputs appear whole or not at all: write beside the target, fsync, rename.
// Every failure is an Error(Stage::output, ...) whose message names the final file
// (never the temp file) and the system's reason ("No space left on device").
#include <filesystem>
#include <string_view>

namespace sohoa {

// Writes bytes to path atomically (temp file in the same folder, fsync, rename,
// fsync of the folder). Throws Error(Stage::output) on failure.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

// Writes bytes to `file` (created or truncated) and fsyncs it; on failure removes it
// and throws Error(Stage::output, "write_failed"). For a temp path the error names the
// file it stands for.
void write_file_bytes(const std::filesystem::path& file, std::string_view bytes);

// A temporary path beside target for tools that write files themselves; move it
// into place with commit_file_atomic. The name never collides with outputs.
std::filesystem::path temp_path_for(const std::filesystem::path& target);
void commit_file_atomic(const std::filesystem::path& temp, const std::filesystem::path& target);

// The target a temp_path_for name stands for; any other path unchanged.
std::filesystem::path final_path_for(const std::filesystem::path& path);

std::string read_file(const std::filesystem::path& path);

} // namespace sohoa
