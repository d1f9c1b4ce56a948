// handle_request: routing, methods, error mapping and headers, by building
// request objects (no sockets).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "searchd/server/responses.h"
#include "tests/unit/server_fixture.h"

namespace {

using namespace tracuu;
using searchd::server::http::field;
using searchd::server::http::verb;
using tracuu::testing::get;
using tracuu::testing::make_request;
using tracuu::testing::serve;

nlohmann::json body_json(const searchd::server::Response& r) {
  return nlohmann::json::parse(r.body());
}
std::string error_code(const searchd::server::Response& r) {
  return body_json(r)["error"]["code"];
}
std::string error_message(const searchd::server::Response& r) {
  return body_json(r)["error"]["message"];
}

struct StatusRow {
  Status status;
  unsigned http;
};

TEST_CASE("http_status maps every Status once (STYLE §3)", "[server]") {
  const std::vector<StatusRow> rows{
      {Status::Ok, 200},
      {Status::BadRequest, 400},
      {Status::BadQuery, 400},
      {Status::NotFound, 404},
      {Status::TooLarge, 413},
      {Status::Unsupported, 415},
      {Status::IndexUnavailable, 503},
      {Status::IndexVersionMismatch, 503},
      {Status::Locked, 503},
      {Status::Overloaded, 503},
      {Status::Io, 500},
      {Status::Internal, 500},
  };
  for (const auto& row : rows) {
    INFO(to_string(row.status));
    CHECK(static_cast<unsigned>(searchd::server::http_status(row.status)) == row.http);
  }
}

struct RouteRow {
  std::string target;
  unsigned status;
  std::string code;  // error code, or "" for success
};

TEST_CASE("routes answer with the documented status and error code", "[server]") {
  const std::vector<RouteRow> rows{
      {"/api/v1/search?q=kinh+t%E1%BA%BF", 200, ""},
      {"/api/v1/search", 200, ""},  // browse: no text, no filter
      {"/api/v1/documents/000_4273f595e8f93ec2", 200, ""},
      {"/api/v1/documents/000%5F4273f595e8f93ec2", 200, ""},  // the id is percent-decoded
      {"/api/v1/documents/no-such-document", 404, "not_found"},
      {"/api/v1/documents/", 404, "not_found"},
      {"/api/v1/documents/%zz", 400, "bad_request"},
      {"/api/v1/citations?number=66%2F2025%2FN%C4%90-CP", 200, ""},
      {"/api/v1/citations", 400, "bad_request"},
      {"/api/v1/suggest?q=kinh", 200, ""},
      {"/api/v1/suggest?q=kinh&limit=0", 400, "bad_request"},
      {"/health", 200, ""},
      {"/ready", 200, ""},
      {"/api/v1/search?limit=abc", 400, "bad_request"},
      {"/api/v1/search?limit=101", 400, "bad_request"},
      {"/api/v1/search?bogus=1", 400, "bad_request"},
      {"/api/v1/search?q=%C3%28", 400, "bad_request"},  // invalid UTF-8
      {"/api/v1/search?q=%E", 400, "bad_request"},      // truncated escape
      {"/api/v1/search?q=a&q=b", 400, "bad_request"},
      {"/api/v1/search?q=" + std::string(3000, 'a'), 413, "too_large"},
      {"/api/v1/suggest?q=" + std::string(3000, 'a'), 413, "too_large"},
      {"/api/v2/search", 404, "not_found"},
      {"/api/v1/search/", 404, "not_found"},
      {"/nope", 404, "not_found"},
      {"*", 404, "not_found"},
      {"http://example.org/api/v1/search", 404, "not_found"},
  };
  for (const auto& row : rows) {
    INFO(row.target);
    const auto r = get(row.target);
    CHECK(r.result_int() == row.status);
    if (row.code.empty()) {
      CHECK(r[field::content_type].starts_with("application/json"));
      CHECK_NOTHROW(body_json(r));
    } else {
      CHECK(error_code(r) == row.code);
    }
  }
}

TEST_CASE("400 messages name the bad parameter", "[server]") {
  CHECK_THAT(error_message(get("/api/v1/search?limit=abc")), Catch::Contains("limit"));
  CHECK_THAT(error_message(get("/api/v1/search?bogus=1")), Catch::Contains("bogus"));
  CHECK_THAT(error_message(get("/api/v1/search?sort=sideways")), Catch::Contains("sort"));
  CHECK_THAT(error_message(get("/api/v1/suggest?q=a&limit=x")), Catch::Contains("limit"));
  CHECK_THAT(error_message(get("/api/v1/citations?number=")), Catch::Contains("number"));
}

TEST_CASE("other methods get 405 with an Allow header", "[server]") {
  for (const verb method : {verb::post, verb::put, verb::delete_, verb::patch, verb::options}) {
    for (const std::string target : {"/api/v1/search?q=a", "/health", "/", "/static/app.css"}) {
      INFO(target);
      const auto r = serve(make_request(target, method));
      CHECK(r.result_int() == 405);
      CHECK(r[field::allow] == "GET, HEAD");
      CHECK(error_code(r) == "method_not_allowed");
    }
  }
  CHECK(serve(make_request("/nope", verb::post)).result_int() == 404);  // unknown route first
}

TEST_CASE("HEAD answers like GET without the body", "[server]") {
  // Targets whose body does not vary between two calls (search bodies carry took_ms).
  for (const std::string target : {"/health", "/api/v1/documents/000_4273f595e8f93ec2", "/",
                                   "/doc/000_4273f595e8f93ec2", "/static/app.css", "/nope", "/api/v1/search?limit=x"}) {
    INFO(target);
    const auto full = get(target);
    const auto head = serve(make_request(target, verb::head));
    CHECK(head.result_int() == full.result_int());
    CHECK(head.body().empty());
    CHECK(head[field::content_length] == std::to_string(full.body().size()));
    CHECK(head[field::content_type] == full[field::content_type]);
  }
}

TEST_CASE("every response carries the security headers", "[server]") {
  for (const std::string target : {"/health", "/api/v1/search?q=a", "/nope", "/", "/search?q=ubnd", "/static/app.css",
                                   "/doc/nope", "/api/v1/search?limit=x"}) {
    INFO(target);
    const auto r = get(target);
    CHECK_THAT(std::string(r["Content-Security-Policy"]), Catch::Contains("default-src 'self'"));
    CHECK_THAT(std::string(r["Content-Security-Policy"]), Catch::Contains("frame-ancestors 'none'"));
    CHECK(r["X-Content-Type-Options"] == "nosniff");
    CHECK(r["Referrer-Policy"] == "same-origin");
    CHECK(r[field::x_frame_options] == "DENY");
  }
}

TEST_CASE("keep-alive follows the request", "[server]") {
  auto request = make_request("/health");
  request.keep_alive(false);
  CHECK_FALSE(serve(request).keep_alive());
  CHECK(get("/health").keep_alive());
}

TEST_CASE("HTTP/1.1 without Host is 400; HTTP/1.0 needs none", "[server]") {
  auto request = make_request("/health");
  request.erase(field::host);
  CHECK(serve(request).result_int() == 400);
  CHECK(error_code(serve(request)) == "bad_request");
  request.version(10);
  CHECK(serve(request).result_int() == 200);
}

TEST_CASE("busy_response is the 503 of admission control, with Retry-After", "[server]") {
  struct Row {
    const char* target;
    bool portal;  // with the portal enabled
    const char* route;
    bool html;
  };
  const std::vector<Row> rows{
      {"/api/v1/search?q=a", false, "api_search", false},
      {"/api/v1/search?q=a", true, "api_search", false},  // the API keeps JSON when the portal is on
      {"/api/v1/documents/nd-66-2025", true, "api_document", false},
      {"/api/v1/documents/nd-66-2025/relations", true, "api_relations", false},
      {"/search?q=ngh%E1%BB%8B%20%C4%91%E1%BB%8Bnh", true, "page_search", true},
      {"/doc/nd-66-2025", true, "page_document", true},
      {"/cite/66%2F2025%2FND-CP", true, "page_citation", true},
      {"/search?q=a", false, "page_search", false},  // no portal: portal routes are API-shaped
  };
  for (const Row& row : rows) {
    INFO(row.target << (row.portal ? " with the portal" : ""));
    searchd::server::RequestNotes notes;
    const auto r = searchd::server::busy_response(make_request(row.target),
                                                  row.portal ? &testing::source_site() : nullptr, &notes);
    CHECK(r.result_int() == 503);
    CHECK(r[field::retry_after] == "1");
    CHECK(notes.route == row.route);
    if (row.html) {
      CHECK(std::string(r[field::content_type]) == "text/html; charset=utf-8");
      CHECK(r.body().find("Hệ thống đang bận") != std::string::npos);
    } else {
      CHECK(error_code(r) == "overloaded");
    }
  }
  // The query typed into the portal stays in the search box of the busy page.
  const auto page = searchd::server::busy_response(make_request("/search?q=ngh%E1%BB%8B%20%C4%91%E1%BB%8Bnh"),
                                                   &testing::source_site());
  CHECK(page.body().find("nghị định") != std::string::npos);
}

TEST_CASE("a full pool answers 503 overloaded after the bounded wait", "[server]") {
  auto pool = testing::sample_pool(1);
  auto config = testing::sample_config();
  config.acquire_wait = std::chrono::milliseconds(0);
  auto held = pool->acquire(std::chrono::milliseconds(0));
  REQUIRE(held);
  const searchd::server::Backend backend{*pool, &testing::source_site(), nullptr};
  for (const std::string target : {"/api/v1/search?q=a", "/ready", "/search?q=a"}) {
    INFO(target);
    const auto r = searchd::server::handle_request(make_request(target), backend, config);
    CHECK(r.result_int() == 503);
    CHECK(r[field::retry_after] == "1");
  }
  CHECK(error_code(searchd::server::handle_request(make_request("/api/v1/search"), backend, config)) == "overloaded");
}

TEST_CASE("a vanished index is 503 and the body does not leak its path", "[server]") {
  namespace fs = std::filesystem;
  const fs::path copy = fs::temp_directory_path() / ("tracuu-vanish-" + std::to_string(::getpid()));
  fs::remove_all(copy);
  fs::copy(testing::sample_index(), copy, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  auto pool = searchd::SearcherPool::open(copy, 1);
  REQUIRE(pool);
  fs::remove_all(copy);
  auto config = testing::sample_config();
  config.db = copy;
  const searchd::server::Backend backend{**pool, &testing::source_site(), nullptr};
  for (const std::string target : {"/api/v1/search?q=a", "/ready", "/api/v1/documents/000_4273f595e8f93ec2"}) {
    INFO(target);
    searchd::server::RequestNotes notes;
    const auto r = searchd::server::handle_request(make_request(target), backend, config, &notes);
    CHECK(r.result_int() == 503);
    CHECK(error_code(r) == "index_unavailable");
    CHECK(r.body().find(copy.string()) == std::string::npos);
    CHECK(r.body().find("tracuu-vanish") == std::string::npos);
    CHECK_FALSE(notes.detail.empty());  // the detail goes to the log
  }
  const auto health = searchd::server::handle_request(make_request("/health"), backend, config);
  CHECK(health.result_int() == 200);
  CHECK(body_json(health)["index"].is_null());
}

TEST_CASE("public_error hides 5xx messages and keeps 4xx ones", "[server]") {
  using searchd::server::public_error;
  CHECK(public_error({Status::Internal, "Xapian::DatabaseCorruptError: /srv/idx/gen-1/termlist.glass"}).message ==
        "internal error");
  CHECK(public_error({Status::Io, "cannot read /etc/x"}).message.find('/') == std::string::npos);
  CHECK(public_error({Status::BadRequest, "limit must be at most 100"}).message == "limit must be at most 100");
}

TEST_CASE("searchd/server/openapi.yaml describes every JSON route", "[server]") {
  std::ifstream in(std::string(TRACUU_SOURCE_DIR) + "/searchd/server/openapi.yaml");
  const std::string spec((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const std::string path : {"/api/v1/search:", "/api/v1/documents/{id}:", "/api/v1/citations:", "/api/v1/suggest:",
                                 "/health:", "/ready:", "/metrics:"}) {
    INFO(path);
    CHECK(spec.find("\n  " + path + "\n") != std::string::npos);
  }
  for (const auto& row :
       {Status::BadRequest, Status::NotFound, Status::Overloaded, Status::TooLarge, Status::IndexUnavailable})
    CHECK(spec.find(to_string(row)) != std::string::npos);
}

TEST_CASE("match_route knows every route and nothing else", "[server]") {
  using searchd::server::match_route;
  using searchd::server::Route;
  CHECK(match_route("/api/v1/search").route == Route::ApiSearch);
  CHECK(match_route("/api/v1/documents/a%2Fb").tail == "a%2Fb");
  // A document's relations: the id's own slashes are %2F, a literal one ends it.
  CHECK(match_route("/api/v1/documents/a%2Fb/relations").route == Route::ApiRelations);
  CHECK(match_route("/api/v1/documents/a%2Fb/relations").tail == "a%2Fb");
  CHECK(match_route("/api/v1/documents/relations").route == Route::ApiDocument);  // a document named "relations"
  CHECK(match_route("/api/v1/documents//relations").route == Route::ApiDocument);
  CHECK(match_route("/cite/66%2F2025%2FND-CP").route == Route::PageCitation);
  CHECK(match_route("/doc/").route == Route::Unknown);
  CHECK(match_route("/").route == Route::PageSearch);
  CHECK(match_route("/search").route == Route::PageSearch);
  CHECK(match_route("/searchx").route == Route::Unknown);
  CHECK(match_route("/feed").route == Route::Feed);
  CHECK(match_route("/feed/").route == Route::Unknown);
  CHECK(match_route("").route == Route::Unknown);
}

}  // namespace
