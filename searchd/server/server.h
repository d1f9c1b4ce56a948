#pragma once
// The network side of searchd (Boost.Beast, shaped like advanced_server): a
// listener, one session per connection on its own strand, N I/O threads, a
// graceful shutdown on SIGINT/SIGTERM and a reload on SIGHUP. All behaviour is
// in handle_request.

#include <boost/asio/ip/tcp.hpp>
#include <functional>
#include <memory>
#include <string>

#include "schema/status.h"
#include "searchd/searcher.h"
#include "searchd/server/config.h"

namespace spdlog {
class logger;
}

namespace tracuu::searchd::server {

class Access;
class Metrics;
class Site;

/// An HTTP server over a SearcherPool. Construct, listen(), then run().
class Server {
 public:
  /// @param pool searchers, one per worker (config.workers); @param site the portal or null;
  /// @param metrics counters filled by the server and read by /metrics;
  /// @param logger receives one JSON line per request.
  /// @param access keys, sessions and rate limits (null: every caller is the public).
  /// @param audit receives one JSON line per staff request (who, route, query, document).
  Server(const Config& config, SearcherPool& pool, const Site* site, Metrics& metrics,
         std::shared_ptr<spdlog::logger> logger, Access* access = nullptr,
         std::shared_ptr<spdlog::logger> audit = nullptr);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds config.bind:config.port (port 0: an ephemeral port) and listens.
  /// @return the bound endpoint (with the real port), or Io when binding fails.
  Result<boost::asio::ip::tcp::endpoint> listen();

  /// Accepts and serves on config.threads I/O threads, searching on config.workers
  /// admission workers (at most config.queue_limit waiting, then 503), with at most
  /// config.max_connections connections, until stop() or SIGINT/SIGTERM,
  /// then stops accepting, lets in-flight requests finish, closes idle
  /// connections and returns. SIGHUP meanwhile runs reload().
  void run();

  /// Starts the graceful shutdown. Thread-safe; may be called before run().
  void stop();

  /// One step of the reload that SIGHUP (`systemctl reload`) triggers. An error is logged and
  /// serving goes on with what was there before.
  using ReloadHook = std::function<Result<void>()>;

  /// Adds a reload step, logged as `what`. Call before run(); steps run in the order added. The
  /// constructor adds the first, "index": every idle searcher reopens the index at once.
  void on_reload(std::string what, ReloadHook hook);

  /// Runs every reload step now and logs each outcome, as SIGHUP does. Thread-safe; steps of
  /// concurrent reloads do not interleave.
  void reload();

  struct State;

 private:
  std::shared_ptr<State> state_;
};

/// Raises the soft RLIMIT_NOFILE to the hard limit (every connection is a descriptor).
/// @return the soft limit now in force.
std::size_t raise_descriptor_limit();

/// The connection cap for `descriptors` open files: `requested` (0 = as many as fit), lowered so that
/// the searchers' index files and the process's own always have descriptors left.
std::size_t connection_cap(std::size_t requested, std::size_t descriptors, unsigned workers);

}  // namespace tracuu::searchd::server
