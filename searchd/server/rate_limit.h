#pragma once
// Token buckets per caller (an API key, a proxy user or a client address):
// `rate` requests per second on average, bursts up to `burst`.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tracuu::searchd::server {

/// A limit: `rate` tokens per second, at most `burst` saved up. rate 0 = unlimited.
struct RateLimit {
  double rate = 0;
  double burst = 0;  ///< 0: twice the rate (at least 1)
};

/// Thread-safe token buckets keyed by caller. One per server, passed in.
class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  /// Takes one token from `caller`'s bucket under `limit`.
  /// @return 0 when allowed, else the whole seconds (>= 1) until a token is available (Retry-After).
  unsigned take(const std::string& caller, const RateLimit& limit, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  static constexpr std::size_t kMaxBuckets = 100000;  ///< full buckets are dropped beyond this
  void prune(Clock::time_point now, const RateLimit& limit);
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace tracuu::searchd::server
