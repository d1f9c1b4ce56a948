#include "searchd/server/server.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <algorithm>
#include <boost/asio/strand.hpp>
#include <csignal>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "searchd/server/access.h"
#include "searchd/server/metrics.h"
#include "searchd/server/session.h"

namespace tracuu::searchd::server {

namespace net = boost::asio;
using tcp = net::ip::tcp;

Server::State::State(const Config& c, Backend b, Metrics& m, std::shared_ptr<spdlog::logger> l,
                     std::shared_ptr<spdlog::logger> a)
    : config(c),
      backend(b),
      metrics(m),
      logger(std::move(l)),
      audit(std::move(a)),
      ioc(static_cast<int>(std::max(1u, c.threads))),
      acceptor(net::make_strand(ioc)),
      signals(ioc, SIGINT, SIGTERM),
      reload_signals(ioc, SIGHUP),
      accept_timer(acceptor.get_executor()),
      admission(std::max(1u, c.workers), c.queue_limit, c.acquire_wait) {}

namespace {

constexpr std::chrono::milliseconds kFirstBackoff{10}, kLongestBackoff{1000};

// Out of descriptors (or kernel memory) is no reason to spin: the pending connection stays in the backlog
// and accept() would fail again at once. Wait, doubling the pause, until a descriptor frees up.
bool out_of_resources(const boost::system::error_code& ec) {
  return ec == net::error::no_descriptors || ec == boost::system::errc::too_many_files_open_in_system ||
         ec == net::error::no_buffer_space || ec == net::error::no_memory;
}

void do_accept(const std::shared_ptr<Server::State>& state);

void accept_later(const std::shared_ptr<Server::State>& state) {
  state->accept_backoff = std::min(kLongestBackoff, std::max(kFirstBackoff, state->accept_backoff * 2));
  state->accept_timer.expires_after(state->accept_backoff);
  state->accept_timer.async_wait([state](boost::system::error_code) { do_accept(state); });
}

// Past Config::max_connections the least recently active idle connection is closed to make room (idle
// keep-alive or slow clients must not lock out new ones); when every connection is busy, the new one is
// refused (closed at once).
void admit(const std::shared_ptr<Server::State>& state, tcp::socket socket) {
  if (state->open_connections >= state->config.max_connections) {
    if (!evict_idle_session(*state)) {
      state->metrics.record_connection_refused();
      boost::system::error_code ignored;
      socket.close(ignored);
      return;
    }
    state->metrics.record_connection_evicted();
  }
  start_session(state, std::move(socket));
}

void do_accept(const std::shared_ptr<Server::State>& state) {
  if (state->stopping || !state->acceptor.is_open()) return;
  state->acceptor.async_accept(net::make_strand(state->ioc), [state](boost::system::error_code ec, tcp::socket socket) {
    if (state->stopping || !state->acceptor.is_open()) return;
    if (ec) {
      state->metrics.record_accept_error();
      if (out_of_resources(ec)) return accept_later(state);
      return do_accept(state);  // another accept error (a reset in the backlog) costs one connection
    }
    state->accept_backoff = std::chrono::milliseconds{0};
    admit(state, std::move(socket));
    do_accept(state);
  });
}

void wait_for_reload(Server* server, const std::shared_ptr<Server::State>& state) {
  std::lock_guard lock(state->signal_mutex);
  if (state->stopping) return;  // stop() has cancelled the sets, or is about to under this lock: no new wait
  state->reload_signals.async_wait([server, state](boost::system::error_code ec, int) {
    if (ec || state->stopping) return;
    server->reload();
    wait_for_reload(server, state);
  });
}

}  // namespace

Server::Server(const Config& config, SearcherPool& pool, const Site* site, Metrics& metrics,
               std::shared_ptr<spdlog::logger> logger, Access* access, std::shared_ptr<spdlog::logger> audit)
    : state_(std::make_shared<State>(config, Backend{pool, site, &metrics, access}, metrics, std::move(logger),
                                     std::move(audit))) {
  metrics.watch(&state_->admission, &state_->open_connections);
  on_reload("index", [&pool] { return pool.refresh_idle(); });
}

void Server::on_reload(std::string what, ReloadHook hook) {
  std::lock_guard lock(state_->reload_mutex);
  state_->reload_hooks.emplace_back(std::move(what), std::move(hook));
}

void Server::reload() {
  std::lock_guard lock(state_->reload_mutex);
  for (const auto& [what, hook] : state_->reload_hooks) {
    const auto done = hook();
    if (!state_->logger) continue;
    nlohmann::ordered_json line{{"event", "reload"}, {"what", what}, {"ok", done.has_value()}};
    if (!done) line["error"] = done.error().message;
    if (done)
      state_->logger->info(line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
    else
      state_->logger->error(line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  }
}

Server::~Server() {
  state_->metrics.watch(nullptr, nullptr);
  state_->admission.shutdown();
}

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
  {
    std::lock_guard lock(state->signal_mutex);
    state->signals.async_wait([this](boost::system::error_code ec, int) {
      if (!ec) stop();
    });
  }
  if (!state->stopping) {
    do_accept(state);
    wait_for_reload(this, state);
  }
  const unsigned threads = std::max(1u, state->config.threads);
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([state] { state->ioc.run(); });
  state->ioc.run();
  for (auto& t : pool) t.join();
  state->admission.shutdown();
}

std::size_t raise_descriptor_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return limit.rlim_cur == RLIM_INFINITY ? std::size_t{1} << 20 : static_cast<std::size_t>(limit.rlim_cur);
}

std::size_t connection_cap(std::size_t requested, std::size_t descriptors, unsigned workers) {
  // Each searcher holds a Xapian database (about 8 tables) and the process a few more files; keep room for them
  // and for the log, so that a full house of connections never makes a search fail to open a file.
  const std::size_t reserved = 32 + 16 * static_cast<std::size_t>(std::max(1u, workers));
  const std::size_t fit = descriptors > reserved + 16 ? descriptors - reserved : 16;
  return requested == 0 ? fit : std::min(requested, fit);
}

void Server::stop() {
  auto state = state_;
  {
    // Under the lock that arms the sets: a wait armed before this is cancelled here, none is armed after.
    std::lock_guard lock(state->signal_mutex);
    if (state->stopping.exchange(true)) return;
    boost::system::error_code ec;
    state->signals.cancel(ec);
    state->reload_signals.cancel(ec);
  }
  // Stop accepting; sessions finish their request and close.
  net::post(state->acceptor.get_executor(), [state] {
    boost::system::error_code ec;
    state->acceptor.close(ec);
    state->accept_timer.cancel();
  });
  close_sessions(*state);
}

}  // namespace tracuu::searchd::server
