// Crash safety of the indexer: `kill -9` at any moment leaves the last committed
// state readable, and re-running completes the job. The kills land at whatever
// point the indexer has reached; every assertion holds wherever that is.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "schema/index_home.h"
#include "searchd/searcher.h"
#include "tests/support/temp_dir.h"

extern char** environ;

namespace {
namespace fs = std::filesystem;

constexpr int kDocs = 2500;

// Documents made of real sample text, each with a unique marker word.
fs::path write_corpus(const fs::path& dir) {
  std::ifstream in(std::string(TRACUU_SOURCE_DIR) + "/data/samples/001_6b3477ad7153f868.txt");
  const std::string sample((std::istreambuf_iterator<char>(in)), {});
  REQUIRE(sample.size() > 5000);
  const fs::path out = dir / "corpus.jsonl";
  std::ofstream f(out);
  for (int i = 0; i < kDocs; ++i) {
    const std::size_t start = (static_cast<std::size_t>(i) * 997) % (sample.size() - 4000);
    std::string body = sample.substr(start, 4000);
    while (!body.empty() && (static_cast<unsigned char>(body.front()) & 0xC0) == 0x80) body.erase(0, 1);
    while (!body.empty() && (static_cast<unsigned char>(body.back()) & 0x80)) body.pop_back();
    nlohmann::json j{{"id", "doc-" + std::to_string(i)},
                     {"title", "Văn bản số " + std::to_string(i)},
                     {"text", "markerword" + std::to_string(i) + " " + body}};
    f << j.dump() << '\n';
  }
  return out;
}

pid_t spawn_indexer(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  std::string bin = TRACUU_INDEXER_BIN;
  argv.push_back(bin.data());
  std::vector<std::string> copy = args;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, bin.c_str(), &actions, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

// Runs the indexer and kills it with SIGKILL after `ms` milliseconds.
// @return true when the kill interrupted it (it had not finished yet).
bool run_and_kill(const std::vector<std::string>& args, int ms) {
  const pid_t pid = spawn_indexer(args);
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  ::kill(pid, SIGKILL);
  const int status = wait_for(pid);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

// The index is readable and consistent: it opens, every document found decodes, searches work.
std::size_t check_readable(const fs::path& home) {
  auto searcher = tracuu::searchd::Searcher::open(home);
  REQUIRE(searcher.has_value());
  auto info = searcher->info(tracuu::schema::Audience{true, {}});
  REQUIRE(info.has_value());
  tracuu::searchd::SearchRequest r;
  r.query = "Ủy ban nhân dân";
  r.limit = 20;
  auto resp = searcher->search(r);
  REQUIRE(resp.has_value());
  CHECK(resp->total <= info->documents);
  if (info->documents > 0) CHECK(resp->total > 0);
  return info->documents;
}

bool findable(const fs::path& home, int i) {
  auto searcher = tracuu::searchd::Searcher::open(home);
  tracuu::searchd::SearchRequest r;
  r.query = "markerword" + std::to_string(i);
  auto resp = searcher->search(r);
  return resp && resp->total == 1 && resp->hits.at(0).id == "doc-" + std::to_string(i);
}

}  // namespace

TEST_CASE("crash: kill -9 during incremental indexing keeps the last commit", "[crash]") {
  const tracuu::testing::TempDir tmp("crash");
  const fs::path corpus = write_corpus(tmp.path());
  const fs::path home = tmp.path() / "index";
  // Start an index with one committed document so every later run is incremental.
  REQUIRE(WEXITSTATUS(wait_for(
              spawn_indexer({"add", "--db", home.string(),
                             (fs::path(TRACUU_SOURCE_DIR) / "data/samples/000_4273f595e8f93ec2.txt").string()}))) == 0);
  std::size_t previous = check_readable(home);
  int interrupted = 0;
  for (int ms : {150, 400, 700, 1000, 1500}) {
    INFO("killed after " << ms << " ms");
    interrupted +=
        run_and_kill({"add", "--db", home.string(), "--threads", "2", "--batch-docs", "64", corpus.string()}, ms);
    const std::size_t now = check_readable(home);
    CHECK(now >= previous);  // committed work is never lost
    previous = now;
  }
  CHECK(interrupted > 0);  // the test did crash the indexer mid-run
  // Re-running completes the job: every document is there exactly once.
  REQUIRE(WEXITSTATUS(wait_for(spawn_indexer({"add", "--db", home.string(), "--batch-docs", "64", corpus.string()}))) ==
          0);
  CHECK(check_readable(home) == kDocs + 1);
  for (int i : {0, 1, 777, 1500, kDocs - 1}) CHECK(findable(home, i));
}

TEST_CASE("crash: kill -9 during a rebuild leaves the live index serving", "[crash]") {
  const tracuu::testing::TempDir tmp("crash");
  const fs::path corpus = write_corpus(tmp.path());
  const fs::path home = tmp.path() / "index";
  REQUIRE(WEXITSTATUS(wait_for(spawn_indexer(
              {"build", "--db", home.string(), (fs::path(TRACUU_SOURCE_DIR) / "data/samples").string()}))) == 0);
  const auto live = tracuu::schema::current_generation(home);
  REQUIRE(live.has_value());
  REQUIRE(check_readable(home) == 5);
  int interrupted = 0;
  for (int ms : {100, 500, 1200}) {
    INFO("killed after " << ms << " ms");
    interrupted += run_and_kill({"rebuild", "--db", home.string(), "--threads", "2", corpus.string()}, ms);
    const auto now = tracuu::schema::current_generation(home);
    REQUIRE(now.has_value());
    // Either the old generation still serves, or the new one was complete when swapped in.
    const std::size_t docs = check_readable(home);
    CHECK((docs == 5 || docs == static_cast<std::size_t>(kDocs)));
    if (*now == *live) CHECK(docs == 5);
  }
  CHECK(interrupted > 0);
  REQUIRE(WEXITSTATUS(wait_for(spawn_indexer({"rebuild", "--db", home.string(), corpus.string()}))) == 0);
  CHECK(check_readable(home) == kDocs);
  CHECK(findable(home, 1234));
  // Leftovers of the interrupted rebuilds are cleaned up.
  for (const auto& entry : fs::directory_iterator(home)) CHECK(entry.path().extension() != ".tmp");
}

TEST_CASE("crash: kill -9 during the first build, then a re-run completes", "[crash]") {
  const tracuu::testing::TempDir tmp("crash");
  const fs::path corpus = write_corpus(tmp.path());
  const fs::path home = tmp.path() / "index";
  run_and_kill({"build", "--db", home.string(), "--threads", "2", corpus.string()}, 300);
  if (tracuu::schema::current_generation(home).has_value()) CHECK(check_readable(home) == kDocs);
  REQUIRE(WEXITSTATUS(wait_for(spawn_indexer({"build", "--db", home.string(), corpus.string()}))) == 0);
  CHECK(check_readable(home) == kDocs);
  CHECK(findable(home, 42));
}
