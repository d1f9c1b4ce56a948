#pragma once
// A small deterministic random generator (splitmix64): the same seed gives the
// same corpus on every machine and standard library, unlike std::distributions.

#include <cstdint>
#include <string_view>

namespace tracuu::bench::gen {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  /// The generator for item `index` of stream `seed`: items can be made in any order.
  static Rng for_item(std::uint64_t seed, std::uint64_t index) {
    return Rng(mix(seed * 0x9E3779B97F4A7C15ULL + index));
  }

  std::uint64_t next() { return mix(state_ += 0x9E3779B97F4A7C15ULL); }
  /// Uniform in [0, n).
  std::size_t below(std::size_t n) { return n ? static_cast<std::size_t>(next() % n) : 0; }
  /// Uniform in [lo, hi].
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1))); }
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }
  template <typename C>
  const auto& pick(const C& c) {
    return c[below(c.size())];
  }

 private:
  static std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint64_t state_;
};

}  // namespace tracuu::bench::gen
