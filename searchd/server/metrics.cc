#include "searchd/server/metrics.h"

#include <cstdio>
#include <ctime>
#include <optional>

#include "searchd/server/admission.h"
#include "searchd/server/http_types.h"

namespace tracuu::searchd::server {
namespace {

// Prometheus floats: plain decimal, no exponent for our ranges.
std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

void help(std::string& out, const char* name, const char* type, const char* text) {
  out += std::string("# HELP ") + name + ' ' + text + "\n# TYPE " + name + ' ' + type + '\n';
}

// Seconds since 1970 of an ISO-8601 UTC time ("2026-11-23T15:04:05Z"), as written by schema::utc_now_iso.
std::optional<long long> epoch_seconds(const std::string& iso) {
  std::tm tm{};
  const char* end = strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (!end || *end != '\0') return std::nullopt;
  return static_cast<long long>(timegm(&tm));
}

}  // namespace

void Metrics::record(std::string_view route, unsigned status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{std::string(route), status}];
  Histogram& h = latency_[std::string(route)];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) {
      ++h.buckets[i];
      break;
    }
  ++h.count;
  h.sum += seconds;
  switch (http::to_status_class(status)) {
    case http::status_class::client_error: ++client_errors_; break;
    case http::status_class::server_error: ++server_errors_; break;
    case http::status_class::unknown:
    case http::status_class::informational:
    case http::status_class::successful:
    case http::status_class::redirection: break;
  }
}

void Metrics::bump(std::uint64_t& counter) {
  std::lock_guard lock(mutex_);
  ++counter;
}

void Metrics::record_connection_error() {
  bump(connection_errors_);
}

void Metrics::record_connection_refused() {
  bump(connections_refused_);
}

void Metrics::record_connection_evicted() {
  bump(connections_evicted_);
}

void Metrics::record_accept_error() {
  bump(accept_errors_);
}

void Metrics::watch(const Admission* admission, const std::atomic<std::size_t>* open_connections) {
  std::lock_guard lock(mutex_);
  admission_ = admission;
  open_connections_ = open_connections;
}

std::string Metrics::render(const std::optional<IndexInfo>& index) const {
  std::lock_guard lock(mutex_);
  std::string out;
  help(out, "tracuu_http_requests_total", "counter", "HTTP requests answered, by route and status.");
  for (const auto& [key, n] : requests_)
    out += "tracuu_http_requests_total{route=\"" + key.first + "\",status=\"" + std::to_string(key.second) + "\"} " +
           std::to_string(n) + '\n';
  help(out, "tracuu_http_request_duration_seconds", "histogram", "Time to answer a request, by route.");
  for (const auto& [route, h] : latency_) {
    std::uint64_t cumulative = 0;
    const std::string base = "tracuu_http_request_duration_seconds";
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h.buckets[i];
      out += base + "_bucket{route=\"" + route + "\",le=\"" + number(kBuckets[i]) + "\"} " +
             std::to_string(cumulative) + '\n';
    }
    out += base + "_bucket{route=\"" + route + "\",le=\"+Inf\"} " + std::to_string(h.count) + '\n';
    out += base + "_sum{route=\"" + route + "\"} " + number(h.sum) + '\n';
    out += base + "_count{route=\"" + route + "\"} " + std::to_string(h.count) + '\n';
  }
  help(out, "tracuu_http_errors_total", "counter",
       "Failed requests: client (4xx), server (5xx), connection (no response).");
  out += "tracuu_http_errors_total{kind=\"client\"} " + std::to_string(client_errors_) + '\n';
  out += "tracuu_http_errors_total{kind=\"server\"} " + std::to_string(server_errors_) + '\n';
  out += "tracuu_http_errors_total{kind=\"connection\"} " + std::to_string(connection_errors_) + '\n';
  help(out, "tracuu_connections_total", "counter",
       "Connections closed by the server for lack of room: refused (all busy) or evicted (idle, at the cap).");
  out += "tracuu_connections_total{outcome=\"refused\"} " + std::to_string(connections_refused_) + '\n';
  out += "tracuu_connections_total{outcome=\"evicted\"} " + std::to_string(connections_evicted_) + '\n';
  help(out, "tracuu_accept_errors_total", "counter", "Failed accept() calls (out of descriptors, resets).");
  out += "tracuu_accept_errors_total " + std::to_string(accept_errors_) + '\n';
  if (open_connections_) {
    help(out, "tracuu_connections_open", "gauge", "Open client connections.");
    out += "tracuu_connections_open " + std::to_string(open_connections_->load()) + '\n';
  }
  if (admission_) {
    const Admission::Stats a = admission_->stats();
    help(out, "tracuu_search_queue", "gauge", "Requests running on a search worker, and waiting for one.");
    out += "tracuu_search_queue{state=\"running\"} " + std::to_string(a.running) + '\n';
    out += "tracuu_search_queue{state=\"queued\"} " + std::to_string(a.queued) + '\n';
    help(out, "tracuu_search_rejected_total", "counter",
         "Requests answered 503 by admission control: queue full, or waited too long.");
    out += "tracuu_search_rejected_total{reason=\"queue_full\"} " + std::to_string(a.rejected) + '\n';
    out += "tracuu_search_rejected_total{reason=\"waited_too_long\"} " + std::to_string(a.expired) + '\n';
  }
  help(out, "tracuu_index_up", "gauge", "1 when the index is open and readable.");
  out += std::string("tracuu_index_up ") + (index ? "1" : "0") + '\n';
  if (index) {
    help(out, "tracuu_index_documents", "gauge", "Documents in the open index.");
    out += "tracuu_index_documents " + std::to_string(index->documents) + '\n';
    help(out, "tracuu_index_generation", "gauge", "Generation number of the open index.");
    out += "tracuu_index_generation " + std::to_string(index->generation) + '\n';
    // A load balancer compares these with the writer's to take a stale replica out (docs/scale-out.md).
    if (const auto t = epoch_seconds(index->last_commit)) {
      help(out, "tracuu_index_last_commit_seconds", "gauge",
           "Unix time of the newest commit among the databases the caller may see.");
      out += "tracuu_index_last_commit_seconds " + std::to_string(*t) + '\n';
    }
  }
  return out;
}

}  // namespace tracuu::searchd::server
