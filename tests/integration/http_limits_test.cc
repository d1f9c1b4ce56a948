// Resource limits over real sockets (issue #15): a descriptor limit far below the
// number of connections a client opens, a connection cap, and admission control.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <vector>

#include "tests/integration/http_client.h"
#include "tests/integration/http_process.h"

namespace {

using namespace tracuu::testing;
using json = nlohmann::json;

// Plain TCP connections that connect and then say nothing (keep-alive clients, slowloris).
class IdleConnections {
 public:
  IdleConnections(unsigned short port, std::size_t n) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (std::size_t i = 0; i < n; ++i) {
      const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
      REQUIRE(fd >= 0);
      REQUIRE(::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0);
      fds_.push_back(fd);
    }
  }
  ~IdleConnections() {
    for (int fd : fds_) ::close(fd);
  }

 private:
  std::vector<int> fds_;
};

// The value of an unlabelled or labelled sample in /metrics text, or -1.
long metric(const std::string& text, const std::string& sample) {
  const auto at = text.find("\n" + sample + " ");
  if (at == std::string::npos) return -1;
  return std::stol(text.substr(at + sample.size() + 2));
}

TEST_CASE("under ulimit -n 256, 300 idle connections do not lock out a real request", "[http]") {
  TempDir dir("http-limits");
  build_sample_index(dir.path());
  SearchdProcess server({"--db", dir.path().string(), "--threads", "2", "--workers", "2", "--metrics-public"}, 256);
  {
    IdleConnections idle(server.port(), 300);
    // Each request below opens one more connection: the least recently active idle one makes room.
    for (int i = 0; i < 3; ++i) {
      const Reply r = http_get(server.port(), "/api/v1/search?q=" + query_encode("đồng chí"));
      CHECK(r.status == 200);
      CHECK(json::parse(r.body)["total"].get<int>() > 0);
    }
    const std::string m = http_get(server.port(), "/metrics").body;
    INFO(m);
    CHECK(metric(m, "tracuu_connections_total{outcome=\"evicted\"}") >= 300 - 192);
    CHECK(metric(m, "tracuu_connections_open") <= 256);
    CHECK(metric(m, "tracuu_accept_errors_total") == 0);  // the cap keeps descriptors for the searchers
  }
  CHECK(server.stop() == 0);
}

TEST_CASE("the connection cap (--max-connections 8) closes idle connections to make room", "[http]") {
  TempDir dir("http-cap");
  build_sample_index(dir.path());
  SearchdProcess server({"--db", dir.path().string(), "--max-connections", "8", "--metrics-public"});
  IdleConnections idle(server.port(), 20);
  CHECK(http_get(server.port(), "/ready").status == 200);
  const std::string m = http_get(server.port(), "/metrics").body;
  INFO(m);
  CHECK(metric(m, "tracuu_connections_total{outcome=\"evicted\"}") >= 20 - 8);
  CHECK(metric(m, "tracuu_connections_open") <= 9);
}

TEST_CASE("the worst queries are refused with 400 and cheap ones still answer", "[http]") {
  TempDir dir("http-cost");
  build_sample_index(dir.path());
  SearchdProcess server({"--db", dir.path().string()});
  std::string phrase = "\"";
  for (int i = 0; i < 340; ++i) phrase += i ? " KT-XH" : "KT-XH";
  phrase += "\"";
  const Reply r = http_get(server.port(), "/api/v1/search?q=" + query_encode(phrase));
  CHECK(r.status == 400);
  CHECK(json::parse(r.body)["error"]["code"] == "bad_query");
  CHECK(r.body.find("too expensive") != std::string::npos);
  CHECK(http_get(server.port(), "/api/v1/search?q=" + query_encode("\"KT-XH\"")).status == 200);
}

}  // namespace
