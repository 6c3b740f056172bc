#include "heap_policy.hpp"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <malloc.h>
#include <unistd.h>

namespace sohoa::pipeline {
namespace {
// Buffers under this (masks, analysis images, Tesseract's working images, small
// pages) are served from the arenas and reused; full pages and the MRC split's
// buffers are still mmapped (kept in arenas up to 32 MB, they raised a run's peak by
// about fifty MB). A fixed threshold also turns off glibc's sliding one.
constexpr int k_mmap_threshold_bytes = 8 << 20;
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

void trim_heap() {
  malloc_trim(0);
  g_resident_after_trim = resident_bytes();
}

void return_free_heap_if_grown() {
  if (resident_bytes() > g_resident_after_trim + k_regrowth_allowance_bytes) {
    trim_heap();
  }
}

} // namespace sohoa::pipeline
