#include "searchd/server/admission.h"

#include <algorithm>

namespace tracuu::searchd::server {

Admission::Admission(std::size_t workers, std::size_t queue_limit, std::chrono::milliseconds max_wait)
    : queue_limit_(queue_limit),
      expensive_limit_(std::max<std::size_t>(1, queue_limit / 4)),
      expensive_slots_(std::max<std::size_t>(1, std::max<std::size_t>(1, workers) - 1)),
      max_wait_(max_wait) {
  workers = std::max<std::size_t>(1, workers);
  threads_.reserve(workers);
  for (std::size_t i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
}

Admission::~Admission() {
  shutdown();
}

void Admission::shutdown() {
  stop();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

bool Admission::submit(Lane lane, Job job) {
  const bool expensive = lane == Lane::Expensive;
  {
    std::lock_guard lock(mutex_);
    auto& queue = expensive ? expensive_ : cheap_;
    // A request that can start at once never counts against the queue bound (a bound of 0 means "no waiting").
    const bool can_start = running_ + cheap_.size() < threads_.size() &&
                           (!expensive || running_expensive_ + expensive_.size() < expensive_slots_);
    if (stopping_ || (!can_start && queue.size() >= (expensive ? expensive_limit_ : queue_limit_))) {
      ++rejected_;
      return false;
    }
    queue.push_back({std::move(job), std::chrono::steady_clock::now(), expensive});
  }
  wake_.notify_one();
  return true;
}

void Admission::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
}

Admission::Stats Admission::stats() const {
  std::lock_guard lock(mutex_);
  Stats s;
  s.running = running_;
  s.queued = cheap_.size() + expensive_.size();
  s.rejected = rejected_, s.expired = expired_, s.completed = completed_;
  s.workers = threads_.size(), s.queue_limit = queue_limit_, s.expensive_limit = expensive_limit_;
  return s;
}

// Cheap requests first; an expensive one only while a worker stays free for cheap ones.
bool Admission::take(Entry& out) {
  if (!cheap_.empty()) {
    out = std::move(cheap_.front());
    cheap_.pop_front();
    return true;
  }
  if (!expensive_.empty() && running_expensive_ < expensive_slots_) {
    out = std::move(expensive_.front());
    expensive_.pop_front();
    ++running_expensive_;
    return true;
  }
  return false;
}

void Admission::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    Entry entry;
    wake_.wait(lock, [&] { return take(entry) || (stopping_ && cheap_.empty() && expensive_.empty()); });
    if (!entry.job) return;  // stopping and nothing left
    ++running_;
    const bool expired = std::chrono::steady_clock::now() - entry.queued > max_wait_;
    if (expired) ++expired_;
    lock.unlock();
    entry.job(expired);
    entry.job = nullptr;  // destroy what the job holds outside the lock
    lock.lock();
    --running_;
    if (entry.expensive) --running_expensive_;
    ++completed_;
    // A finished expensive job may let a queued expensive one start.
    if (entry.expensive && !expensive_.empty()) wake_.notify_one();
  }
}

}  // namespace tracuu::searchd::server
