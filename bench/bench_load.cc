// bench_load: closed-loop load on one engine. N client threads, each with its
// own connection (or in-process searcher), cycle through the same query list
// for a fixed time; every request's latency is recorded.
//   bench_load --engine KIND=TARGET --queries FILE [--threads N] [--duration S] [--warmup S] [--limit K]
// Prints one key=value line: requests, qps, p50_ms, p99_ms, errors, empty.
// Each client starts at its own offset of the list (i * size / N), as the wrk
// script does for tracuu's HTTP server, so both see the same query mix.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench/args.h"
#include "bench/engines/engine.h"

namespace {

using Clock = std::chrono::steady_clock;

struct ClientResult {
  std::vector<double> latencies_ms;
  std::size_t errors = 0, empty = 0;
  std::string first_error;
};

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) lines.push_back(l);
  if (lines.empty()) throw std::runtime_error(path + " has no queries");
  return lines;
}

void run_client(const std::string& kind, const std::string& target, const std::vector<std::string>& queries,
                std::size_t start, Clock::time_point measure_from, Clock::time_point until, std::size_t limit,
                ClientResult& out) {
  try {
    auto engine = tracuu::bench::open_engine(kind, target);
    for (std::size_t i = start;; ++i) {
      const auto t0 = Clock::now();
      if (t0 >= until) break;
      bool empty = false;
      try {
        empty = engine->search(queries[i % queries.size()], tracuu::bench::QueryMode::SearchBox, limit).empty();
      } catch (const std::exception& e) {
        if (out.first_error.empty()) out.first_error = e.what();
        ++out.errors;
        if (out.errors > 100 && out.latencies_ms.empty()) return;  // the engine does not work at all
        continue;
      }
      const auto t1 = Clock::now();
      if (t0 >= measure_from) {
        out.latencies_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        out.empty += empty ? 1 : 0;
      }
    }
  } catch (const std::exception& e) {
    out.first_error = e.what();
    ++out.errors;
  }
}

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const std::size_t k = std::min(v.size() - 1, static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
  return v[k];
}

}  // namespace

int main(int argc, char** argv) try {
  std::string spec, queries_file;
  unsigned threads = 1;
  double duration = 10, warmup = 2;
  std::size_t limit = 10;
  for (tracuu::bench::Args args(argc, argv); args.next();) {
    const std::string a = args.current();
    if (a == "--engine")
      spec = args.value();
    else if (a == "--queries")
      queries_file = args.value();
    else if (a == "--threads")
      threads = static_cast<unsigned>(std::max(1, std::stoi(args.value())));
    else if (a == "--duration")
      duration = std::stod(args.value());
    else if (a == "--warmup")
      warmup = std::stod(args.value());
    else if (a == "--limit")
      limit = std::stoull(args.value());
    else
      throw std::runtime_error("unknown option " + a);
  }
  const auto eq = spec.find('=');
  if (eq == std::string::npos || queries_file.empty())
    throw std::runtime_error("give --engine KIND=TARGET and --queries FILE");
  const std::string kind = spec.substr(0, eq), target = spec.substr(eq + 1);
  const auto queries = read_lines(queries_file);

  const auto start = Clock::now();
  const auto measure_from = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(warmup));
  const auto until =
      measure_from + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(duration));
  std::vector<ClientResult> results(threads);
  std::vector<std::thread> clients;
  for (unsigned t = 0; t < threads; ++t)
    clients.emplace_back(run_client, kind, target, std::cref(queries), t * queries.size() / threads, measure_from,
                         until, limit, std::ref(results[t]));
  for (auto& c : clients) c.join();

  std::vector<double> all;
  std::size_t errors = 0, empty = 0;
  std::string first_error;
  for (auto& r : results) {
    all.insert(all.end(), r.latencies_ms.begin(), r.latencies_ms.end());
    errors += r.errors;
    empty += r.empty;
    if (first_error.empty()) first_error = r.first_error;
  }
  const double p50 = percentile(all, 50), p99 = percentile(all, 99);
  std::printf("engine=%s threads=%u requests=%zu qps=%.1f p50_ms=%.3f p99_ms=%.3f errors=%zu empty=%zu\n", kind.c_str(),
              threads, all.size(), static_cast<double>(all.size()) / duration, p50, p99, errors, empty);
  if (!first_error.empty())
    std::fprintf(stderr, "bench_load: %s: first error: %s\n", kind.c_str(), first_error.c_str());
  return all.empty() ? 1 : 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bench_load: %s\n", e.what());
  return 2;
}
