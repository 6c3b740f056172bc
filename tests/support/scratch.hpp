#pragma once
// A fresh folder per test case, removed afterwards unless SOHOA_KEEP_SCRATCH is set.
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

namespace sohoa::test {

class ScratchDir {
public:
  explicit ScratchDir(const std::string& name = "case") {
    std::random_device rd;
    m_path = std::filesystem::temp_directory_path() /
             ("sohoa-test-" + name + "-" + std::to_string(rd()));
    std::filesystem::create_directories(m_path);
  }
  ~ScratchDir() {
    if (std::getenv("SOHOA_KEEP_SCRATCH") == nullptr) {
      std::error_code ec;
      std::filesystem::remove_all(m_path, ec);
    }
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
  std::filesystem::path m_path;
};

// Paths the build passes to tests: the binary under test and the generator.
// Defined in test_paths.cpp, the one test file compiled with the build's paths.
std::filesystem::path sohoa_binary();
std::filesystem::path generator_binary();
std::filesystem::path source_dir();
std::filesystem::path build_dir();
std::filesystem::path cmake_command();

} // namespace sohoa::test
