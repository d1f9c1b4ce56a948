// The JSON routes return exactly what the codec gives for the library's answer.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "searchd/server/access.h"
#include "searchd/server/codec.h"
#include "searchd/server/metrics.h"
#include "tests/unit/server_fixture.h"

namespace {

using namespace tracuu;
using tracuu::testing::get;

nlohmann::json body_json(const searchd::server::Response& r) {
  return nlohmann::json::parse(r.body());
}

nlohmann::json without_took(nlohmann::json j) {
  j.erase("took_ms");
  return j;
}

TEST_CASE("/api/v1/search is to_json(SearchResponse) of the library's search", "[server]") {
  const std::vector<std::string> queries{"q=dong+chi", "q=66%2F2025%2FND-CP", "q=kt-xh&limit=2&snippets=1",
                                         "q=%22UBND+t%E1%BB%89nh%22&sort=date_desc", "year=2025&facets=0"};
  for (const auto& qs : queries) {
    INFO(qs);
    auto params = searchd::server::decode_query_string(qs);
    REQUIRE(params);
    auto request = searchd::server::search_request_from_params(*params);
    REQUIRE(request);
    auto searcher = searchd::Searcher::open(testing::sample_index());
    REQUIRE(searcher);
    auto expected = searcher->search(*request);
    REQUIRE(expected);
    const auto r = get("/api/v1/search?" + qs);
    REQUIRE(r.result_int() == 200);
    CHECK(without_took(body_json(r)) ==
          without_took(nlohmann::json::parse(searchd::server::to_json(*expected).dump())));
  }
}

TEST_CASE("/api/v1/documents/{id} returns the record, its text and who cites it", "[server]") {
  const auto j = body_json(get("/api/v1/documents/000_4273f595e8f93ec2"));
  CHECK(j["id"] == "000_4273f595e8f93ec2");
  CHECK(j["text"].get<std::string>().find("Ủy ban nhân dân tỉnh") != std::string::npos);
  CHECK(j["cited_by"].is_array());
  CHECK(j["citations"].is_array());
}

TEST_CASE("/api/v1/citations finds who cites a number, in any spelling", "[server]") {
  for (const std::string number : {"66%2F2025%2FN%C4%90-CP", "66%2F2025%2FND-CP", "nd-cp+66+2025"}) {
    INFO(number);
    const auto r = get("/api/v1/citations?number=" + number);
    REQUIRE(r.result_int() == 200);
    const auto j = body_json(r);
    CHECK(j["key"] == "66/2025/ND-CP");
    bool cited_by_000 = false;
    for (const auto& c : j["cited_by"]) cited_by_000 |= c["id"] == "000_4273f595e8f93ec2";
    CHECK(cited_by_000);
  }
  CHECK(get("/api/v1/citations?number=hello").result_int() == 400);  // not a document number
}

TEST_CASE("/api/v1/citations with the date a text gives: a holder of another date is only a candidate", "[server]") {
  // Sample 004 is "Số: 346 /TB-UBND ... Lạng Sơn, ngày 27 tháng 6 năm 2021".
  struct Row {
    std::string date;
    unsigned status;
    bool held;       // 004 is "the document"
    bool candidate;  // 004 is among "others"
  };
  const std::vector<Row> rows{
      {"", 200, true, false},
      {"&date=2021-06-27", 200, true, false},
      {"&date=27%2F6%2F2021", 200, true, false},
      {"&date=2017-10-10", 200, false, true},  // "Thông báo số 346/TB-UBND ngày 10/10/2017" is another notice
      {"&date=2021-06", 400, false, false},    // a month is not a day
      {"&date=hello", 400, false, false},
  };
  for (const auto& row : rows) {
    INFO(row.date);
    const auto r = get("/api/v1/citations?number=346%2FTB-UBND" + row.date);
    REQUIRE(r.result_int() == row.status);
    if (row.status != 200) continue;
    const auto j = body_json(r);
    CHECK((j["document"].is_object() && j["document"]["id"] == "004_b33ee16890788d7a") == row.held);
    bool candidate = false;
    for (const auto& o : j["others"]) candidate |= o["id"] == "004_b33ee16890788d7a";
    CHECK(candidate == row.candidate);
  }
}

TEST_CASE("/api/v1/suggest completes words of the index", "[server]") {
  const auto j = body_json(get("/api/v1/suggest?q=kinh&limit=5"));
  REQUIRE(j["suggestions"].is_array());
  CHECK_FALSE(j["suggestions"].empty());
  CHECK(j["suggestions"].size() <= 5);
  for (const auto& s : j["suggestions"]) CHECK(s.contains("text"));
}

TEST_CASE("/health reports versions and the document count; /ready the open index", "[server]") {
  const auto health = body_json(get("/health"));
  CHECK(health["status"] == "ok");
  CHECK(health["version"].contains("schema"));
  CHECK(health["version"].contains("analyzer"));
  CHECK(health["index"]["documents"] == 5);
  const auto ready = get("/ready");
  CHECK(ready.result_int() == 200);
  CHECK(body_json(ready)["index"]["documents"] == 5);
}

TEST_CASE("/metrics renders counters, the latency histogram and index gauges", "[server]") {
  searchd::server::Metrics metrics;
  metrics.record("api_search", 200, 0.003);
  metrics.record("api_search", 400, 0.0001);
  metrics.record("api_document", 503, 2);
  metrics.record_connection_error();
  auto pool = testing::sample_pool();
  const searchd::server::Backend backend{*pool, nullptr, &metrics};
  auto config = testing::sample_config();
  CHECK(searchd::server::handle_request(testing::make_request("/metrics"), backend, config).result_int() == 401);
  config.metrics_public = true;  // --metrics-public: no admin key needed
  const auto r = searchd::server::handle_request(testing::make_request("/metrics"), backend, config);
  REQUIRE(r.result_int() == 200);
  CHECK(std::string(r[searchd::server::http::field::content_type]).starts_with("text/plain; version=0.0.4"));
  const std::string& text = r.body();
  CHECK_THAT(text, Catch::Contains("tracuu_http_requests_total{route=\"api_search\",status=\"200\"} 1\n"));
  CHECK_THAT(text, Catch::Contains("tracuu_http_requests_total{route=\"api_search\",status=\"400\"} 1\n"));
  CHECK_THAT(text,
             Catch::Contains("tracuu_http_request_duration_seconds_bucket{route=\"api_search\",le=\"0.005\"} 2\n"));
  CHECK_THAT(text,
             Catch::Contains("tracuu_http_request_duration_seconds_bucket{route=\"api_search\",le=\"0.001\"} 1\n"));
  CHECK_THAT(text,
             Catch::Contains("tracuu_http_request_duration_seconds_bucket{route=\"api_document\",le=\"2.5\"} 1\n"));
  CHECK_THAT(text, Catch::Contains("tracuu_http_request_duration_seconds_count{route=\"api_search\"} 2\n"));
  CHECK_THAT(text, Catch::Contains("tracuu_http_errors_total{kind=\"client\"} 1\n"));
  CHECK_THAT(text, Catch::Contains("tracuu_http_errors_total{kind=\"server\"} 1\n"));
  CHECK_THAT(text, Catch::Contains("tracuu_http_errors_total{kind=\"connection\"} 1\n"));
  CHECK_THAT(text, Catch::Contains("tracuu_index_documents 5\n"));
  CHECK_THAT(text, Catch::Contains("tracuu_index_generation "));
  CHECK_THAT(text,
             Catch::Contains("# TYPE tracuu_index_last_commit_seconds gauge\ntracuu_index_last_commit_seconds 1"));
  CHECK_THAT(text, Catch::Contains("# TYPE tracuu_http_request_duration_seconds histogram\n"));
}

TEST_CASE("a staff key reaches the library: the assignee facet is requested", "[server]") {
  auto config = testing::sample_config();
  namespace server = searchd::server;
  server::KeyStore keys;
  const std::string key = *keys.add("văn thư", server::Scope::Staff, {}, "2026-11-30T00:00:00Z");
  server::Access access(config, std::move(keys), std::string(32, 's'));
  auto pool = testing::sample_pool();
  const server::Backend backend{*pool, nullptr, nullptr, &access};
  auto request = testing::make_request("/api/v1/search?q=ubnd");
  request.set(server::http::field::authorization, "Bearer " + key);
  const auto staff = body_json(server::handle_request(request, backend, config));
  const auto public_view = body_json(get("/api/v1/search?q=ubnd"));
  CHECK(staff["facets"].contains("assignee"));
  CHECK_FALSE(public_view["facets"].contains("assignee"));
}

}  // namespace
