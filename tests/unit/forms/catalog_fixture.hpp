#pragma once
// The catalog of the repository's schemas/, loaded once for all test cases.
#include "sohoa/forms/analyze.hpp"
#include "support/scratch.hpp"

namespace sohoa::forms::test {

inline const FormCatalog& catalog() {
  static const auto loaded = FormCatalog::load(sohoa::test::source_dir() / "schemas");
  return *loaded;
}

} // namespace sohoa::forms::test
