// The workers' heap policy: the resident size is read, and a freed buffer followed by
// the after-page check leaves it no larger than one buffer above where it was.
#include "pipeline/heap_policy.hpp"
#include <doctest/doctest.h>

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
  volatile char* bytes = buffer.get(); // stores the compiler may not drop
  for (std::size_t at = 0; at < size; at += 4096) {
    bytes[at] = 1;
  }
  return buffer;
}

// Under AddressSanitizer malloc is ASan's, which keeps freed blocks in quarantine: the
// glibc policy under test is not in play there.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool k_glibc_malloc = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool k_glibc_malloc = false;
#else
constexpr bool k_glibc_malloc = true;
#endif
#else
constexpr bool k_glibc_malloc = true;
#endif

} // namespace

TEST_CASE("resident size is read") {
  CHECK(resident_bytes() > k_mb);
}

TEST_CASE("a trim after growth past the allowance leaves the resident size no larger" *
          doctest::skip(!k_glibc_malloc)) {
  bound_heap_for_workers(2);
  const std::size_t before = resident_bytes();
  touched_page_buffer().reset();
  return_free_heap_if_grown();
  CHECK(resident_bytes() > 0);
  CHECK(resident_bytes() <= before + 4 * k_mb);
}
