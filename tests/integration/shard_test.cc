// Shards (docs/scale-out.md): `indexer build --shards 3` and the same documents searched three ways:
// one index, the sharded home opened locally, and its three shards each served by a stock
// xapian-tcpsrv on loopback (`searchd serve --shard tcp://...`, the remote-compatible path). Totals,
// the top 20 ids, facets, snippets, did-you-mean, document pages, citations and suggestions agree.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "schema/sharding.h"
#include "tests/integration/http_client.h"
#include "tests/integration/http_process.h"

namespace {

using namespace tracuu::testing;
using json = nlohmann::json;
namespace fs = std::filesystem;

json record(const std::string& id, const std::string& number, const std::string& date, const std::string& title,
            const std::string& text) {
  return {{"id", id},
          {"title", title},
          {"so_hieu", number},
          {"loai_van_ban", "Nghị định"},
          {"text", text},
          {"co_quan_ban_hanh", "Chính phủ"},
          {"ngay_ban_hanh", date}};
}

// Beside the samples: a decree and its copy from another source (same number and date: one hit,
// counted once), the decree replacing it (its validity is settled across shards), another decree, and
// an internal document (never in a public answer).
std::string extra_records() {
  const std::string text103 =
      "Nghị định này quy định chi tiết và biện pháp thi hành một số điều của Luật Công an nhân dân về chế độ "
      "phục vụ. Nghị định này có hiệu lực thi hành kể từ ngày 05 tháng 12 năm 2015.";
  json internal = record("noi-bo-7", "7/2024/NĐ-CP", "2024-03-01", "Quy chế nội bộ về công an nhân dân",
                         "Quy chế xyzzynoibo về chế độ phục vụ của công an nhân dân.");
  internal["visibility"] = "internal";
  std::string out;
  for (const json& j :
       {record("nd-103-2015", "103/2015/NĐ-CP", "2015-10-20",
               "Quy định chi tiết và biện pháp thi hành một số điều của Luật Công an nhân dân", text103),
        record("nd-103-2015-ban-sao", "103/2015/NĐ-CP", "2015-10-20",
               "Quy định chi tiết và biện pháp thi hành một số điều của Luật Công an nhân dân", text103),
        record("nd-42-2019", "42/2019/NĐ-CP", "2019-05-16", "Quy định chi tiết một số điều của Luật Công an nhân dân",
               "Điều 18. Hiệu lực thi hành\n1. Nghị định này có hiệu lực thi hành kể từ ngày 25 tháng 7 năm 2019, "
               "thay thế Nghị định số 103/2015/NĐ-CP ngày 20 tháng 10 năm 2015 của Chính phủ quy định chi tiết và "
               "biện pháp thi hành một số điều của Luật Công an nhân dân."),
        record("nd-15-2020", "15/2020/NĐ-CP", "2020-02-03",
               "Quy định xử phạt vi phạm hành chính trong lĩnh vực bưu chính, viễn thông",
               "Nghị định này quy định về hành vi vi phạm hành chính, hình thức xử phạt trong lĩnh vực bưu chính, "
               "viễn thông, tần số vô tuyến điện, công nghệ thông tin và giao dịch điện tử."),
        internal})
    out += j.dump() + "\n";
  return out;
}

int run(const std::vector<std::string>& argv) {
  int code = -1;
  run_program(argv, &code);
  return code;
}

// An answer without what may differ between equal answers: the time taken, the floating-point scores,
// when each index first held a document (the two were built apart), and which of two copies stands for both (the first
// in document-id order, and shards number documents otherwise than one index: docs/scale-out.md).
json comparable(const Reply& r) {
  INFO(r.body);
  REQUIRE(r.status == 200);
  std::string body = r.body;
  const std::string copy = "nd-103-2015-ban-sao";
  for (auto at = body.find(copy); at != std::string::npos; at = body.find(copy, at))
    body.replace(at, copy.size(), "nd-103-2015");
  json j = json::parse(body);
  j.erase("took_ms");
  if (j.contains("hits"))
    for (auto& h : j["hits"]) {
      h.erase("score");
      h.erase("indexed_at");
    }
  return j;
}

std::vector<std::string> ids_of(const json& answer) {
  std::vector<std::string> out;
  for (const auto& h : answer["hits"]) out.push_back(h["id"].get<std::string>());
  return out;
}

/// The test's documents indexed twice, as one index and as a home of 3 shards, each shard's public
/// database served by its own xapian-tcpsrv.
struct ShardedSetup {
  explicit ShardedSetup(const std::string& tag) : dir(tag) {
    extra = dir.write("extra.jsonl", extra_records());
    const std::string samples = std::string(TRACUU_SOURCE_DIR) + "/data/samples";
    REQUIRE(run({TRACUU_INDEXER_BIN, "build", "--config", "", "--db", one.string(), "--threads", "1", samples,
                 extra.string()}) == 0);
    REQUIRE(run({TRACUU_INDEXER_BIN, "build", "--config", "", "--db", sharded.string(), "--shards", "3", "--threads",
                 "1", samples, extra.string()}) == 0);
    for (unsigned k = 0; k < 3; ++k) {
      ports.push_back(free_port());
      servers.push_back(start_shard(k));
      reader_ports.push_back(free_port());
      readers.push_back(start_reader(k));
    }
  }
  fs::path shard_db(unsigned k) const { return sharded / ("shard-" + std::to_string(k)) / "current" / "public"; }
  std::unique_ptr<BackgroundProcess> start_shard(unsigned k) {
    // Through `current`: each connection opens the live generation.
    auto p = std::make_unique<BackgroundProcess>(
        std::vector<std::string>{"/usr/bin/xapian-tcpsrv", "--interface", "127.0.0.1", "--port",
                                 std::to_string(ports[k]), shard_db(k).string()});
    REQUIRE(wait_for_port(ports[k]));
    return p;
  }
  /// The shard's reader (`searchd shard-serve`) on the database its xapian-tcpsrv serves.
  std::unique_ptr<BackgroundProcess> start_reader(unsigned k) {
    auto p = std::make_unique<BackgroundProcess>(
        std::vector<std::string>{TRACUU_SEARCHD_BIN, "shard-serve", "--database", shard_db(k).string(), "--listen",
                                 "127.0.0.1:" + std::to_string(reader_ports[k])});
    REQUIRE(wait_for_port(reader_ports[k]));
    return p;
  }
  /// --shard of each shard, `with_readers`: naming its reader too.
  std::string address(unsigned k, bool with_readers) const {
    return "tcp://127.0.0.1:" + std::to_string(ports[k]) +
           (with_readers ? "?reader=127.0.0.1:" + std::to_string(reader_ports[k]) : "");
  }
  std::vector<std::string> shard_args(bool with_readers = false) const {
    std::vector<std::string> out;
    for (unsigned k = 0; k < ports.size(); ++k) out.insert(out.end(), {"--shard", address(k, with_readers)});
    return out;
  }
  TempDir dir;
  fs::path extra;  ///< the decrees beside the samples (an input of both homes)
  fs::path one = dir.path() / "one", sharded = dir.path() / "sharded";
  std::vector<unsigned short> ports, reader_ports;
  std::vector<std::unique_ptr<BackgroundProcess>> servers, readers;
};

// An answer minus the time it took: what remote shards with and without readers must give alike.
json all_but_time(const Reply& r) {
  INFO(r.body);
  REQUIRE(r.status == 200);
  json j = json::parse(r.body);
  j.erase("took_ms");
  return j;
}

// While the shard `address` is down: the strict searchd answers `target` with a 503 naming it, the partial
// one with exactly the other shards' hits (`live`), marked partial and naming it.
void check_shard_down(const SearchdProcess& strict, const SearchdProcess& partial, const std::string& target,
                      const std::string& address, std::vector<std::string> live) {
  const Reply failed = http_get(strict.port(), target);
  CHECK(failed.status == 503);
  CHECK(failed.body.find(address) != std::string::npos);
  const Reply answered = http_get(partial.port(), target);
  REQUIRE(answered.status == 200);
  const json part = json::parse(answered.body);
  CHECK(part["partial"] == true);
  CHECK(part["missing_shards"] == json::array({address}));
  CHECK(part["total"] == live.size());
  // In any order: without a shard's documents the term statistics, so the scores, change.
  std::vector<std::string> got = ids_of(part);
  std::sort(got.begin(), got.end());
  std::sort(live.begin(), live.end());
  CHECK(got == live);
}

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

TEST_CASE("3 shards, local or on xapian-tcpsrv, answer as one index of the same documents", "[http][shards][slow]") {
  ShardedSetup s("shards");
  SearchdProcess one({"--db", s.one.string(), "--threads", "1", "--workers", "1"});
  SearchdProcess local({"--db", s.sharded.string(), "--threads", "1", "--workers", "1"});
  SearchdProcess remote(with({"--threads", "1", "--workers", "1"}, s.shard_args()));
  SearchdProcess readers(with({"--threads", "1", "--workers", "1"}, s.shard_args(true)));

  // Searches (with and without diacritics, filters, date sorts, citations, a misspelling), a document
  // page, a citation and completions.
  const std::vector<std::string> targets{
      "/api/v1/search?q=" + query_encode("công an nhân dân") + "&limit=20",
      "/api/v1/search?q=" + query_encode("cong an nhan dan") + "&limit=20",
      "/api/v1/search?q=" + query_encode("kinh tế") + "&limit=20&snippets=2",
      "/api/v1/search?q=" + query_encode("Ủy ban nhân dân tỉnh") + "&limit=20",
      "/api/v1/search?q=" + query_encode("nghị định") + "&limit=20&validity=het",
      "/api/v1/search?q=" + query_encode("nghị định") + "&limit=20&year=2015&year=2019",
      "/api/v1/search?q=&limit=20&sort=date_desc",
      "/api/v1/search?q=&limit=20&type=" + query_encode("Nghị định"),
      "/api/v1/search?q=" + query_encode("cites:103/2015/NĐ-CP") + "&limit=20",
      "/api/v1/search?q=" + query_encode("citedby:nd-42-2019") + "&limit=20",
      "/api/v1/search?q=" + query_encode("bưu chínhh viễn thôngg") + "&limit=20",
      "/api/v1/search?q=xyzzynoibo&limit=20",
      "/api/v1/documents/nd-103-2015",
      "/api/v1/documents/nd-42-2019",
      "/api/v1/citations?number=" + query_encode("103/2015/NĐ-CP"),
      "/api/v1/suggest?q=" + query_encode("công a"),
      "/api/v1/suggest?q=" + query_encode("nghi dinh"),
  };
  for (const auto& target : targets) {
    INFO(target);
    const json expected = comparable(http_get(one.port(), target));
    const json from_local = comparable(http_get(local.port(), target));
    const Reply remote_reply = http_get(remote.port(), target);
    const json from_remote = comparable(remote_reply);
    CHECK(from_local == expected);
    CHECK(from_remote == expected);
    if (expected.contains("hits")) CHECK(ids_of(from_remote) == ids_of(expected));
    // With the shards' readers: the same answer to the last score and snippet.
    CHECK(all_but_time(http_get(readers.port(), target)) == all_but_time(remote_reply));
  }
  // Snippets and the ranking's reads over the readers, with and without marks, and page 2.
  for (const std::string q : {"công an nhân dân", "cong an nhan dan", "Luật Công an nhân dân", "viễn thông"})
    for (const std::string params : {"&limit=5&snippets=3", "&limit=5&offset=5&snippets=1"}) {
      const std::string target = "/api/v1/search?q=" + query_encode(q) + params;
      INFO(target);
      const json expected = all_but_time(http_get(remote.port(), target));
      CHECK(all_but_time(http_get(readers.port(), target)) == expected);
      CHECK(comparable(http_get(readers.port(), target)) == comparable(http_get(one.port(), target)));
    }
  // What the table must cover, so that a change breaking it cannot pass by matching nothing.
  const json copies = comparable(http_get(remote.port(), targets[0]));
  CHECK(copies["total"].get<int>() >= 3);
  const json replaced = comparable(http_get(remote.port(), targets[4]));
  CHECK(ids_of(replaced) == std::vector<std::string>{"nd-103-2015"});     // the copy is one hit
  CHECK(comparable(http_get(remote.port(), targets[11]))["total"] == 0);  // internal: never public
  const json misspelt = comparable(http_get(remote.port(), targets[10]));
  CHECK(misspelt["did_you_mean"].is_string());

  // Oldest first is the same from the local shards; remote shards sort by the slot, which puts undated
  // documents first (a KeyMaker does not cross the remote protocol): not compared.
  const std::string oldest = "/api/v1/search?q=&limit=20&sort=date_asc";
  CHECK(comparable(http_get(local.port(), oldest)) == comparable(http_get(one.port(), oldest)));
  // Staff see the internal document in the sharded home as in one index.
  for (const fs::path& db : {s.one, s.sharded}) {
    INFO(db);
    int code = -1;
    const std::string out =
        run_program({TRACUU_SEARCHD_BIN, "query", "--config", "", "--db", db.string(), "--staff", "xyzzynoibo"}, &code);
    REQUIRE(code == 0);
    CHECK(json::parse(out)["total"] == 1);
  }
}

TEST_CASE(
    "a remote shard killed mid-run: a 503 naming it, or a partial answer naming it, and both recover when it is back",
    "[http][shards][slow]") {
  ShardedSetup s("shard-failure");
  const std::vector<std::string> common{"--threads", "1", "--workers", "1", "--shard-timeout", "5000"};
  SearchdProcess strict(with(common, s.shard_args()));
  SearchdProcess partial(with(with(common, {"--shard-failure", "partial"}), s.shard_args()));
  // Samples issued in 2025 (the decrees, and their copies, are older).
  const std::string target = "/api/v1/search?q=&limit=50&year=2025";
  const json all = comparable(http_get(strict.port(), target));
  REQUIRE(all["total"] >= 2);
  CHECK(comparable(http_get(partial.port(), target)) == all);
  CHECK_FALSE(all.contains("partial"));
  // Other answers read every shard too: completions, a citation (its citing documents), a document
  // page (its cited-by list) and its relations.
  const auto reads_of = [](const std::string& doc) {
    return std::vector<std::string>{"/api/v1/suggest?q=c%C3%B4ng%20an", "/api/v1/citations?number=103/2015/N%C4%90-CP",
                                    "/api/v1/documents/" + doc, "/api/v1/documents/" + doc + "/relations"};
  };
  for (const auto& read : reads_of("nd-42-2019")) {
    INFO(read);
    CHECK_FALSE(json::parse(http_get(partial.port(), read).body).contains("partial"));
  }

  // The shard of the first hit goes away while both servers are connected to it.
  const std::string first = all["hits"][0]["id"];
  const unsigned k = tracuu::schema::shard_of(first, 3);
  const std::string address = "tcp://127.0.0.1:" + std::to_string(s.ports[k]);
  s.servers[k].reset();
  std::vector<std::string> live;  // the hits the other shards hold
  for (const auto& h : all["hits"])
    if (tracuu::schema::shard_of(h["id"].get<std::string>(), 3) != k) live.push_back(h["id"]);

  check_shard_down(strict, partial, target, address, live);
  CHECK(http_get(strict.port(), "/api/v1/documents/" + first).status == 503);
  // A document of the missing shard may exist: 503, not 404; one of a live shard is served.
  CHECK(http_get(partial.port(), "/api/v1/documents/" + first).status == 503);
  if (!live.empty()) CHECK(http_get(partial.port(), "/api/v1/documents/" + live.front()).status == 200);
  // The other answers are the live shards' too, and say so (a document page whose document is on
  // the missing shard is the 503 above); the strict server refuses them.
  std::string on_live;
  for (const std::string id : {"nd-42-2019", "nd-15-2020", "nd-103-2015"})
    if (on_live.empty() && tracuu::schema::shard_of(id, 3) != k) on_live = id;
  if (on_live.empty() && !live.empty()) on_live = live.front();
  REQUIRE_FALSE(on_live.empty());
  for (const auto& read : reads_of(on_live)) {
    INFO(read);
    const Reply r = http_get(partial.port(), read);
    REQUIRE(r.status == 200);
    const json j = json::parse(r.body);
    CHECK(j["partial"] == true);
    CHECK(j["missing_shards"] == json::array({address}));
    CHECK(http_get(strict.port(), read).status == 503);
  }

  // The shard comes back on its port: both answer in full again (the partial one tries it again
  // at most every second, so the first requests may still be partial).
  s.servers[k] = s.start_shard(k);
  CHECK(comparable(http_get(strict.port(), target)) == all);
  json again;
  for (int attempt = 0; attempt < 50; ++attempt) {
    again = comparable(http_get(partial.port(), target));
    if (!again.contains("partial")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(again == all);
  for (const auto& read : reads_of(on_live)) {
    INFO(read);
    CHECK_FALSE(json::parse(http_get(partial.port(), read).body).contains("partial"));
  }
}

TEST_CASE("a shard reader killed: a 503 naming the shard, or a partial answer naming it, never another answer",
          "[http][shards][slow]") {
  ShardedSetup s("shard-reader-failure");
  const std::vector<std::string> common{"--threads", "1", "--workers", "1", "--shard-timeout", "5000"};
  SearchdProcess strict(with(common, s.shard_args(true)));
  SearchdProcess partial(with(with(common, {"--shard-failure", "partial"}), s.shard_args(true)));
  // Samples issued in 2025, found by words: the second stage and the snippets read them through the readers.
  const std::string target = "/api/v1/search?q=" + query_encode("quy định") + "&year=2025&limit=50&snippets=2";
  const json all = comparable(http_get(strict.port(), target));
  REQUIRE(all["total"] >= 2);
  REQUIRE(all["total"] == all["hits"].size());
  CHECK(comparable(http_get(partial.port(), target)) == all);

  // The reader of the first hit's shard goes away; its xapian-tcpsrv stays.
  const std::string first = all["hits"][0]["id"];
  const unsigned k = tracuu::schema::shard_of(first, 3);
  const std::string address = s.address(k, true);
  s.readers[k].reset();
  std::vector<std::string> live;  // the hits the other shards hold
  for (const auto& h : all["hits"])
    if (tracuu::schema::shard_of(h["id"].get<std::string>(), 3) != k) live.push_back(h["id"]);
  check_shard_down(strict, partial, target, address, live);

  // Back on its port: both answer in full again (the partial one within a few probes).
  s.readers[k] = s.start_reader(k);
  json again;
  for (int attempt = 0; attempt < 50; ++attempt) {
    const Reply r = http_get(strict.port(), target);
    if (r.status == 200) {
      again = comparable(r);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(again == all);
  for (int attempt = 0; attempt < 50; ++attempt) {
    again = comparable(http_get(partial.port(), target));
    if (!again.contains("partial")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(again == all);
}

TEST_CASE("a rebuild swapping the shards' current under running xapian-tcpsrv reaches a connected searchd",
          "[http][shards][slow]") {
  ShardedSetup s("shard-rebuild");
  SearchdProcess remote(with({"--threads", "1", "--workers", "1"}, s.shard_args()));
  // With the shards' readers too: they must follow the swap to the database xapian-tcpsrv serves.
  SearchdProcess readers(with({"--threads", "1", "--workers", "1"}, s.shard_args(true)));
  const std::string target = "/api/v1/search?q=xyzzymoi&snippets=2";
  REQUIRE(comparable(http_get(remote.port(), target))["total"] == 0);
  REQUIRE(comparable(http_get(readers.port(), target))["total"] == 0);
  const std::string browse = "/api/v1/search?q=&limit=0";
  const std::size_t before = comparable(http_get(remote.port(), browse))["total"];
  // A decree joins the inputs; `indexer rebuild` builds every shard's next generation and swaps
  // each `current`. The servers keep running: their open connections still read the old generation.
  std::ofstream(s.extra, std::ios::app) << record("nd-99-2024", "99/2024/NĐ-CP", "2024-12-30",
                                                  "Quy định xyzzymoi về công an xã",
                                                  "Nghị định này quy định xyzzymoi về công an xã.")
                                               .dump()
                                        << "\n";
  REQUIRE(run({TRACUU_INDEXER_BIN, "rebuild", "--config", "", "--db", s.sharded.string(), "--threads", "1"}) == 0);
  for (const SearchdProcess* searchd : {&remote, &readers}) {
    INFO((searchd == &remote ? "without readers" : "with readers"));
    json found;
    for (int attempt = 0; attempt < 100; ++attempt) {  // searchd asks the shards afresh every 2 s
      found = comparable(http_get(searchd->port(), target));
      if (found["total"] == 1) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(found["total"] == 1);
    CHECK(ids_of(found) == std::vector<std::string>{"nd-99-2024"});
    CHECK(found["hits"][0]["snippets"].size() >= 1);
    CHECK(http_get(searchd->port(), "/api/v1/documents/nd-99-2024").status == 200);
    // The documents of before are all still there, once.
    CHECK(comparable(http_get(searchd->port(), browse))["total"] == before + 1);
  }
  CHECK(all_but_time(http_get(readers.port(), target)) == all_but_time(http_get(remote.port(), target)));
}
