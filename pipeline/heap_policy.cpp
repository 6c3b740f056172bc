#include "heap_policy.hpp"

#include <algorithm>
#include <malloc.h>

namespace sohoa::pipeline {
namespace {
// A fixed threshold also turns off glibc's sliding one, which after the first freed
// page image would serve every later one from an arena that never shrinks.
constexpr int k_mmap_threshold_bytes = 1 << 20;
// Freed space at an arena's top beyond this goes back at once.
constexpr int k_trim_threshold_bytes = 4 << 20;
} // namespace

void bound_heap_for_workers(int workers) {
  mallopt(M_MMAP_THRESHOLD, k_mmap_threshold_bytes);
  mallopt(M_TRIM_THRESHOLD, k_trim_threshold_bytes);
  // One arena for the main thread and one per worker: threads never wait on a lock
  // a third one holds, and no arena is made that only ever holds one page's garbage.
  mallopt(M_ARENA_MAX, std::max(1, workers) + 1);
}

void return_free_heap() {
  malloc_trim(0);
}

} // namespace sohoa::pipeline
