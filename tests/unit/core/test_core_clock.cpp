#include "sohoa/core/clock.hpp"
#include <doctest/doctest.h>

#include <regex>

using namespace sohoa;
using namespace std::chrono;

TEST_CASE("an instant shows as ISO 8601 in its own offset") {
  CHECK(to_iso8601(k_deterministic_instant) == "2026-01-01T08:00:00+07:00");
  // The same moment in UTC, and west of Greenwich across a day and a year boundary.
  CHECK(to_iso8601({k_deterministic_instant.utc, minutes{0}}) == "2026-01-01T01:00:00+00:00");
  CHECK(to_iso8601({k_deterministic_instant.utc, -minutes{150}}) == "2025-12-31T22:30:00-02:30");
  // A leap day.
  const Timestamp leap{sys_days{year{2024} / February / 29} + hours{23} + minutes{59} + seconds{7},
                       minutes{0}};
  CHECK(to_iso8601(leap) == "2024-02-29T23:59:07+00:00");
  CHECK(unix_seconds(k_deterministic_instant) == 1767229200);
}

TEST_CASE("the run clock: one fixed instant in deterministic mode, the system's time otherwise") {
  const Clock& fixed = run_clock(true);
  CHECK(fixed.now() == k_deterministic_instant);
  CHECK(fixed.now() == fixed.now());
  CHECK(&run_clock(true) == &fixed); // one clock for the whole program

  const auto before = floor<seconds>(system_clock::now());
  const Timestamp now = run_clock(false).now();
  const auto after = system_clock::now();
  CHECK(now.utc >= before);
  CHECK(now.utc <= after);
  CHECK(std::regex_match(to_iso8601(now),
                         std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d)")));
}

TEST_CASE("a fixed clock gives what it was set to") {
  const Timestamp set{sys_days{year{2026} / November / 22} + hours{2}, hours{7}};
  const FixedClock clock(set);
  CHECK(to_iso8601(clock.now()) == "2026-11-22T09:00:00+07:00");
}
