#include "sohoa/core/data_dir.hpp"
#include "sohoa/core/build_info.hpp"

namespace sohoa {
namespace fs = std::filesystem;

fs::path current_executable() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe;
}

fs::path find_data_dir(const std::string& name, const fs::path& executable) {
  std::error_code ec;
  if (!executable.empty()) {
    const fs::path installed = executable.parent_path().parent_path() / "share" / "sohoa" / name;
    if (fs::is_directory(installed, ec)) {
      return installed;
    }
  }
  const fs::path built_from = fs::path(source_dir()) / name;
  if (fs::is_directory(built_from, ec)) {
    return built_from;
  }
  return fs::path(install_data_dir()) / name;
}

fs::path find_data_dir(const std::string& name) {
  return find_data_dir(name, current_executable());
}

} // namespace sohoa
