// A running server keeps answering while `indexer rebuild` swaps generations,
// and SIGHUP makes it drop the replaced generation at once.
#include <signal.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/integration/http_client.h"
#include "tests/integration/http_process.h"

namespace {

using namespace tracuu::testing;
using json = nlohmann::json;
namespace fs = std::filesystem;

/// How many descriptors of process `pid` point into the directory `dir`.
int open_files_under(pid_t pid, const fs::path& dir) {
  int n = 0;
  for (const auto& fd : fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd")) {
    std::error_code ec;
    const std::string target = fs::read_symlink(fd.path(), ec).string();
    if (!ec && target.rfind(dir.string() + "/", 0) == 0) ++n;
  }
  return n;
}

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

TEST_CASE("SIGHUP reopens the index: idle searchers let go of the replaced generation", "[http]") {
  TempDir dir("http-sighup");
  build_sample_index(dir.path());
  SearchdProcess server({"--db", dir.path().string(), "--threads", "2"});
  const fs::path first = fs::canonical(dir.path() / "current");
  int code = -1;
  run_program(
      {TRACUU_INDEXER_BIN, "rebuild", "--db", dir.path().string(), "--threads", "1", TRACUU_SOURCE_DIR "/data/samples"},
      &code);
  REQUIRE(code == 0);
  const fs::path second = fs::canonical(dir.path() / "current");
  REQUIRE(second != first);
  // No request came: both searchers still hold the first generation, kept on disk beside the new one.
  REQUIRE(open_files_under(server.pid(), first) > 0);

  REQUIRE(::kill(server.pid(), SIGHUP) == 0);
  // The reload runs on an I/O thread; wait for it (bounded), without sending a request that would refresh.
  for (int i = 0; i < 200 && open_files_under(server.pid(), first) > 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(open_files_under(server.pid(), first) == 0);
  CHECK(open_files_under(server.pid(), second) > 0);
  // Still serving, from the new generation.
  const json health = json::parse(http_get(server.port(), "/health").body);
  CHECK(health["index"]["generation"].get<unsigned>() ==
        std::stoul(second.filename().string().substr(4)));  // gen-NNNNNN
  CHECK(server.stop() == 0);
}

}  // namespace
