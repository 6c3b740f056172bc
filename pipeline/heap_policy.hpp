#pragma once
// How the worker threads' heap gives memory back. Page images are large and short
// lived (tens of MB each, freed within the page): glibc's default keeps such freed
// blocks in per-thread arenas and raises its mmap threshold after each one, so the
// resident size grows well past what is in use. The policy below keeps it close.

namespace sohoa::pipeline {

// Call once, before the worker threads start: large blocks are mmapped (returned
// to the system when freed) and the threads share a bounded number of arenas.
void bound_heap_for_workers(int workers);

// Returns the heap's free pages to the system: after a document, whose pages left
// their buffers behind.
void return_free_heap();

} // namespace sohoa::pipeline
