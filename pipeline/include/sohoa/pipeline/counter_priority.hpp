#pragma once
// Counter work before archive work on one machine. A counter dossier (serve, scan)
// holds a shared lock on one machine-wide file while it runs; batch workers (run,
// watch) take that file's exclusive lock for an instant between pages, so they wait
// while any counter dossier is in progress and go on the moment it is done.
// flock(2) locks are released by the kernel when a process dies: a killed server
// never blocks the batch.
#include <filesystem>

namespace sohoa::pipeline {

// $SOHOA_PRIORITY_LOCK, else <temp dir>/sohoa-counter-priority.lock.
std::filesystem::path counter_priority_lock_path();

// Held by the counter for the time one of its dossiers is being worked on.
class CounterTurn {
public:
  explicit CounterTurn(const std::filesystem::path& lock_file = counter_priority_lock_path());
  ~CounterTurn();
  CounterTurn(const CounterTurn&) = delete;
  CounterTurn& operator=(const CounterTurn&) = delete;

private:
  int m_fd = -1;
};

// Called by batch workers between pages: returns at once when no counter dossier
// is in progress, else when the last one ends. Never throws: a lock file that
// cannot be opened means no counter can hold it either.
void yield_to_counter(const std::filesystem::path& lock_file = counter_priority_lock_path());

} // namespace sohoa::pipeline
