#include "sohoa/core/timing_span.hpp"
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <unistd.h>

namespace {

// What `body` writes to stderr, through a temp file standing in for fd 2.
template <typename Body> std::string captured_stderr(Body body) {
  char path[] = "/tmp/sohoa-timing-span-XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  std::fflush(stderr);
  const int saved = dup(2);
  dup2(fd, 2);
  body();
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  close(fd);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::remove(path);
  return text.str();
}

} // namespace

TEST_CASE("with SOHOA_TIMINGS set, a span prints its name, wall and CPU milliseconds once") {
  // Read once per process: set before the first span of this test binary.
  setenv("SOHOA_TIMINGS", "1", 1);
  REQUIRE(sohoa::timing_spans_enabled());
  const std::string out = captured_stderr([] {
    sohoa::TimingSpan span("test.busy");
    volatile double sink = 0;
    for (int i = 0; i < 20000000; ++i) {
      sink = sink + i * 0.5;
    }
  });
  const std::regex line(R"(sohoa-timing test\.busy ([0-9]+\.[0-9]) ([0-9]+\.[0-9])\n)");
  std::smatch m;
  REQUIRE(std::regex_match(out, m, line));
  CHECK(std::stod(m[1]) >= 0.0);
  CHECK(std::stod(m[2]) > 0.0); // the loop burnt CPU on this thread
}
