#pragma once
// The include rules of the source tree (docs/ARCHITECTURE.md, "Boundaries"): which
// folder may see which third-party library, which stage may include which other
// stage's public headers, and that a stage includes another stage only through
// sohoa/<stage>/. The compiler and the linker enforce part of this (a stage's
// private headers are not on anyone else's include path, third-party libraries are
// linked PRIVATE); system headers are visible to everyone, so this check does the rest.
#include <filesystem>
#include <string>
#include <vector>

namespace sohoa::boundaries {

struct Violation {
  std::filesystem::path file; // relative to the source root
  int line = 0;
  std::string include; // the header as written
  std::string rule;    // which rule it breaks, in words
};

// Every violation under source_root (stage folders and cli/; tests, tools and fuzz
// are white-box and not checked), in file order.
std::vector<Violation> check_tree(const std::filesystem::path& source_root);

// "file:line: #include <x>: rule" for messages.
std::string describe(const Violation& v);

} // namespace sohoa::boundaries
