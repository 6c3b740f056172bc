#include "heap_policy.hpp"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <malloc.h>
#include <unistd.h>

namespace sohoa::pipeline {
namespace {
// glibc's largest mmap threshold: a colour A4 page at 300 dpi (26 MB) and the OCR
// and MRC buffers derived from it are served from the arenas and reused. A fixed
// threshold also turns off glibc's sliding one.
constexpr int k_mmap_threshold_bytes = 32 << 20;
// Freed space at an arena's top is kept up to this: the next page allocates it again.
constexpr int k_trim_threshold_bytes = 16 << 20;
// Resident growth since the last trim that triggers one. About what one worker's
// page holds at its peak: the buffers kept for reuse cost no more than one more page
// in flight, and the resident size cannot creep page after page.
constexpr std::size_t k_regrowth_allowance_bytes = std::size_t{48} << 20;

std::atomic<std::size_t> g_resident_after_trim{0};
} // namespace

void bound_heap_for_workers(int workers) {
  mallopt(M_MMAP_THRESHOLD, k_mmap_threshold_bytes);
  mallopt(M_TRIM_THRESHOLD, k_trim_threshold_bytes);
  // One arena for the main thread and one per worker: threads never wait on a lock
  // a third one holds, and no arena is made that only ever holds one page's garbage.
  mallopt(M_ARENA_MAX, std::max(1, workers) + 1);
  g_resident_after_trim = resident_bytes();
}

std::size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t size_pages = 0;
  std::size_t resident_pages = 0;
  if (!(statm >> size_pages >> resident_pages)) {
    return 0;
  }
  return resident_pages * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

void return_free_heap_if_grown() {
  const std::size_t resident = resident_bytes();
  if (resident > g_resident_after_trim + k_regrowth_allowance_bytes) {
    malloc_trim(0);
    g_resident_after_trim = resident_bytes();
  }
}

} // namespace sohoa::pipeline
