#pragma once
// How the worker threads' heap gives memory back. Page images are large and short
// lived (tens of MB each, freed within the page), and the next page needs buffers of
// the same sizes. Handing them back to the system after every page (each buffer
// mmapped, the heap trimmed per page) made the kernel map and zero every buffer again:
// about a quarter of a run's CPU time went to page faults and munmap. The policy
// below keeps the freed buffers for the next page and trims only when the resident
// size has grown by a bounded amount since the last trim, so it stays flat.

#include <cstddef>

namespace sohoa::pipeline {

// Call once, before the worker threads start: page-sized blocks come from a bounded
// number of arenas (one per worker and one for the main thread) and are reused.
void bound_heap_for_workers(int workers);

// After a page or a document: returns the heap's free pages to the system when the
// resident size grew by more than an allowance since the last trim (or the start).
void return_free_heap_if_grown();

// Returns the heap's free pages to the system now: after a page's MRC split, whose
// buffers (the largest of a page) would otherwise stay in each worker's arena, two
// splits' worth although splits run one at a time.
void trim_heap();

// The process's resident size in bytes (/proc/self/statm), 0 when unreadable.
std::size_t resident_bytes();

} // namespace sohoa::pipeline
