#include "support/scratch.hpp"

namespace sohoa::test {

std::filesystem::path sohoa_binary() {
  return SOHOA_TEST_BINARY;
}
std::filesystem::path generator_binary() {
  return SOHOA_TEST_GENERATOR;
}
std::filesystem::path source_dir() {
  return SOHOA_TEST_SOURCE_DIR;
}
std::filesystem::path build_dir() {
  return SOHOA_TEST_BUILD_DIR;
}
std::filesystem::path cmake_command() {
  return SOHOA_TEST_CMAKE;
}

} // namespace sohoa::test
