#pragma once
// The one source of wall-clock time. Every timestamp a run writes (records, manifest,
// PDF dates, batch report, signing time) comes from a Clock handed down from the
// command, so deterministic mode can give one instant everywhere.
#include <chrono>
#include <string>

namespace sohoa {

// A moment and the UTC offset it is shown in.
struct Timestamp {
  std::chrono::sys_seconds utc{};
  std::chrono::minutes offset{0};

  friend bool operator==(const Timestamp&, const Timestamp&) = default;
};

// ISO 8601 with the offset: 2026-11-22T09:32:05+07:00.
std::string to_iso8601(const Timestamp& t);

// Seconds since 1970-01-01T00:00:00Z, as signatures store their time.
inline long long unix_seconds(const Timestamp& t) {
  return static_cast<long long>(t.utc.time_since_epoch().count());
}

class Clock {
public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

// The machine's time in its local offset.
class SystemClock final : public Clock {
public:
  Timestamp now() const override;
};

// Always the same instant: byte-for-byte reproducible output.
class FixedClock final : public Clock {
public:
  explicit FixedClock(Timestamp instant) : m_instant(instant) {}
  Timestamp now() const override { return m_instant; }

private:
  Timestamp m_instant;
};

// The instant of deterministic mode (SOHOA_DETERMINISTIC=1): 2026-01-01T08:00:00+07:00.
inline constexpr Timestamp k_deterministic_instant{
    std::chrono::sys_seconds{std::chrono::seconds{1767229200}}, std::chrono::hours{7}};

// The clock of a run: the system clock, or in deterministic mode a fixed clock at
// k_deterministic_instant. Both live for the whole program.
const Clock& run_clock(bool deterministic);

// Milliseconds elapsed since start, for the timings of the batch report. Monotonic,
// so not a Clock: durations are never written as instants.
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

} // namespace sohoa
