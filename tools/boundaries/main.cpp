// sohoa-check-includes [SOURCE_ROOT]: prints every include that breaks the
// boundaries of docs/ARCHITECTURE.md; exit 1 if there is one.
#include "tools/boundaries/include_rules.hpp"
#include <iostream>

int main(int argc, char** argv) {
  const std::filesystem::path root = argc > 1 ? argv[1] : ".";
  if (!std::filesystem::is_directory(root / "core")) {
    std::cerr << "sohoa-check-includes: " << root << " is not the sohoa source root\n";
    return 2;
  }
  const auto violations = sohoa::boundaries::check_tree(root);
  for (const auto& v : violations) {
    std::cout << sohoa::boundaries::describe(v) << '\n';
  }
  std::cout << violations.size() << " include boundary violation(s)\n";
  return violations.empty() ? 0 : 1;
}
