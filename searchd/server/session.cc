// One connection: read a request (bounded in time and size), answer it with
// handle_request, write, repeat; one request at a time, on the connection's strand.
#include "searchd/server/session.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>

#include "searchd/server/access.h"
#include "searchd/server/admission.h"
#include "searchd/server/metrics.h"
#include "searchd/server/responses.h"

namespace tracuu::searchd::server {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(std::shared_ptr<Server::State> state, tcp::socket&& socket)
      : state_(std::move(state)), stream_(std::move(socket)), counted_(state_->open_connections) {
    last_active_ = std::chrono::steady_clock::now().time_since_epoch().count();
  }

  void run() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::do_read, shared_from_this()));
  }

  // Called through the strand at shutdown: an idle connection closes now, a busy one after its response.
  void close_if_idle() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->stream_.socket().close();
    });
  }

  // At the connection cap: close this idle connection to make room for a new one.
  void evict() {
    evicted_ = true;
    close_if_idle();
  }

  bool evictable() const { return !busy_ && !evicted_; }
  std::int64_t last_active() const { return last_active_; }

 private:
  void do_read() {
    if (state_->stopping) return do_close();
    parser_.emplace();
    parser_->body_limit(state_->config.body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(state_->config.header_limit));
    stream_.expires_after(state_->config.read_timeout);
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream) return do_close();
    if (ec == http::error::body_limit || ec == http::error::header_limit || ec == http::error::buffer_overflow)
      return reply_to_unreadable({Status::TooLarge, "the request is larger than the server accepts"});
    if (ec && ec.category() == make_error_code(http::error::bad_target).category() &&
        ec != http::error::partial_message)
      return reply_to_unreadable({Status::BadRequest, "malformed HTTP request: " + ec.message()});
    if (ec) {
      // An idle keep-alive connection timing out or closed at shutdown is normal; a half-sent request is not.
      const bool idle = !parser_->got_some() && (ec == beast::error::timeout || ec == net::error::eof);
      if (!idle && ec != net::error::operation_aborted && ec != net::error::bad_descriptor)
        state_->metrics.record_connection_error();
      return;  // nothing to answer
    }
    busy_ = true;
    last_active_ = std::chrono::steady_clock::now().time_since_epoch().count();
    const auto started = std::chrono::steady_clock::now();
    auto request = std::make_shared<const Request>(parser_->release());
    const Lane lane = request_lane(*request);
    boost::system::error_code peer_ec;
    const auto peer = stream_.socket().remote_endpoint(peer_ec);
    auto client = std::make_shared<const Client>(Client{peer_ec ? std::string() : peer.address().to_string()});
    if (lane == Lane::Inline) {
      RequestNotes notes;
      response_ = handle_request(*request, state_->backend, state_->config, &notes, client.get());
      log(request->method_string(), request->target(), notes, started);
      return send();
    }
    // Who asks, their rate limit and scope are settled here: a caller refused takes no place in the queue.
    auto screened = std::make_shared<Screened>(screen_request(*request, state_->backend, state_->config, client.get()));
    if (screened->answer) {
      response_ = std::move(*screened->answer);
      log(request->method_string(), request->target(), screened->notes, started);
      return send();
    }
    // Searches run on the admission workers; the I/O thread goes back to other connections. The work guard
    // keeps ioc.run() (and so a graceful shutdown) waiting for the answer.
    const bool queued =
        state_->admission.submit(lane, [self = shared_from_this(), request, client, started, screened,
                                        guard = net::make_work_guard(stream_.get_executor())](bool expired) mutable {
          auto response =
              std::make_shared<Response>(expired ? busy_response(*request, self->state_->backend.site, &screened->notes)
                                                 : handle_screened(*request, self->state_->backend,
                                                                   self->state_->config, *screened, client.get()));
          net::post(self->stream_.get_executor(), [self, request, started, screened, response] {
            self->response_ = std::move(*response);
            self->log(request->method_string(), request->target(), screened->notes, started);
            self->send();
          });
          guard.reset();
        });
    if (queued) return;
    response_ = busy_response(*request, state_->backend.site, &screened->notes);
    log(request->method_string(), request->target(), screened->notes, started);
    send();
  }

  // The request could not be parsed: answer it with an error, then close.
  void reply_to_unreadable(const Error& error) {
    busy_ = true;
    const auto started = std::chrono::steady_clock::now();
    Request request{http::verb::get, "/", 11};
    request.keep_alive(false);
    response_ = error_response(request, error);
    finish_response(request, response_);
    RequestNotes notes;
    notes.route = "unreadable";
    log("-", "-", notes, started);
    send();
  }

  void send() {
    stream_.expires_after(state_->config.read_timeout);
    http::async_write(stream_, response_,
                      beast::bind_front_handler(&Session::on_write, shared_from_this(), response_.keep_alive()));
  }

  void on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    busy_ = false;
    last_active_ = std::chrono::steady_clock::now().time_since_epoch().count();
    if (ec) {
      state_->metrics.record_connection_error();
      return;
    }
    if (!keep_alive) return do_close();
    do_read();
  }

  void do_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  void log(std::string_view method, std::string_view target, const RequestNotes& notes,
           std::chrono::steady_clock::time_point started) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const unsigned status = response_.result_int();
    state_->metrics.record(notes.route, status, seconds);
    if (notes.audit) audit(method, target, notes);
    if (!state_->logger) return;
    nlohmann::ordered_json line{{"method", method},     {"path", target.substr(0, target.find('?'))},
                                {"route", notes.route}, {"status", status},
                                {"ms", seconds * 1000}, {"bytes", response_.body().size()}};
    if (!notes.detail.empty()) line["error"] = notes.detail;
    if (!notes.client.empty()) line["client"] = notes.client;
    state_->logger->info(line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  }

  // The audit log: one line per staff request, apart from the access log (who, what, which document).
  void audit(std::string_view method, std::string_view target, const RequestNotes& notes) {
    if (!state_->audit) return;
    const std::size_t q = target.find('?');
    nlohmann::ordered_json line{{"who", notes.who},
                                {"via", notes.via},
                                {"client", notes.client},
                                {"method", method},
                                {"route", notes.route},
                                {"path", target.substr(0, q)},
                                {"query", q == std::string_view::npos ? std::string_view() : target.substr(q + 1)},
                                {"status", response_.result_int()}};
    if (!notes.document.empty()) line["document"] = notes.document;
    state_->audit->info(line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  }

  std::shared_ptr<Server::State> state_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Response response_;
  // Read by the listener (evict_idle) from other threads.
  std::atomic<bool> busy_ = false;             // between reading a request and writing its response
  std::atomic<std::int64_t> last_active_ = 0;  // steady_clock ticks of the last request or response
  std::atomic<bool> evicted_ = false;          // chosen by evict_idle_session: not chosen twice
  Server::State::ConnectionCount counted_;     // one open connection while the session lives
};

void start_session(const std::shared_ptr<Server::State>& state, tcp::socket socket) {
  auto session = std::make_shared<Session>(state, std::move(socket));
  {
    std::lock_guard lock(state->sessions_mutex);
    std::erase_if(state->sessions, [](const std::weak_ptr<Session>& s) { return s.expired(); });
    state->sessions.push_back(session);
  }
  session->run();
}

bool evict_idle_session(Server::State& state) {
  std::shared_ptr<Session> oldest;
  {
    std::lock_guard lock(state.sessions_mutex);
    for (const auto& weak : state.sessions) {
      auto session = weak.lock();
      if (session && session->evictable() && (!oldest || session->last_active() < oldest->last_active()))
        oldest = std::move(session);
    }
  }
  if (!oldest) return false;
  oldest->evict();
  return true;
}

void close_sessions(Server::State& state) {
  std::lock_guard lock(state.sessions_mutex);
  for (const auto& weak : state.sessions)
    if (auto session = weak.lock()) session->close_if_idle();
}

}  // namespace tracuu::searchd::server
