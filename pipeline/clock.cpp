#include "sohoa/pipeline/clock.hpp"
#include <ctime>

namespace sohoa::pipeline {

std::string iso_now(bool deterministic) {
  if (deterministic) {
    return "2026-01-01T08:00:00+07:00";
  }
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &local);
  char offset[8];
  std::strftime(offset, sizeof offset, "%z", &local);  // +0700
  std::string out = stamp;
  const std::string z = offset;
  out += z.size() == 5 ? z.substr(0, 3) + ":" + z.substr(3) : std::string("+00:00");
  return out;
}

} // namespace sohoa::pipeline
