#pragma once
// The settings of `searchd serve`, parsed once in main() from flags and
// environment, then passed down by const& (STYLE §1: no globals).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "searchd/server/rate_limit.h"

namespace tracuu::searchd::server {

/// Server settings. Tests build whatever Config they need.
struct Config {
  std::filesystem::path db;                        ///< index home (--db, TRACUU_DB)
  std::vector<std::string> shards;                 ///< remote shards tcp://HOST:PORT, replacing db (--shard)
  std::chrono::milliseconds shard_timeout{10000};  ///< a remote shard must answer within this (--shard-timeout)
  bool shard_partial = false;          ///< --shard-failure partial: live shards answer, marked partial (else 503)
  std::string bind = "127.0.0.1";      ///< listening address (--bind, TRACUU_BIND)
  std::uint16_t port = 8080;           ///< listening port, 0 = ephemeral (--port, TRACUU_PORT)
  unsigned threads = 2;                ///< I/O threads (--threads, TRACUU_THREADS)
  unsigned workers = 2;                ///< search workers = searchers (--workers, TRACUU_WORKERS)
  std::size_t queue_limit = 64;        ///< requests that may wait for a worker (then 503) (--queue)
  std::size_t max_connections = 1024;  ///< open connections; past it idle ones are closed (--max-connections)
  std::filesystem::path web;           ///< portal directory (templates/, static/); empty = API only
  std::chrono::milliseconds acquire_wait{2000};  ///< longest wait in the queue or for a searcher (then 503)
  // Access (docs/access.md). Without --keys and --auth-proxy-header every caller is the public.
  std::filesystem::path keys;                       ///< keys file (--keys): staff and admin API keys
  std::filesystem::path session_secret;             ///< cookie signing secret file; empty: random per process
  std::chrono::seconds session_lifetime{8 * 3600};  ///< a portal session lasts this long after sign-in
  std::vector<std::string> trusted_proxies;         ///< addresses (or CIDR) whose X-Forwarded-* headers are believed
  std::string auth_proxy_header;                    ///< header naming an authenticated user (from trusted proxies only)
  std::map<std::string, std::vector<std::string>> proxy_user_groups;  ///< proxy user -> groups
  RateLimit public_rate;                  ///< per client address (--rate-limit); 0 = unlimited
  RateLimit staff_rate;                   ///< per key or proxy user (--staff-rate-limit); 0 = unlimited
  bool metrics_public = false;            ///< /metrics without an admin key (--metrics-public)
  std::filesystem::path audit_log;        ///< audit log file for staff requests; empty: stderr
  std::chrono::seconds read_timeout{30};  ///< a client must send each request within this
  std::size_t body_limit = 16 * 1024;     ///< largest request body accepted (then 413)
  std::size_t header_limit = 8 * 1024;    ///< largest request head accepted (then 413)
  std::string version = "0.1.0";          ///< reported by /health
};

}  // namespace tracuu::searchd::server
