#include "sohoa/core/clock.hpp"

#include <cstdio>
#include <ctime>

namespace sohoa {

std::string to_iso8601(const Timestamp& t) {
  using namespace std::chrono;
  const auto local = t.utc + t.offset;
  const auto day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> time{local - day};
  const long offset = t.offset.count() < 0 ? -t.offset.count() : t.offset.count();
  // Room for the widest values the types allow (101 bytes), which GCC checks for
  // when the sanitizers keep it from narrowing the ranges.
  char text[112];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02ld:%02ld:%02lld%c%02ld:%02ld",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long>(time.hours().count()),
                static_cast<long>(time.minutes().count()),
                static_cast<long long>(time.seconds().count()), t.offset.count() < 0 ? '-' : '+',
                offset / 60, offset % 60);
  return text;
}

Timestamp SystemClock::now() const {
  using namespace std::chrono;
  const auto utc = floor<seconds>(system_clock::now());
  const std::time_t seconds_since_epoch = system_clock::to_time_t(utc);
  std::tm local{};
  localtime_r(&seconds_since_epoch, &local);
  return {utc, duration_cast<minutes>(seconds{local.tm_gmtoff})};
}

const Clock& run_clock(bool deterministic) {
  static const SystemClock system;
  static const FixedClock fixed{k_deterministic_instant};
  if (deterministic) {
    return fixed;
  }
  return system;
}

} // namespace sohoa
