#include "sohoa/core/timing_span.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace sohoa {
namespace {

double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

} // namespace

bool timing_spans_enabled() {
  static const bool enabled = [] {
    const char* value = std::getenv("SOHOA_TIMINGS");
    return value != nullptr && *value != '\0' && std::strcmp(value, "0") != 0;
  }();
  return enabled;
}

TimingSpan::TimingSpan(const char* name) : m_name(name), m_enabled(timing_spans_enabled()) {
  if (m_enabled) {
    m_wall_start = std::chrono::steady_clock::now();
    m_cpu_start_ms = thread_cpu_ms();
  }
}

TimingSpan::~TimingSpan() {
  if (!m_enabled) {
    return;
  }
  const double wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_wall_start)
          .count();
  // One write per line: lines of two workers do not interleave.
  std::fprintf(stderr, "sohoa-timing %s %.1f %.1f\n", m_name, wall_ms,
               thread_cpu_ms() - m_cpu_start_ms);
}

} // namespace sohoa
