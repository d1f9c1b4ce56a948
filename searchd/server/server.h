#pragma once
// The network side of searchd (Boost.Beast, shaped like advanced_server): a
// listener, one session per connection on its own strand, N I/O threads, and
// a graceful shutdown on SIGINT/SIGTERM. All behaviour is in handle_request.

#include <boost/asio/ip/tcp.hpp>
#include <memory>

#include "schema/status.h"
#include "searchd/searcher.h"
#include "searchd/server/config.h"

namespace spdlog {
class logger;
}

namespace tracuu::searchd::server {

class Metrics;
class Site;

/// An HTTP server over a SearcherPool. Construct, listen(), then run().
class Server {
 public:
  /// @param pool searchers, one per thread (config.threads); @param site the portal or null;
  /// @param metrics counters filled by the server and read by /metrics;
  /// @param logger receives one JSON line per request.
  Server(const Config& config, SearcherPool& pool, const Site* site, Metrics& metrics,
         std::shared_ptr<spdlog::logger> logger);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds config.bind:config.port (port 0: an ephemeral port) and listens.
  /// @return the bound endpoint (with the real port), or Io when binding fails.
  Result<boost::asio::ip::tcp::endpoint> listen();

  /// Accepts and serves on config.threads threads until stop() or SIGINT/SIGTERM,
  /// then stops accepting, lets in-flight requests finish, closes idle
  /// connections and returns.
  void run();

  /// Starts the graceful shutdown. Thread-safe; may be called before run().
  void stop();

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace tracuu::searchd::server
