#pragma once
// Request counters and latency histograms for /metrics (Prometheus text format).

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "searchd/types.h"

namespace tracuu::searchd::server {

class Admission;

/// Thread-safe counters of the server, rendered as Prometheus text. One per
/// server, passed in (no globals); tests build their own.
class Metrics {
 public:
  /// Latency histogram bounds, in seconds.
  static constexpr std::array<double, 11> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

  /// Counts one answered request.
  /// @param route a route label (route_name()), @param status the HTTP status sent,
  /// @param seconds time from the end of reading to the response being built.
  void record(std::string_view route, unsigned status, double seconds);

  /// Counts a connection that failed before a response could be written
  /// (malformed request, timeout, reset).
  void record_connection_error();

  /// Counts a connection closed at once because the cap was reached and every connection was busy.
  void record_connection_refused();
  /// Counts an idle connection closed to make room for a new one at the cap.
  void record_connection_evicted();
  /// Counts a failed accept() (out of descriptors, a reset in the backlog).
  void record_accept_error();

  /// Live figures rendered as gauges: the admission queues and the open connections.
  /// Both must outlive this object's render() calls; null leaves them out.
  void watch(const Admission* admission, const std::atomic<std::size_t>* open_connections);

  /// The metrics in Prometheus text exposition format (version 0.0.4).
  /// @param index facts about the open index, or nullopt when it is unavailable.
  std::string render(const std::optional<IndexInfo>& index) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};  // non-cumulative counts
    std::uint64_t count = 0;
    double sum = 0;
  };
  void bump(std::uint64_t& counter);  // ++counter under the lock
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, unsigned>, std::uint64_t> requests_;  // (route, status) -> count
  std::map<std::string, Histogram> latency_;                            // route -> histogram
  std::uint64_t client_errors_ = 0, server_errors_ = 0, connection_errors_ = 0;
  std::uint64_t connections_refused_ = 0, connections_evicted_ = 0, accept_errors_ = 0;
  const Admission* admission_ = nullptr;
  const std::atomic<std::size_t>* open_connections_ = nullptr;
};

}  // namespace tracuu::searchd::server
