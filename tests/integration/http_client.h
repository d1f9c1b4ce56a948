#pragma once
// A small blocking HTTP/1.1 client for the integration tests (Boost.Beast), and
// raw socket exchanges for requests no well-behaved client would send.

#include <boost/beast/http.hpp>
#include <map>
#include <string>

namespace tracuu::testing {

/// A response as the tests look at it.
struct Reply {
  unsigned status = 0;
  std::map<std::string, std::string> headers;  ///< names in lower case
  std::string body;
  /// The header's value, or "" when absent.
  std::string header(const std::string& lower_name) const;
};

/// One keep-alive connection to 127.0.0.1:`port` (10 s socket timeouts).
class Connection {
 public:
  explicit Connection(unsigned short port);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Sends a request and reads the response. Throws on a socket error.
  Reply request(boost::beast::http::verb method, const std::string& target,
                const std::map<std::string, std::string>& headers = {}, const std::string& body = {});

 private:
  struct Impl;
  Impl* impl_;
};

/// GET `target` on a fresh connection.
Reply http_get(unsigned short port, const std::string& target);

/// Writes `bytes` as they are, then reads until the server closes (or 10 s pass).
std::string raw_exchange(unsigned short port, const std::string& bytes);

/// Percent-encodes a query value.
std::string query_encode(const std::string& value);

}  // namespace tracuu::testing
