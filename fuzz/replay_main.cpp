// Runs a fuzz target without libFuzzer: feeds it every file given on the command line
// (or every file inside the folders given), so the seed corpora run as plain tests.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

int run_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "replay: cannot read " << file << "\n";
    return 1;
  }
  const std::vector<char> bytes{std::istreambuf_iterator<char>(in),
                                std::istreambuf_iterator<char>()};
  // A fresh heap copy of exactly the file's size, so ASan sees reads past its end.
  std::vector<std::uint8_t> copy(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(copy.empty() ? nullptr : copy.data(), copy.size());
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  int failures = 0;
  std::size_t inputs = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path path(argv[i]);
    if (std::filesystem::is_directory(path)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
        if (entry.is_regular_file()) {
          failures += run_file(entry.path());
          ++inputs;
        }
      }
    } else {
      failures += run_file(path);
      ++inputs;
    }
  }
  if (inputs == 0) {
    std::cerr << "replay: no inputs\n";
    return 1;
  }
  std::cout << "replay: " << inputs << " inputs, " << failures << " unreadable\n";
  return failures == 0 ? 0 : 1;
}
