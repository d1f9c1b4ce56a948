#pragma once
// Internal to server.cc/session.cc: what the listener and the sessions share.

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "searchd/server/admission.h"
#include "searchd/server/config.h"
#include "searchd/server/router.h"
#include "searchd/server/server.h"

namespace tracuu::searchd::server {

class Session;

/// The server's shared state: one per Server, outliving every session.
struct Server::State {
  const Config& config;
  Backend backend;
  Metrics& metrics;
  std::shared_ptr<spdlog::logger> logger;
  std::shared_ptr<spdlog::logger> audit;  ///< staff requests (null: none written)
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor acceptor;
  boost::asio::signal_set signals;         ///< SIGINT, SIGTERM: stop
  boost::asio::signal_set reload_signals;  ///< SIGHUP: reload
  std::mutex reload_mutex;                 ///< one reload at a time
  /// Serialises arming the signal sets with stop(): a SIGHUP handler that re-arms after stop() cancelled
  /// would leave a wait that keeps the io_context running forever (seen: searchd ignoring SIGTERM after SIGHUP).
  std::mutex signal_mutex;
  std::vector<std::pair<std::string, ReloadHook>> reload_hooks;
  std::atomic<bool> stopping{false};
  std::mutex sessions_mutex;
  std::vector<std::weak_ptr<Session>> sessions;  ///< live sessions, for shutdown and eviction
  std::atomic<std::size_t> open_connections{0};  ///< sessions alive now (Config::max_connections caps it)
  std::chrono::milliseconds accept_backoff{0};   ///< current pause after EMFILE/ENFILE (0: none)
  boost::asio::steady_timer accept_timer;        ///< waits out accept_backoff
  Admission admission;                           ///< the searcher workers and their queues

  /// Counts a live session in open_connections (RAII, one per Session).
  class ConnectionCount {
   public:
    explicit ConnectionCount(std::atomic<std::size_t>& n) : n_(n) { ++n_; }
    ~ConnectionCount() { --n_; }
    ConnectionCount(const ConnectionCount&) = delete;
    ConnectionCount& operator=(const ConnectionCount&) = delete;

   private:
    std::atomic<std::size_t>& n_;
  };

  State(const Config& c, Backend b, Metrics& m, std::shared_ptr<spdlog::logger> l, std::shared_ptr<spdlog::logger> a);
};

/// Starts serving an accepted connection (registers it for shutdown).
void start_session(const std::shared_ptr<Server::State>& state, boost::asio::ip::tcp::socket socket);

/// At the connection cap: asks the least recently active idle session to close.
/// @return false when every session is busy (the new connection is refused instead).
bool evict_idle_session(Server::State& state);

/// Asks every live session to close once its current request is answered.
void close_sessions(Server::State& state);

}  // namespace tracuu::searchd::server
