#include "support/scratch.hpp"

namespace sohoa::test {

std::filesystem::path sohoa_binary() { return SOHOA_TEST_BINARY; }
std::filesystem::path generator_binary() { return SOHOA_TEST_GENERATOR; }
std::filesystem::path source_dir() { return SOHOA_TEST_SOURCE_DIR; }

} // namespace sohoa::test
