#include "tools/gen/rng.hpp"

#include <cmath>
#include <limits>

namespace sohoa::gen {

std::uint64_t mix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

Rng::Rng(std::uint64_t seed) : m_seed(seed), m_engine(mix64(seed)) {}

std::int64_t Rng::uniform_int(std::int64_t lo, std::int64_t hi) {
  if (hi <= lo) {
    return lo;
  }
  const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
  // Rejection sampling keeps every value equally likely.
  const std::uint64_t limit =
      std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % span;
  std::uint64_t draw = m_engine();
  while (draw >= limit) {
    draw = m_engine();
  }
  return lo + static_cast<std::int64_t>(draw % span);
}

double Rng::uniform() {
  return static_cast<double>(m_engine() >> 11) * 0x1.0p-53;
}

double Rng::normal() {
  double u1 = uniform();
  while (u1 <= 1e-300) {
    u1 = uniform();
  }
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

Rng Rng::fork(std::uint64_t salt) const {
  return Rng(mix64(m_seed ^ mix64(salt + 1)));
}

} // namespace sohoa::gen
