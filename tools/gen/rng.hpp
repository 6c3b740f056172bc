#pragma once
// Deterministic random numbers for the generator. The std:: distributions differ
// between standard libraries, so every distribution is implemented here on top of
// std::mt19937_64, whose sequence the standard fixes.
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace sohoa::gen {

class Rng {
public:
  explicit Rng(std::uint64_t seed);

  std::uint64_t next() { return m_engine(); }
  // Uniform integer in [lo, hi], both inclusive.
  std::int64_t uniform_int(std::int64_t lo, std::int64_t hi);
  int range(int lo, int hi) { return static_cast<int>(uniform_int(lo, hi)); }
  // Uniform double in [0, 1).
  double uniform();
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  bool chance(double p) { return uniform() < p; }
  // Standard normal (Box-Muller).
  double normal();
  // A child generator whose stream depends only on this one's seed and the salt,
  // so adding draws in one dossier never shifts the next dossier.
  Rng fork(std::uint64_t salt) const;

  template <typename T> const T& pick(const std::vector<T>& items) {
    if (items.empty()) {
      throw std::logic_error("Rng::pick on an empty list");
    }
    return items[static_cast<std::size_t>(
        uniform_int(0, static_cast<std::int64_t>(items.size()) - 1))];
  }

private:
  std::uint64_t m_seed;
  std::mt19937_64 m_engine;
};

// SplitMix64 finalizer: spreads nearby seeds apart.
std::uint64_t mix64(std::uint64_t x);

} // namespace sohoa::gen
