// "Newly indexed" (issue 18's feeds): each document keeps the time the index first held it through
// re-indexing and rebuilds; sort=indexed_desc and the Atom feed list what is new to the index first,
// whatever its issue date.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>

#include "indexer/pipeline.h"
#include "tests/unit/access_fixture.h"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr const char* kOld =
    "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\nSố: 21/QĐ-UBND\nLạng Sơn, ngày 10 tháng 3 năm 2020\nQUYẾT ĐỊNH\n"
    "Về việc thành lập tổ công tác xyzzymoivanban\n";
constexpr const char* kOlder =
    "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\nSố: 7/QĐ-UBND\nLạng Sơn, ngày 02 tháng 1 năm 2019\nQUYẾT ĐỊNH\n"
    "Về việc kiện toàn ban chỉ đạo xyzzymoivanban\n";

tracuu::indexer::BuildOptions at(const char* stamp) {
  tracuu::indexer::BuildOptions o;
  o.threads = 1;
  o.indexed_at = stamp;
  return o;
}

// id -> indexed_at of every hit of sort=indexed_desc, in order.
std::vector<std::pair<std::string, std::string>> newest(const fs::path& home) {
  tracuu::testing::AccessServer server(home);
  const auto r = json::parse(server.get("/api/v1/search?q=xyzzymoivanban&sort=indexed_desc").body());
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& h : r["hits"]) out.emplace_back(h["id"], h["indexed_at"].is_string() ? h["indexed_at"] : "");
  return out;
}

TEST_CASE("a document keeps the time the index first held it; what is new comes first", "[feed]") {
  tracuu::testing::TempDir dir("new-docs");
  const fs::path home = dir.path() / "home";
  dir.write("a/qd-21.txt", kOld);
  dir.write("b/qd-7.txt", kOlder);
  const tracuu::indexer::Extractor extractor;
  using Order = std::vector<std::pair<std::string, std::string>>;

  REQUIRE(tracuu::indexer::rebuild_index(home, {dir.path() / "a"}, extractor, at("2026-01-05T08:00:00Z"), {}));
  // A document issued earlier, added later: new to the index, so first.
  REQUIRE(tracuu::indexer::add_documents(home, {dir.path() / "b"}, extractor, at("2026-02-05T08:00:00Z"), {}));
  const Order expected{{"qd-7", "2026-02-05T08:00:00Z"}, {"qd-21", "2026-01-05T08:00:00Z"}};
  CHECK(newest(home) == expected);
  // A rebuild and a changed text re-index both documents: neither becomes new.
  REQUIRE(tracuu::indexer::rebuild_index(home, {dir.path() / "a", dir.path() / "b"}, extractor,
                                         at("2026-03-05T08:00:00Z"), {}));
  CHECK(newest(home) == expected);
  dir.write("a/qd-21.txt", std::string(kOld) + "Điều 1. Sửa đổi thành phần tổ công tác.\n");
  REQUIRE(tracuu::indexer::add_documents(home, {dir.path() / "a"}, extractor, at("2026-04-05T08:00:00Z"), {}));
  CHECK(newest(home) == expected);

  // The feed follows the same order: <updated> is when the index first held it, <published> its issue date.
  tracuu::testing::AccessServer server(home);
  const std::string feed = server.get("/feed?q=xyzzymoivanban").body();
  const std::regex entry(
      R"(<entry>\n<title>[^<]+</title>\n<id>urn:tracuu:doc:([^<]+)</id>\n<updated>([^<]+)</updated>\n)"
      R"(<published>([^<]+)</published>)");
  std::vector<std::vector<std::string>> entries;
  for (std::sregex_iterator it(feed.begin(), feed.end(), entry), end; it != end; ++it)
    entries.push_back({(*it)[1], (*it)[2], (*it)[3]});
  const std::vector<std::vector<std::string>> expected_entries{
      {"qd-7", "2026-02-05T08:00:00Z", "2019-01-02T00:00:00+07:00"},
      {"qd-21", "2026-01-05T08:00:00Z", "2020-03-10T00:00:00+07:00"}};
  CHECK(entries == expected_entries);
  CHECK(feed.find("<updated>2026-02-05T08:00:00Z</updated>\n<link rel=\"self\"") != std::string::npos);
  CHECK(server.get("/api/v1/search?q=x&sort=indexed").result_int() == 400);
}

}  // namespace
