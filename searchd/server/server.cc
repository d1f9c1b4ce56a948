#include "searchd/server/server.h"

#include <boost/asio/strand.hpp>
#include <csignal>
#include <thread>
#include <vector>

#include "searchd/server/session.h"

namespace tracuu::searchd::server {

namespace net = boost::asio;
using tcp = net::ip::tcp;

Server::State::State(const Config& c, Backend b, Metrics& m, std::shared_ptr<spdlog::logger> l)
    : config(c),
      backend(b),
      metrics(m),
      logger(std::move(l)),
      ioc(static_cast<int>(std::max(1u, c.threads))),
      acceptor(net::make_strand(ioc)),
      signals(ioc, SIGINT, SIGTERM) {}

namespace {

void do_accept(const std::shared_ptr<Server::State>& state) {
  state->acceptor.async_accept(net::make_strand(state->ioc), [state](boost::system::error_code ec, tcp::socket socket) {
    if (state->stopping || !state->acceptor.is_open()) return;
    if (!ec) start_session(state, std::move(socket));
    do_accept(state);  // an accept error (e.g. too many open files) costs one connection, not the listener
  });
}

}  // namespace

Server::Server(const Config& config, SearcherPool& pool, const Site* site, Metrics& metrics,
               std::shared_ptr<spdlog::logger> logger)
    : state_(std::make_shared<State>(config, Backend{pool, site, &metrics}, metrics, std::move(logger))) {}

Server::~Server() = default;

Result<tcp::endpoint> Server::listen() {
  boost::system::error_code ec;
  const auto address = net::ip::make_address(state_->config.bind, ec);
  if (ec) return Error{Status::BadRequest, "bad --bind address '" + state_->config.bind + "'"};
  const tcp::endpoint endpoint{address, state_->config.port};
  auto& acceptor = state_->acceptor;
  if (acceptor.open(endpoint.protocol(), ec); ec) return Error{Status::Io, "socket: " + ec.message()};
  if (acceptor.set_option(net::socket_base::reuse_address(true), ec); ec)
    return Error{Status::Io, "SO_REUSEADDR: " + ec.message()};
  if (acceptor.bind(endpoint, ec); ec)
    return Error{Status::Io, "cannot bind " + state_->config.bind + ":" + std::to_string(state_->config.port) + ": " +
                                 ec.message()};
  if (acceptor.listen(net::socket_base::max_listen_connections, ec); ec)
    return Error{Status::Io, "listen: " + ec.message()};
  return acceptor.local_endpoint();
}

void Server::run() {
  auto state = state_;
  state->signals.async_wait([this](boost::system::error_code ec, int) {
    if (!ec) stop();
  });
  if (!state->stopping) do_accept(state);
  const unsigned threads = std::max(1u, state->config.threads);
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([state] { state->ioc.run(); });
  state->ioc.run();
  for (auto& t : pool) t.join();
}

void Server::stop() {
  auto state = state_;
  if (state->stopping.exchange(true)) return;
  // Stop accepting and listening for signals; sessions finish their request and close.
  net::post(state->acceptor.get_executor(), [state] {
    boost::system::error_code ec;
    state->acceptor.close(ec);
  });
  net::post(state->ioc, [state] {
    boost::system::error_code ec;
    state->signals.cancel(ec);
  });
  close_sessions(*state);
}

}  // namespace tracuu::searchd::server
