#pragma once
// Where a page's time goes, for profiling: with SOHOA_TIMINGS=1 in the environment
// every span prints, when it ends, one line to stderr:
//   sohoa-timing <name> <wall ms> <thread CPU ms>
// Thread CPU time is the figure to compare on a loaded machine, where wall time
// mostly measures the other processes. Without the variable a span costs one check.
#include <chrono>

namespace sohoa {

bool timing_spans_enabled();

class TimingSpan {
public:
  explicit TimingSpan(const char* name);
  ~TimingSpan();
  TimingSpan(const TimingSpan&) = delete;
  TimingSpan& operator=(const TimingSpan&) = delete;

private:
  const char* m_name;
  bool m_enabled;
  std::chrono::steady_clock::time_point m_wall_start;
  double m_cpu_start_ms = 0;
};

} // namespace sohoa
