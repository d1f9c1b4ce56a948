// Issue #6 over real HTTP: searchd serve --port 0 on the five samples.
#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/integration/http_client.h"
#include "tests/integration/http_process.h"

namespace {

using namespace tracuu::testing;
using boost::beast::http::verb;
using json = nlohmann::json;

// The sample index and a server over it, once per test process.
struct Fixture {
  TempDir dir{"http"};
  std::unique_ptr<SearchdProcess> server;
  Fixture() {
    build_sample_index(dir.path());
    server = std::make_unique<SearchdProcess>(
        std::vector<std::string>{"--db", dir.path().string(), "--threads", "2", "--metrics-public"});
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

json search(const std::string& q, const std::string& extra = "") {
  const Reply r = http_get(fixture().server->port(), "/api/v1/search?q=" + query_encode(q) + extra);
  INFO(r.body);
  REQUIRE(r.status == 200);
  return json::parse(r.body);
}

// Highlighted runs of every snippet: adjacent highlights separated only by
// spaces or hyphens are joined ("kinh tế - xã hội" is one run).
std::vector<std::string> highlighted_runs(const json& response) {
  std::vector<std::string> runs;
  for (const auto& hit : response["hits"])
    for (const auto& s : hit["snippets"]) {
      const std::string text = s["text"];
      std::size_t run_begin = 0, run_end = 0;
      bool open = false;
      for (const auto& h : s["highlights"]) {
        const std::size_t b = h[0], e = h[1];
        const bool joins = open && b >= run_end && text.find_first_not_of(" -", run_end) >= b;
        if (!joins) {
          if (open) runs.push_back(text.substr(run_begin, run_end - run_begin));
          run_begin = b;
        }
        run_end = e;
        open = true;
      }
      if (open) runs.push_back(text.substr(run_begin, run_end - run_begin));
    }
  return runs;
}

bool has_run(const json& response, const std::string& wanted) {
  for (const auto& run : highlighted_runs(response))
    if (run == wanted) return true;
  return false;
}

TEST_CASE("dong chi finds đồng chí, highlighted", "[http]") {
  const json r = search("dong chi");
  CHECK(r["total"].get<int>() > 0);
  CHECK(has_run(r, "đồng chí"));
}

TEST_CASE("every spelling of 66/2025/NĐ-CP puts its document first", "[http]") {
  for (const std::string q : {"66/2025/ND-CP", "nd-cp 66 2025", "66/2025/NĐ-CP"}) {
    INFO(q);
    const json r = search(q);
    REQUIRE_FALSE(r["hits"].empty());
    CHECK(r["hits"][0]["id"] == "000_4273f595e8f93ec2");
  }
}

TEST_CASE("\"UBND tỉnh\" finds Ủy ban nhân dân tỉnh", "[http]") {
  CHECK(has_run(search("\"UBND tỉnh\""), "Ủy ban nhân dân tỉnh"));
}

TEST_CASE("kt-xh finds kinh tế - xã hội", "[http]") {
  CHECK(has_run(search("kt-xh"), "kinh tế - xã hội"));
}

std::size_t facet_count(const json& values, const std::string& value) {
  for (const auto& v : values)
    if (v["value"] == value) return v["count"];
  return 0;
}

// Filtering `param` on two values ORs them: the total is the sum of their
// counts, and the facet's counts ignore its own filter (both stay selected).
void check_disjunctive(const std::string& param, const std::string& facet, const std::string& a, const std::string& b) {
  const json all = search("ubnd");
  const json both = search("ubnd", "&" + param + "=" + query_encode(a) + "&" + param + "=" + query_encode(b));
  const auto& before = all["facets"][facet];
  INFO(both["facets"][facet].dump());
  CHECK(both["total"] == facet_count(before, a) + facet_count(before, b));  // a document has one value of each
  CHECK(both["total"] > 0);
  for (const auto& v : both["facets"][facet]) {
    INFO(v.dump());
    CHECK(v["count"] == facet_count(before, v["value"]));
    CHECK(v["selected"] == (v["value"] == a || v["value"] == b));
  }
}

TEST_CASE("facets stay disjunctive with two type= values", "[http]") {
  const json all = search("ubnd");
  const auto& types = all["facets"]["doc_type"];
  REQUIRE_FALSE(types.empty());
  // The samples hold one type; a second that none has (count 0) still shows
  // the OR: an AND of the two would find nothing.
  const std::string a = types[0]["value"];
  const std::string b = types.size() > 1 ? types[1]["value"].get<std::string>() : "Nghị định";
  check_disjunctive("type", "doc_type", a, b);
}

TEST_CASE("facets stay disjunctive with two year= values", "[http]") {
  const json all = search("ubnd");
  const auto& years = all["facets"]["year"];
  REQUIRE(years.size() >= 2);
  check_disjunctive("year", "year", years[0]["value"], years[1]["value"]);
}

TEST_CASE("errors over HTTP: 400, 404, 405, 413", "[http]") {
  const unsigned short port = fixture().server->port();
  const Reply bad = http_get(port, "/api/v1/search?limit=x");
  CHECK(bad.status == 400);
  CHECK(json::parse(bad.body)["error"]["code"] == "bad_request");
  CHECK(http_get(port, "/api/v1/nothing").status == 404);
  CHECK(http_get(port, "/api/v1/documents/nope").status == 404);
  Connection c(port);
  const Reply post = c.request(verb::post, "/api/v1/search", {{"Content-Type", "application/json"}}, "{}");
  CHECK(post.status == 405);
  CHECK(post.header("allow") == "GET, HEAD");
  CHECK(http_get(port, "/api/v1/search?q=" + std::string(3000, 'a')).status == 413);
}

TEST_CASE("a body over 16 KiB or a huge header is refused with 413", "[http]") {
  const unsigned short port = fixture().server->port();
  const std::string body(20 * 1024, 'x');
  const std::string big_body =
      "POST /api/v1/search HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  CHECK(raw_exchange(port, big_body).rfind("HTTP/1.1 413", 0) == 0);
  const std::string big_header =
      "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(100 * 1024, 'h') + "\r\n\r\n";
  CHECK(raw_exchange(port, big_header).rfind("HTTP/1.1 413", 0) == 0);
}

TEST_CASE("malformed requests get 400 and the server keeps serving", "[http]") {
  const unsigned short port = fixture().server->port();
  for (const std::string& garbage : {std::string("NOT HTTP AT ALL\r\n\r\n"), std::string("GET / HTTP/9.9\r\n\r\n"),
                                     std::string("GET /\x01\xff HTTP/1.1\r\nHost: x\r\n\r\n"),
                                     std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11)}) {
    const std::string reply = raw_exchange(port, garbage);
    CHECK((reply.empty() || reply.rfind("HTTP/1.1 400", 0) == 0));
  }
  CHECK(http_get(port, "/health").status == 200);
}

TEST_CASE("keep-alive serves several requests on one connection; HEAD has no body", "[http]") {
  Connection c(fixture().server->port());
  CHECK(c.request(verb::get, "/health").status == 200);
  const Reply head = c.request(verb::head, "/api/v1/search?q=ubnd");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(std::stoul(head.header("content-length")) > 0);
  CHECK(c.request(verb::get, "/ready").status == 200);
}

TEST_CASE("/health, /ready and /metrics", "[http]") {
  const unsigned short port = fixture().server->port();
  const json health = json::parse(http_get(port, "/health").body);
  CHECK(health["index"]["documents"] == 5);
  CHECK(http_get(port, "/ready").status == 200);
  http_get(port, "/api/v1/search?q=ubnd");
  const Reply metrics = http_get(port, "/metrics");
  CHECK(metrics.body.find("tracuu_http_requests_total{route=\"api_search\",status=\"200\"}") != std::string::npos);
  CHECK(metrics.body.find("tracuu_index_documents 5") != std::string::npos);
}

TEST_CASE("searchd query prints the JSON of /api/v1/search", "[http]") {
  const std::vector<std::vector<std::string>> cases{{"dong chi"},
                                                    {"66/2025/NĐ-CP", "--param", "limit=3"},
                                                    {"kt-xh", "--param", "snippets=1", "--param", "sort=date_desc"}};
  for (const auto& args : cases) {
    std::vector<std::string> argv{TRACUU_SEARCHD_BIN, "query", "--config", "", "--db", fixture().dir.path().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    int code = -1;
    json cli = json::parse(run_program(argv, &code));
    CHECK(code == 0);
    std::string target = "/api/v1/search?q=" + query_encode(args[0]);
    for (std::size_t i = 2; i < args.size(); i += 2) target += "&" + args[i];
    json http = json::parse(http_get(fixture().server->port(), target).body);
    cli.erase("took_ms");
    http.erase("took_ms");
    INFO(args[0]);
    CHECK(cli == http);
  }
}

TEST_CASE("SIGTERM stops the server gracefully with exit 0, idle connections included", "[http]") {
  TempDir dir("http-stop");
  build_sample_index(dir.path());
  SearchdProcess server({"--db", dir.path().string()});
  Connection idle(server.port());
  CHECK(idle.request(verb::get, "/health").status == 200);  // then left open and idle
  CHECK(server.stop() == 0);
}

TEST_CASE("environment fallbacks configure serve", "[http]") {
  TempDir dir("http-env");
  build_sample_index(dir.path());
  ::setenv("TRACUU_DB", dir.path().c_str(), 1);
  ::setenv("TRACUU_THREADS", "1", 1);
  SearchdProcess server({});
  ::unsetenv("TRACUU_DB");
  ::unsetenv("TRACUU_THREADS");
  CHECK(http_get(server.port(), "/ready").status == 200);
}

}  // namespace

TEST_CASE("searchd keys add/list/revoke, a Bearer key over HTTP, reload on SIGHUP", "[http][access]") {
  TempDir keys_dir("keys");
  const std::string keys = (keys_dir.path() / "keys.tsv").string();
  int code = -1;
  std::string key = run_program(
      {TRACUU_SEARCHD_BIN, "keys", "add", "--keys", keys, "--name", "Nguyễn Văn Hà", "--group", "so-tai-chinh"}, &code);
  REQUIRE(code == 0);
  while (!key.empty() && key.back() == '\n') key.pop_back();
  CHECK(key.rfind("tk_", 0) == 0);
  const std::string listed = run_program({TRACUU_SEARCHD_BIN, "keys", "list", "--keys", keys}, &code);
  CHECK(code == 0);
  CHECK(listed.find("\tstaff\tso-tai-chinh\t") != std::string::npos);
  CHECK(listed.find("Nguyễn Văn Hà") != std::string::npos);
  CHECK(listed.find(key.substr(16)) == std::string::npos);

  SearchdProcess server({"--db", fixture().dir.path().string(), "--keys", keys});
  Connection c(server.port());
  CHECK(c.request(verb::get, "/metrics", {{"Authorization", "Bearer " + key}}).status == 403);  // staff, not admin
  CHECK(c.request(verb::get, "/health", {{"Authorization", "Bearer " + key}}).status == 200);
  const Reply bad = c.request(verb::get, "/health", {{"Authorization", "Bearer tk_nope"}});
  CHECK(bad.status == 401);
  CHECK(json::parse(bad.body)["error"]["code"] == "unauthorized");

  run_program({TRACUU_SEARCHD_BIN, "keys", "revoke", "--keys", keys, "Nguyễn Văn Hà"}, &code);
  REQUIRE(code == 0);
  ::kill(server.pid(), SIGHUP);
  unsigned status = 200;
  for (int i = 0; i < 50 && status != 401; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    status = c.request(verb::get, "/health", {{"Authorization", "Bearer " + key}}).status;
  }
  CHECK(status == 401);
  CHECK(server.stop() == 0);
}
