// A running server keeps answering while `indexer rebuild` swaps generations.
#include <atomic>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/integration/http_client.h"
#include "tests/integration/http_process.h"

namespace {

using namespace tracuu::test;
using json = nlohmann::json;

TEST_CASE("searches keep succeeding through generation swaps", "[http][slow]") {
  TempDir dir("http-swap");
  build_sample_index(dir.path());
  SearchdProcess server({"--db", dir.path().string(), "--threads", "2"});
  const unsigned first_generation = json::parse(http_get(server.port(), "/health").body)["index"]["generation"];

  std::atomic<bool> rebuilding{true};
  std::atomic<int> answered{0}, failed{0};
  std::string first_failure;
  std::thread client([&] {
    // Bounded: until the rebuilds end plus 20 more, and never more than 5000 requests.
    int after = 0;
    for (int i = 0; i < 5000 && after < 20; ++i) {
      if (!rebuilding) ++after;
      try {
        const Reply r = http_get(server.port(), "/api/v1/search?q=kinh+t%E1%BA%BF&limit=5");
        if (r.status == 200 && json::parse(r.body)["total"] == 5) {
          ++answered;
          continue;
        }
        if (failed++ == 0) first_failure = std::to_string(r.status) + " " + r.body;
      } catch (const std::exception& e) {
        if (failed++ == 0) first_failure = e.what();
      }
    }
  });
  for (int round = 0; round < 3; ++round) {
    int code = -1;
    run_program({TRACUU_INDEXER_BIN, "rebuild", "--db", dir.path().string(), "--threads", "1",
                 TRACUU_SOURCE_DIR "/data/samples"},
                &code);
    CHECK(code == 0);
  }
  rebuilding = false;
  client.join();
  INFO(first_failure);
  CHECK(failed == 0);
  CHECK(answered >= 20);
  const json health = json::parse(http_get(server.port(), "/health").body);
  CHECK(health["index"]["generation"].get<unsigned>() == first_generation + 3);  // the server follows the swaps
  CHECK(server.stop() == 0);
}

}  // namespace
