#include "tests/integration/http_client.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>

namespace tracuu::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

void set_timeouts(tcp::socket& socket) {
  timeval tv{10, 0};
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::string Reply::header(const std::string& lower_name) const {
  const auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

struct Connection::Impl {
  net::io_context ioc;
  tcp::socket socket{ioc};
  beast::flat_buffer buffer;
};

Connection::Connection(unsigned short port) : impl_(new Impl) {
  impl_->socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  set_timeouts(impl_->socket);
}

Connection::~Connection() {
  boost::system::error_code ec;
  impl_->socket.shutdown(tcp::socket::shutdown_both, ec);
  delete impl_;
}

Reply Connection::request(http::verb method, const std::string& target,
                          const std::map<std::string, std::string>& headers, const std::string& body) {
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, "127.0.0.1");
  for (const auto& [k, v] : headers) req.set(k, v);
  if (!body.empty() || method == http::verb::post) {
    req.body() = body;
    req.prepare_payload();
  }
  http::write(impl_->socket, req);
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  parser.skip(method == http::verb::head);
  http::read(impl_->socket, impl_->buffer, parser);
  const auto& res = parser.get();
  Reply reply;
  reply.status = res.result_int();
  for (const auto& f : res) reply.headers[lower(std::string(f.name_string()))] = std::string(f.value());
  reply.body = res.body();
  return reply;
}

Reply http_get(unsigned short port, const std::string& target) {
  Connection c(port);
  return c.request(http::verb::get, target);
}

std::string raw_exchange(unsigned short port, const std::string& bytes) {
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  set_timeouts(socket);
  boost::system::error_code ec;
  net::write(socket, net::buffer(bytes), ec);  // the server may close before taking it all
  std::string out;
  char buf[4096];
  for (;;) {
    const std::size_t n = socket.read_some(net::buffer(buf), ec);
    if (ec) break;
    out.append(buf, n);
  }
  return out;
}

std::string query_encode(const std::string& value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(ch);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace tracuu::testing
