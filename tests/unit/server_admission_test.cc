// Admission control: bounded queues in front of the search workers, cheap requests never
// starved by expensive ones. Jobs block on promises the test releases, so every
// assertion is about order and counts, never about time.
#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include "searchd/server/admission.h"
#include "searchd/server/router.h"
#include "tests/unit/server_fixture.h"

namespace tracuu::searchd::server {
namespace {

using namespace std::chrono_literals;

// A job that reports it started, then waits until released.
struct Gate {
  std::promise<void> started, release;
  std::shared_future<void> released = release.get_future().share();
  bool expired = false;
  Admission::Job job() {
    return [this](bool e) {
      expired = e;
      started.set_value();
      released.wait();
    };
  }
};

bool started_soon(Gate& g) {
  // A generous guard against hanging the suite, not a timing assertion.
  return g.started.get_future().wait_for(30s) == std::future_status::ready;
}

TEST_CASE("an expensive request never takes the last worker: a cheap one still runs", "[server]") {
  Admission admission(2, 8, 60s);
  CHECK(admission.expensive_slots() == 1);
  Gate slow1, slow2, cheap;
  REQUIRE(admission.submit(Lane::Expensive, slow1.job()));
  REQUIRE(started_soon(slow1));
  REQUIRE(admission.submit(Lane::Expensive, slow2.job()));  // waits: the other worker is kept for cheap ones
  REQUIRE(admission.submit(Lane::Cheap, cheap.job()));
  REQUIRE(started_soon(cheap));
  CHECK(admission.stats().queued == 1);
  cheap.release.set_value();
  slow1.release.set_value();
  REQUIRE(started_soon(slow2));
  slow2.release.set_value();
  admission.shutdown();
  CHECK(admission.stats().completed == 3);
  CHECK(admission.stats().rejected == 0);
}

TEST_CASE("a full queue refuses at once instead of waiting (the server answers 503)", "[server]") {
  struct Row {
    Lane lane;
    std::size_t queue_limit;
    std::size_t accepted;  // with one worker blocked by a first job of the same lane
  };
  const std::vector<Row> rows{
      {Lane::Cheap, 3, 1 + 3},      // one running, three waiting
      {Lane::Cheap, 0, 1},          // no waiting at all
      {Lane::Expensive, 8, 1 + 2},  // expensive ones wait max(1, 8 / 4) at a time
      {Lane::Expensive, 0, 1 + 1},
  };
  for (const auto& row : rows) {
    INFO("lane " << static_cast<int>(row.lane) << ", queue " << row.queue_limit);
    Admission admission(1, row.queue_limit, 60s);
    std::vector<std::unique_ptr<Gate>> gates;
    std::size_t accepted = 0;
    for (int i = 0; i < 12; ++i) {
      gates.push_back(std::make_unique<Gate>());
      if (admission.submit(row.lane, gates.back()->job())) ++accepted;
      if (i == 0) REQUIRE(started_soon(*gates.front()));
    }
    CHECK(accepted == row.accepted);
    CHECK(admission.stats().rejected == 12 - row.accepted);
    for (auto& g : gates) g->release.set_value();
    admission.shutdown();
    CHECK(admission.stats().completed == row.accepted);
  }
}

TEST_CASE("a request that waited longer than the limit is told so (it answers 503)", "[server]") {
  Admission admission(1, 4, 0ms);
  Gate first, second;
  REQUIRE(admission.submit(Lane::Cheap, first.job()));
  REQUIRE(started_soon(first));
  REQUIRE(admission.submit(Lane::Cheap, second.job()));
  std::this_thread::sleep_for(5ms);  // let the queued job age past the 0 ms limit
  first.release.set_value();
  REQUIRE(started_soon(second));
  second.release.set_value();
  admission.shutdown();
  CHECK(second.expired);
  CHECK(admission.stats().expired >= 1);
}

TEST_CASE("after shutdown nothing more is taken", "[server]") {
  Admission admission(1, 4, 60s);
  admission.shutdown();
  CHECK_FALSE(admission.submit(Lane::Cheap, [](bool) {}));
}

TEST_CASE("request_lane: long searches are expensive, routes without a searcher inline", "[server]") {
  struct Row {
    http::verb method;
    std::string target;
    Lane lane;
  };
  const std::string long_q =
      "c%C3%A1c+quy+%C4%91%E1%BB%8Bnh+v%E1%BB%81+th%E1%BB%A7+t%E1%BB%A5c+h%C3%A0nh+ch%C3%ADnh+"
      "c%E1%BB%A7a+%E1%BB%A6y+ban+nh%C3%A2n+d%C3%A2n+t%E1%BB%89nh+v%C3%A0+huy%E1%BB%87n";
  const std::vector<Row> rows{
      {http::verb::get, "/api/v1/search?q=%C4%91%E1%BB%93ng+ch%C3%AD", Lane::Cheap},  // đồng chí
      {http::verb::get, "/api/v1/search?q=" + long_q, Lane::Expensive},
      {http::verb::get, "/search?q=" + long_q, Lane::Expensive},
      {http::verb::get, "/api/v1/search?q=%22KT-XH+KT-XH+KT-XH+KT-XH+KT-XH+KT-XH+KT-XH%22", Lane::Expensive},
      {http::verb::get, "/api/v1/search?type=ngh%E1%BB%8B+%C4%91%E1%BB%8Bnh", Lane::Cheap},
      {http::verb::get, "/api/v1/documents/66-2025-nd-cp", Lane::Cheap},
      {http::verb::get, "/health", Lane::Cheap},
      {http::verb::get, "/static/app.css", Lane::Inline},
      {http::verb::get, "/nowhere", Lane::Inline},
      {http::verb::post, "/api/v1/search?q=" + long_q, Lane::Inline},  // 405 needs no searcher
      {http::verb::get, "/api/v1/search?q=%zz", Lane::Inline},         // 400 needs no searcher
  };
  for (const auto& row : rows) {
    INFO(row.target);
    CHECK(request_lane(testing::make_request(row.target, row.method)) == row.lane);
  }
}

}  // namespace
}  // namespace tracuu::searchd::server
