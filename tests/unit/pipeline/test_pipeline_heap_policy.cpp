// The workers' heap policy: page-sized buffers stay for the next page, and the
// resident size is trimmed back once it grew past the allowance.
#include "pipeline/heap_policy.hpp"
#include <doctest/doctest.h>

#include <cstring>
#include <memory>
#include <vector>

using sohoa::pipeline::bound_heap_for_workers;
using sohoa::pipeline::resident_bytes;
using sohoa::pipeline::return_free_heap_if_grown;

namespace {

constexpr std::size_t k_mb = std::size_t{1} << 20;

// A buffer of a greyscale A4 page at 300 dpi, every page of it touched.
std::unique_ptr<char[]> touched_page_buffer() {
  constexpr std::size_t size = 9 * k_mb;
  auto buffer = std::make_unique<char[]>(size);
  std::memset(buffer.get(), 1, size);
  return buffer;
}

} // namespace

TEST_CASE("resident size is read") {
  CHECK(resident_bytes() > k_mb);
}

TEST_CASE("a freed page buffer stays resident for the next page; growth past the allowance "
          "is given back") {
  bound_heap_for_workers(2);
  const std::size_t start = resident_bytes();
  touched_page_buffer().reset();
  // Under the mmap threshold: the freed block is kept in the arena, not unmapped.
  CHECK(resident_bytes() >= start + 8 * k_mb);
  return_free_heap_if_grown(); // 9 MB is within the allowance: kept
  CHECK(resident_bytes() >= start + 8 * k_mb);

  // Twenty pages' buffers at once, all freed in an order that leaves holes below
  // the arena's top: only a trim gives them back.
  std::vector<std::unique_ptr<char[]>> pages;
  for (int i = 0; i < 20; ++i) {
    pages.push_back(touched_page_buffer());
  }
  auto last = std::move(pages.back());
  pages.clear();
  const std::size_t grown = resident_bytes();
  CHECK(grown >= start + 150 * k_mb);
  return_free_heap_if_grown();
  CHECK(resident_bytes() + 100 * k_mb < grown);
}
