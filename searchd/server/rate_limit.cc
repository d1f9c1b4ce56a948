#include "searchd/server/rate_limit.h"

#include <algorithm>
#include <cmath>

namespace tracuu::searchd::server {
namespace {

double capacity(const RateLimit& l) {
  return l.burst > 0 ? l.burst : std::max(1.0, 2 * l.rate);
}

double refilled(double tokens, RateLimiter::Clock::duration elapsed, const RateLimit& l) {
  return std::min(capacity(l), tokens + std::chrono::duration<double>(elapsed).count() * l.rate);
}

}  // namespace

unsigned RateLimiter::take(const std::string& caller, const RateLimit& limit, Clock::time_point now) {
  if (limit.rate <= 0) return 0;
  std::lock_guard lock(mutex_);
  if (buckets_.size() >= kMaxBuckets) prune(now, limit);
  auto [it, fresh] = buckets_.try_emplace(caller, Bucket{capacity(limit), now});
  Bucket& b = it->second;
  if (!fresh) b.tokens = refilled(b.tokens, now - b.updated, limit);
  b.updated = std::max(b.updated, now);
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return 0;
  }
  return static_cast<unsigned>(std::max(1.0, std::ceil((1 - b.tokens) / limit.rate)));
}

void RateLimiter::prune(Clock::time_point now, const RateLimit& limit) {
  // A bucket that has refilled holds no state worth keeping: a new caller starts full too.
  std::erase_if(buckets_, [&](const auto& e) {
    return refilled(e.second.tokens, now - e.second.updated, limit) >= capacity(limit);
  });
}

}  // namespace tracuu::searchd::server
