// Server::reload (what SIGHUP runs): every step in order, each outcome logged, a failing step
// neither stops the others nor the server.
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "searchd/server/metrics.h"
#include "searchd/server/server.h"
#include "tests/unit/server_fixture.h"

namespace {

using namespace tracuu;
using json = nlohmann::json;

TEST_CASE("reload runs the index step, then the added steps in order, and logs each", "[server]") {
  auto pool = testing::sample_pool(2);
  const auto config = testing::sample_config();
  searchd::server::Metrics metrics;
  std::ostringstream log;
  auto logger = std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::ostream_sink_mt>(log));
  logger->set_pattern("%v");
  searchd::server::Server server(config, *pool, nullptr, metrics, logger);

  std::vector<std::string> ran;
  server.on_reload("keys", [&]() -> Result<void> {
    ran.push_back("keys");
    return Error{Status::Io, "cannot read /etc/tracuu/keys"};
  });
  server.on_reload("log", [&]() -> Result<void> {
    ran.push_back("log");
    return {};
  });
  server.reload();
  server.reload();

  CHECK(ran == std::vector<std::string>{"keys", "log", "keys", "log"});
  std::vector<json> lines;
  std::istringstream in(log.str());
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  REQUIRE(lines.size() == 6);
  const std::vector<std::pair<std::string, bool>> expected{{"index", true}, {"keys", false}, {"log", true}};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    INFO(lines[i].dump());
    CHECK(lines[i]["event"] == "reload");
    CHECK(lines[i]["what"] == expected[i % 3].first);
    CHECK(lines[i]["ok"] == expected[i % 3].second);
  }
  CHECK(lines[1]["error"] == "cannot read /etc/tracuu/keys");
  // The pool still serves after a failed step.
  auto lease = pool->acquire(std::chrono::milliseconds(100));
  CHECK(lease.has_value());
}

}  // namespace
