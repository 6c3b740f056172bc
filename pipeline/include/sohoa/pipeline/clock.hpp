#pragma once
#include <chrono>
#include <string>

namespace sohoa::pipeline {

// Wall-clock time as ISO 8601 with the local offset, e.g. 2026-11-22T09:32:05+07:00.
// In deterministic mode (tests) a fixed instant, so outputs compare byte for byte.
std::string iso_now(bool deterministic);

// Milliseconds elapsed since start, for the timings of the batch report.
class Stopwatch {
public:
  Stopwatch() : m_start(std::chrono::steady_clock::now()) {}
  double elapsed_ms() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start)
        .count();
  }

private:
  std::chrono::steady_clock::time_point m_start;
};

} // namespace sohoa::pipeline
