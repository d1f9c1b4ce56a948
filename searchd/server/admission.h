#pragma once
// Admission control in front of the searchers: requests that need a searcher run
// on a fixed set of worker threads, not on the I/O threads, behind two bounded
// queues. The I/O threads therefore keep accepting, reading and answering (a 503
// when a queue is full) however slow the searches are, and expensive requests can
// never take every worker: one is always left for cheap ones.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tracuu::searchd::server {

/// Which queue a request waits in.
enum class Lane {
  Inline,     ///< needs no searcher (static files, unknown routes): answered on the I/O thread
  Cheap,      ///< a short query, a document, a suggestion, /health
  Expensive,  ///< a long query (many words or a long phrase): at most workers - 1 run at once
};

/// A fixed pool of worker threads fed by a cheap and an expensive queue, each bounded.
/// Thread-safe. The destructor stops the workers after the jobs already queued ran.
class Admission {
 public:
  /// A queued job; `expired` is true when it waited longer than `max_wait` and must
  /// only answer "busy" (its client has likely given up), false when it may do its work.
  using Job = std::function<void(bool expired)>;

  /// What /metrics shows of the queues.
  struct Stats {
    std::size_t running = 0;          ///< jobs being run by a worker now
    std::size_t queued = 0;           ///< jobs waiting in either queue
    std::uint64_t rejected = 0;       ///< submissions refused because their queue was full
    std::uint64_t expired = 0;        ///< jobs that waited longer than max_wait
    std::uint64_t completed = 0;      ///< jobs run to completion
    std::size_t workers = 0;          ///< worker threads
    std::size_t queue_limit = 0;      ///< bound of the cheap queue
    std::size_t expensive_limit = 0;  ///< bound of the expensive queue
  };

  /// Starts `workers` threads (at least 1).
  /// @param queue_limit how many cheap requests may wait; expensive ones may wait
  ///        max(1, queue_limit / 4) at a time.
  /// @param max_wait a job still queued after this runs with expired = true.
  Admission(std::size_t workers, std::size_t queue_limit, std::chrono::milliseconds max_wait);
  ~Admission();
  Admission(const Admission&) = delete;
  Admission& operator=(const Admission&) = delete;

  /// Queues `job` on `lane` (Cheap or Expensive; Inline is treated as Cheap).
  /// @return false when that lane's queue is full or the pool is stopping: the job
  ///         is not run and the caller answers 503 itself.
  bool submit(Lane lane, Job job);

  /// Stops taking jobs; the workers finish what is queued and exit. Idempotent.
  void stop();

  /// stop(), then waits for the workers to exit. Idempotent; not from a worker.
  void shutdown();

  Stats stats() const;

  /// How many expensive jobs may run at once: every worker but one (1 with one worker).
  std::size_t expensive_slots() const { return expensive_slots_; }

 private:
  struct Entry {
    Job job;
    std::chrono::steady_clock::time_point queued;
    bool expensive;
  };
  void work();
  bool take(Entry& out);  // with mutex_ held

  const std::size_t queue_limit_;
  const std::size_t expensive_limit_;
  const std::size_t expensive_slots_;
  const std::chrono::milliseconds max_wait_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Entry> cheap_, expensive_;
  std::size_t running_ = 0, running_expensive_ = 0;
  std::uint64_t rejected_ = 0, expired_ = 0, completed_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace tracuu::searchd::server
