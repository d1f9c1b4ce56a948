#pragma once
// Internal to server.cc/session.cc: what the listener and the sessions share.

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <memory>
#include <mutex>
#include <vector>

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
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor acceptor;
  boost::asio::signal_set signals;
  std::atomic<bool> stopping{false};
  std::mutex sessions_mutex;
  std::vector<std::weak_ptr<Session>> sessions;  ///< live sessions, for shutdown

  State(const Config& c, Backend b, Metrics& m, std::shared_ptr<spdlog::logger> l);
};

/// Starts serving an accepted connection (registers it for shutdown).
void start_session(const std::shared_ptr<Server::State>& state, boost::asio::ip::tcp::socket socket);

/// Asks every live session to close once its current request is answered.
void close_sessions(Server::State& state);

}  // namespace tracuu::searchd::server
