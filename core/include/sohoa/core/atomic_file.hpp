#pragma once
// Outputs appear whole or not at all: write beside the target, fsync, rename.
// The temp-file rule lives here alone: a temp is named ".<target name>.tmp-<pid>-<n>"
// in the target's folder (same file system, so the rename is atomic; hidden, and
// never the name of an output), and only names of that form are ever cleaned up.
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

// True when path's name is one temp_path_for makes.
bool is_temp_path(const std::filesystem::path& path);

// Removes the temp files and folders (temp_path_for's names) directly in dir: what
// a killed writer left behind. Nothing else is touched; errors are ignored.
void remove_temp_files(const std::filesystem::path& dir);

// A temp file or folder beside target, removed with its contents when the scope ends
// unless commit() moved it into place: a failure never leaves half a result behind.
class TempBeside {
public:
  explicit TempBeside(const std::filesystem::path& target)
      : m_target(target), m_temp(temp_path_for(target)) {}
  TempBeside(const TempBeside&) = delete;
  TempBeside& operator=(const TempBeside&) = delete;
  ~TempBeside();

  const std::filesystem::path& path() const { return m_temp; }
  // A file goes in with commit_file_atomic, a folder by rename(2) and an fsync of
  // the parent folder. Throws Error(Stage::output, "write_failed").
  void commit();

private:
  std::filesystem::path m_target;
  std::filesystem::path m_temp;
  bool m_committed = false;
};

std::string read_file(const std::filesystem::path& path);

} // namespace sohoa
