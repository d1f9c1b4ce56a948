// A read replica (docs/scale-out.md): the writer's index home served by xapian-replicate-server,
// `searchd replicate` copying it into the replica's home, `searchd serve` there answering from it,
// through an incremental commit (changesets), a commit without changesets (a full copy), a class
// database created by `indexer add`, and a rebuild (a new generation).
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/integration/http_client.h"
#include "tests/integration/http_process.h"

namespace {

using namespace tracuu::testing;
using json = nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* kNewText = R"(ỦY BAN NHÂN DÂN
TỈNH LẠNG SƠN

Số: 901/QĐ-UBND

Lạng Sơn, ngày 3 tháng 8 năm 2025

QUYẾT ĐỊNH
Về việc công bố phương án xyzzybansao phòng chống thiên tai năm 2025

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN

QUYẾT ĐỊNH:

Điều 1. Công bố phương án xyzzybansao phòng chống thiên tai trên địa bàn tỉnh.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

CHỦ TỊCH

Hồ Tiến Thiệu
)";

constexpr const char* kInternalText = R"(ỦY BAN NHÂN DÂN
TỈNH LẠNG SƠN

Số: 902/QĐ-UBND

Lạng Sơn, ngày 4 tháng 8 năm 2025

QUYẾT ĐỊNH
Về việc lưu trữ hồ sơ xyzzynoibo của Văn phòng

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN

QUYẾT ĐỊNH:

Điều 1. Văn phòng lưu trữ hồ sơ xyzzynoibo theo chế độ nội bộ.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

CHỦ TỊCH

Hồ Tiến Thiệu
)";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

int run(const std::vector<std::string>& argv) {
  int code = -1;
  run_program(argv, &code);
  return code;
}

/// The replica's view of the writer, read through the replica's own searchd.
struct Seen {
  unsigned generation = 0;
  std::size_t documents = 0;
  std::string last_commit;
};

Seen ready(unsigned short port) {
  const Reply r = http_get(port, "/ready");
  REQUIRE(r.status == 200);
  const json j = json::parse(r.body)["index"];
  return {j["generation"].get<unsigned>(), j["documents"].get<std::size_t>(), j["last_commit"].get<std::string>()};
}

int total(unsigned short port, const std::string& q) {
  const Reply r = http_get(port, "/api/v1/search?q=" + q);
  REQUIRE(r.status == 200);
  return json::parse(r.body)["total"].get<int>();
}

int staff_total(const fs::path& home, const std::string& q) {
  int code = -1;
  const std::string out =
      run_program({TRACUU_SEARCHD_BIN, "query", "--config", "", "--db", home.string(), "--staff", q}, &code);
  REQUIRE(code == 0);
  return json::parse(out)["total"].get<int>();
}

/// A writer's index home of the samples served by xapian-replicate-server on loopback, and the
/// replica's home beside it (not yet created).
struct WriterAndReplica {
  explicit WriterAndReplica(const std::string& tag) : dir(tag) {
    build_sample_index(writer);
    master = std::make_unique<BackgroundProcess>(std::vector<std::string>{"/usr/bin/xapian-replicate-server",
                                                                          "--interface", "127.0.0.1", "--port",
                                                                          std::to_string(port), writer.string()});
    REQUIRE(wait_for_port(port));
  }
  /// `searchd replicate` from this writer into the replica, with `extra` options.
  std::vector<std::string> replicate_argv(const std::vector<std::string>& extra) const {
    std::vector<std::string> argv{
        TRACUU_SEARCHD_BIN, "replicate",     "--config", "", "--from", "127.0.0.1:" + std::to_string(port), "--db",
        replica.string(),   "--reader-time", "0"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
  }
  TempDir dir;
  fs::path writer = dir.path() / "writer", replica = dir.path() / "replica";
  unsigned short port = free_port();
  std::unique_ptr<BackgroundProcess> master;
};

}  // namespace

TEST_CASE("a replica follows the writer through commits, a new class and a rebuild", "[http][replica][slow]") {
  WriterAndReplica w("replica");
  const TempDir& dir = w.dir;
  const fs::path &writer = w.writer, &replica = w.replica;
  const auto replicate = [&] { return run(w.replicate_argv({"--once", "--timeout", "10"})); };
  // The indexer with changesets kept for replicas, as docs/scale-out.md asks of the writer.
  const auto indexer = [&](std::vector<std::string> args, bool changesets) {
    std::vector<std::string> argv{"/usr/bin/env", changesets ? "XAPIAN_MAX_CHANGESETS=10" : "XAPIAN_MAX_CHANGESETS=0",
                                  TRACUU_INDEXER_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv);
  };
  const auto writer_generation = [&] { return fs::read_symlink(writer / "current").filename().string(); };
  const auto public_stub = [&] { return slurp(fs::canonical(replica / "current") / "public" / "XAPIANDB"); };

  REQUIRE(replicate() == 0);
  SearchdProcess server({"--db", replica.string(), "--threads", "1", "--workers", "1"});
  Seen seen = ready(server.port());
  CHECK("gen-" + std::string(6 - std::to_string(seen.generation).size(), '0') + std::to_string(seen.generation) ==
        writer_generation());
  CHECK(seen.documents == 5);
  CHECK(total(server.port(), "kinh+t%E1%BA%BF") == 5);
  CHECK(total(server.port(), "xyzzybansao") == 0);

  SECTION("commits reach the replica's searchd: by changesets, then by a full copy") {
    dir.write("more/901-qd-ubnd.txt", kNewText);
    REQUIRE(indexer({"add", "--db", writer.string(), (dir.path() / "more").string()}, true) == 0);
    const std::string stub = public_stub();
    REQUIRE(replicate() == 0);
    CHECK(public_stub() == stub);  // applied as a changeset, in place
    CHECK(total(server.port(), "xyzzybansao") == 1);
    CHECK(ready(server.port()).documents == 6);

    // Without changesets the writer can only send the whole database: the replica's stub
    // switches to the other copy, and searchd opens that one.
    REQUIRE(indexer({"delete", "--db", writer.string(), "--id", "901-qd-ubnd"}, false) == 0);
    REQUIRE(replicate() == 0);
    CHECK(public_stub() != stub);
    CHECK(total(server.port(), "xyzzybansao") == 0);
    CHECK(ready(server.port()).documents == 5);
  }

  SECTION("a class database created in the live generation is copied whole, and public answers keep their time") {
    const std::string public_commit = seen.last_commit;
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // a new commit would have a later second
    dir.write("noibo/902-qd-ubnd.txt", kInternalText);
    dir.write("noibo/902-qd-ubnd.txt.meta.json", R"({"visibility": "internal"})");
    REQUIRE(indexer({"add", "--db", writer.string(), (dir.path() / "noibo").string()}, true) == 0);
    REQUIRE(replicate() == 0);
    CHECK(fs::exists(fs::canonical(replica / "current") / "internal" / "XAPIANDB"));
    CHECK_FALSE(fs::exists(replica / "incoming"));
    CHECK(staff_total(replica, "xyzzynoibo") == 1);
    CHECK(total(server.port(), "xyzzynoibo") == 0);
    const Seen after = ready(server.port());
    CHECK(after.documents == 5);
    CHECK(after.last_commit == public_commit);  // the public's /ready says nothing of the internal commit
  }

  SECTION("a rebuild on the writer is a new generation on the replica") {
    REQUIRE(indexer({"rebuild", "--db", writer.string(), "--threads", "1"}, true) == 0);
    REQUIRE(replicate() == 0);
    const Seen after = ready(server.port());
    CHECK(after.generation == seen.generation + 1);
    CHECK(after.documents == 5);
    CHECK(fs::read_symlink(replica / "current").filename().string() == writer_generation());
    CHECK(total(server.port(), "kinh+t%E1%BA%BF") == 5);
    // A round with nothing new changes nothing.
    REQUIRE(replicate() == 0);
    CHECK(ready(server.port()).generation == after.generation);
  }

  SECTION("a writer out of reach fails the round and leaves the replica serving") {
    w.master->stop();
    CHECK(replicate() != 0);
    CHECK(ready(server.port()).generation == seen.generation);
    CHECK(total(server.port(), "kinh+t%E1%BA%BF") == 5);
  }
  CHECK(server.stop() == 0);
}

TEST_CASE("searchd replicate keeps running: a rebuild on the writer reaches the replica's searchd unasked",
          "[http][replica][slow]") {
  WriterAndReplica w("replica-loop");
  const fs::path &writer = w.writer, &replica = w.replica;
  BackgroundProcess follower(w.replicate_argv({"--interval", "1"}));
  // Polls until `done` holds, for at most a minute (a round takes well under a second here).
  const auto eventually = [](const auto& done) {
    for (int i = 0; i < 600 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return done();
  };
  REQUIRE(eventually([&] { return fs::exists(replica / "current"); }));
  SearchdProcess server({"--db", replica.string(), "--threads", "1", "--workers", "1"});
  const unsigned first = ready(server.port()).generation;
  REQUIRE(run({TRACUU_INDEXER_BIN, "rebuild", "--db", writer.string(), "--threads", "1"}) == 0);
  CHECK(eventually([&] { return ready(server.port()).generation == first + 1; }));
  CHECK(total(server.port(), "kinh+t%E1%BA%BF") == 5);
  follower.stop();
  CHECK(server.stop() == 0);
}
