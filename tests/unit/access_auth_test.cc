// Keys, sessions, proxies and rate limits (issue 14).
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "searchd/server/html.h"
#include "searchd/server/keys.h"
#include "searchd/server/signin.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/access_fixture.h"
#include "tests/unit/server_fixture.h"

namespace {

namespace server = tracuu::searchd::server;
using server::http::field;
using tracuu::testing::AccessServer;
using tracuu::testing::full_index;

unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}

std::string set_cookie_value(const server::Response& r) {
  const std::string c(r[field::set_cookie]);
  return c.substr(c.find('=') + 1, c.find(';') - c.find('=') - 1);
}

}  // namespace

TEST_CASE("keys: add prints a key once, the file keeps only its hash", "[access][keys]") {
  tracuu::testing::TempDir dir("keys");
  const auto file = dir.path() / "keys.tsv";
  auto store = server::KeyStore::load(file);  // a missing file is no keys
  REQUIRE(store);
  auto key = store->add("Nguyễn Văn Hà", server::Scope::Staff, {"so-tai-chinh", "so-y-te", "so-tai-chinh"}, "t0");
  REQUIRE(key);
  CHECK(key->starts_with("tk_"));
  REQUIRE(store->save(file));
  CHECK(mode_of(file) == 0600);
  std::ifstream in(file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find(key->substr(16)) == std::string::npos);  // the secret part is nowhere in the file

  auto again = server::KeyStore::load(file);
  REQUIRE(again);
  const server::KeyEntry* e = again->verify(*key);
  REQUIRE(e);
  CHECK(e->name == "Nguyễn Văn Hà");
  CHECK(e->groups == std::vector<std::string>{"so-tai-chinh", "so-y-te"});
  CHECK(again->verify(*key + "x") == nullptr);
  CHECK(again->verify("") == nullptr);

  REQUIRE(again->revoke(e->id, "t1"));
  CHECK(again->verify(*key) == nullptr);
  CHECK(again->live(e->id) == nullptr);
  CHECK(again->revoke("nobody", "t1").error().status == tracuu::Status::NotFound);
  CHECK(again->add("", server::Scope::Staff, {}, "t").error().status == tracuu::Status::BadRequest);
  CHECK(again->add("x", server::Scope::Staff, {"Sở Tài chính"}, "t").error().status == tracuu::Status::BadRequest);

  ::chmod(file.c_str(), 0644);  // a keys file others can read is refused
  CHECK(server::KeyStore::load(file).error().status == tracuu::Status::Io);
}

TEST_CASE("keys: hashes are compared in constant time", "[access][keys]") {
  const server::KeyHash a = server::hash_key("tk_000000000001_abc");
  server::KeyHash b = a;
  CHECK(server::constant_time_equal(a, b));
  for (std::size_t i : {std::size_t{0}, std::size_t{16}, std::size_t{31}}) {
    b = a;
    b[i] ^= 1;
    CHECK_FALSE(server::constant_time_equal(a, b));
  }
}

TEST_CASE("keys: a bad, malformed or revoked key is 401, never the public", "[access][keys]") {
  AccessServer s(full_index());
  struct Row {
    std::string authorization;
    unsigned status;
  };
  const std::vector<Row> rows{
      {"Bearer " + s.key("staff"), 200},
      {"Bearer tk_000000000000_wrong", 401},
      {"Bearer ", 401},
      {"Basic c3RhZmY6c3RhZmY=", 401},
      {s.key("staff"), 401},  // no scheme
  };
  for (const auto& row : rows) {
    INFO(row.authorization);
    auto request = tracuu::testing::make_request("/api/v1/search?q=xyzzymatkhau");
    request.set(field::authorization, row.authorization);
    const auto r = s.send(request);
    CHECK(r.result_int() == row.status);
    if (row.status == 401) {
      CHECK(r.body().find("\"code\":\"unauthorized\"") != std::string::npos);
      CHECK(r.body().find("mat-777") == std::string::npos);
      CHECK(r[field::www_authenticate].starts_with("Bearer"));
    }
  }
  // A server without keys refuses credentials rather than ignoring them.
  auto request = tracuu::testing::make_request("/api/v1/search?q=dong%20chi");
  request.set(field::authorization, "Bearer " + s.key("staff"));
  CHECK(tracuu::testing::serve(request).result_int() == 401);
}

TEST_CASE("keys: the keys file is reloaded, revocation takes effect", "[access][keys]") {
  tracuu::testing::TempDir dir("keys");
  server::Config config;
  config.keys = dir.path() / "keys.tsv";
  server::KeyStore store;
  const std::string key = *store.add("văn thư", server::Scope::Staff, {}, "t0");
  REQUIRE(store.save(config.keys));
  auto access = server::Access::open(config);
  REQUIRE(access);
  auto request = tracuu::testing::make_request("/health");
  request.set(field::authorization, "Bearer " + key);
  REQUIRE((*access)->authenticate(request, {}));

  REQUIRE(store.revoke("văn thư", "t1"));
  REQUIRE(store.save(config.keys));
  REQUIRE((*access)->reload_keys());  // what SIGHUP does
  CHECK((*access)->authenticate(request, {}).error().status == tracuu::Status::Unauthorized);

  std::ofstream(config.keys) << "garbage\n";
  CHECK_FALSE((*access)->reload_keys());  // fails closed: no key accepted
  CHECK((*access)->keys()->entries().empty());
}

TEST_CASE("sessions: sign in, cookie flags, staff view, sign out", "[access][session]") {
  AccessServer s(full_index());
  const auto form = s.get("/signin");
  REQUIRE(form.result_int() == 200);
  const std::string csrf_cookie(form[field::set_cookie]);
  CHECK(csrf_cookie.find("tracuu_csrf=") == 0);
  CHECK(csrf_cookie.find("; HttpOnly; SameSite=Strict") != std::string::npos);
  CHECK(form[field::cache_control] == "private, no-store");
  const std::string nonce = set_cookie_value(form);
  const std::string token = s.access().sessions().csrf_token(nonce);
  CHECK(form.body().find("value=\"" + token + "\"") != std::string::npos);

  auto post = [&](const std::string& target, const std::string& body, const std::string& cookie) {
    auto request = tracuu::testing::make_request(target, server::http::verb::post);
    request.set(field::content_type, "application/x-www-form-urlencoded");
    request.set(field::cookie, cookie);
    request.body() = body;
    request.prepare_payload();
    return s.send(request);
  };
  const std::string key = server::url_encode(s.key("staff-tc"));
  CHECK(post("/signin", "csrf=bad&key=" + key, "tracuu_csrf=" + nonce).result_int() == 403);
  CHECK(post("/signin", "csrf=" + token + "&key=" + key, "").result_int() == 403);  // no CSRF cookie
  CHECK(post("/signin", "csrf=" + token + "&key=tk_wrong", "tracuu_csrf=" + nonce).result_int() == 401);
  const auto signed_in = post("/signin", "csrf=" + token + "&key=" + key, "tracuu_csrf=" + nonce);
  REQUIRE(signed_in.result_int() == 303);
  const std::string cookie(signed_in[field::set_cookie]);
  CHECK(cookie.find("tracuu_session=") == 0);
  CHECK(cookie.find("; HttpOnly; SameSite=Strict") != std::string::npos);
  CHECK(cookie.find("Secure") == std::string::npos);  // plain HTTP, no trusted proxy
  const std::string session = set_cookie_value(signed_in);

  auto with_cookie = [&](const std::string& target, const std::string& value) {
    auto request = tracuu::testing::make_request(target);
    request.set(field::cookie, "a=b; tracuu_session=" + value);
    return s.send(request);
  };
  CHECK(with_cookie("/health", session).body().find("\"documents\":8") != std::string::npos);
  const auto page = with_cookie("/search?q=plughngansach", session);
  CHECK(page.body().find("nhom-tc-888") != std::string::npos);
  CHECK(page.body().find("Đăng xuất") != std::string::npos);

  // Tampered: another key id, or a flipped signature byte.
  std::string forged = session;
  forged[0] = forged[0] == 'a' ? 'b' : 'a';
  CHECK(with_cookie("/health", forged).result_int() == 401);
  forged = session;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  CHECK(with_cookie("/search?q=plughngansach", forged).result_int() == 401);
  CHECK(with_cookie("/search?q=plughngansach", forged).body().find("nhom-tc-888") == std::string::npos);

  // Sign-out needs the session's CSRF token.
  CHECK(post("/signout", "csrf=bad", "tracuu_session=" + session).result_int() == 403);
  const auto out = post("/signout", "csrf=" + s.access().sessions().csrf_token(session), "tracuu_session=" + session);
  CHECK(out.result_int() == 303);
  CHECK(std::string(out[field::set_cookie]).find("tracuu_session=; Path=/; Max-Age=0") == 0);
}

TEST_CASE("sessions: expiry, and Secure behind a TLS proxy", "[access][session]") {
  const server::SessionCodec codec(std::string(32, 'k'), std::chrono::hours(8));
  const std::string cookie = codec.issue("0123456789ab", 1000);
  REQUIRE(codec.verify(cookie, 1000));
  CHECK(codec.verify(cookie, 1000)->key_id == "0123456789ab");
  CHECK(codec.verify(cookie, 1000 + 8 * 3600 - 1));
  CHECK_FALSE(codec.verify(cookie, 1000 + 8 * 3600));
  const server::SessionCodec other(std::string(32, 'o'), std::chrono::hours(8));
  CHECK_FALSE(other.verify(cookie, 1000));  // another server's secret

  server::Config config;
  config.trusted_proxies = {"10.0.0.0/8"};
  AccessServer s(full_index(), config);
  auto request = tracuu::testing::make_request("/signin");
  request.set("X-Forwarded-Proto", "https");
  CHECK(std::string(s.send(request, "10.1.2.3")[field::set_cookie]).find("; Secure") != std::string::npos);
  CHECK(std::string(s.send(request, "192.0.2.7")[field::set_cookie]).find("Secure") == std::string::npos);
}

TEST_CASE("proxy: a user header counts only from a trusted proxy", "[access][proxy]") {
  server::Config config;
  config.trusted_proxies = {"127.0.0.1", "::1"};
  config.auth_proxy_header = "X-Remote-User";
  config.proxy_user_groups["ha.nv"] = {"so-tai-chinh"};
  AccessServer s(full_index(), config);
  auto request = tracuu::testing::make_request("/health");
  request.set("X-Remote-User", "ha.nv");
  CHECK(s.send(request, "127.0.0.1").body().find("\"documents\":8") != std::string::npos);
  CHECK(s.send(request, "::1").body().find("\"documents\":8") != std::string::npos);
  CHECK(s.send(request, "192.0.2.7").body().find("\"documents\":5") != std::string::npos);
  request.set("X-Remote-User", "khach");  // an authenticated user without groups: staff
  CHECK(s.send(request, "127.0.0.1").body().find("\"documents\":6") != std::string::npos);
}

TEST_CASE("rate limits: token buckets, 429 with Retry-After", "[access][rate]") {
  using Clock = server::RateLimiter::Clock;
  server::RateLimiter limiter;
  const server::RateLimit limit{2, 2};
  const auto t0 = Clock::now();
  CHECK(limiter.take("a", limit, t0) == 0);
  CHECK(limiter.take("a", limit, t0) == 0);
  CHECK(limiter.take("a", limit, t0) == 1);  // empty: half a second to the next token, rounded up
  CHECK(limiter.take("b", limit, t0) == 0);  // another caller has its own bucket
  CHECK(limiter.take("a", limit, t0 + std::chrono::milliseconds(500)) == 0);
  CHECK(limiter.take("z", {}, t0) == 0);  // rate 0: unlimited

  server::Config config;
  config.public_rate = {0.1, 2};
  config.staff_rate = {100, 100};
  config.trusted_proxies = {"10.0.0.1"};
  AccessServer s(full_index(), config);
  CHECK(s.get("/health", "", "192.0.2.1").result_int() == 200);
  CHECK(s.get("/health", "", "192.0.2.1").result_int() == 200);
  const auto limited = s.get("/health", "", "192.0.2.1");
  CHECK(limited.result_int() == 429);
  CHECK(limited[field::retry_after] == "10");
  CHECK(limited.body().find("\"code\":\"rate_limited\"") != std::string::npos);
  CHECK(s.get("/health", "staff", "192.0.2.1").result_int() == 200);  // staff keys have their own limit
  CHECK(s.get("/health", "", "192.0.2.2").result_int() == 200);
  // X-Forwarded-For names the client only when a trusted proxy sends it.
  auto via = [&](const std::string& peer, const std::string& xff) {
    auto request = tracuu::testing::make_request("/health");
    request.set("X-Forwarded-For", xff);
    return s.send(request, peer).result_int();
  };
  CHECK(via("10.0.0.1", "192.0.2.1") == 429);
  CHECK(via("10.0.0.1", "198.51.100.9") == 200);
  CHECK(via("192.0.2.1", "198.51.100.10") == 429);  // from an untrusted peer the header is ignored
}

TEST_CASE("screening: credentials, scope and rate limits are settled without a searcher", "[access][rate]") {
  server::Config config;
  config.public_rate = {0.1, 1};
  AccessServer s(full_index(), config);
  auto pool = tracuu::searchd::SearcherPool::open(full_index(), 1);
  REQUIRE(pool);
  const server::Backend backend{**pool, nullptr, nullptr, &s.access()};
  const server::Client client{"192.0.2.7"};
  const std::string staff_key = "Bearer " + s.key("staff");
  struct Row {
    std::string target;
    std::string authorization;  // "" = none
    unsigned status;            // the answer of the screening; 0 = let through to a worker
  };
  const std::vector<Row> rows{
      {"/api/v1/search?q=xyzzymatkhau", "Bearer tk_0000_nope", 401},
      {"/api/v1/search?q=xyzzymatkhau", staff_key, 0},
      {"/metrics", staff_key, 403},
      {"/api/v1/search?q=h%E1%BB%8Dp", "", 0},    // the public's one token
      {"/api/v1/search?q=h%E1%BB%8Dp", "", 429},  // none left
      {"/api/v1/nope", "", 404},
  };
  auto staff_request = tracuu::testing::make_request("/api/v1/search?q=xyzzymatkhau");
  staff_request.set(field::authorization, staff_key);
  server::Screened staff;
  {
    // The only searcher is busy: what screening answers, it answers without one.
    auto busy = (*pool)->acquire(std::chrono::milliseconds(0));
    REQUIRE(busy);
    for (const auto& row : rows) {
      INFO(row.target << " " << row.authorization);
      auto request = tracuu::testing::make_request(row.target);
      if (!row.authorization.empty()) request.set(field::authorization, row.authorization);
      const auto screened = server::screen_request(request, backend, s.config(), &client);
      CHECK(screened.answer.has_value() == (row.status != 0));
      if (screened.answer) CHECK(screened.answer->result_int() == row.status);
    }
    staff = server::screen_request(staff_request, backend, s.config(), &client);
    REQUIRE_FALSE(staff.answer);
  }
  // A worker then answers it as the caller the screening found.
  const auto r = server::handle_screened(staff_request, backend, s.config(), staff, &client);
  CHECK(r.result_int() == 200);
  CHECK(r.body().find("\"id\":\"mat-777\"") != std::string::npos);
  CHECK(r[field::cache_control] == "private, no-store");
  CHECK(staff.notes.who == "staff");
  CHECK(staff.notes.audit);
}

TEST_CASE("audit: staff requests are noted with who and which document", "[access][audit]") {
  AccessServer s(full_index());
  server::RequestNotes notes;
  auto request = tracuu::testing::make_request("/api/v1/documents/mat-777");
  request.set(field::authorization, "Bearer " + s.key("staff"));
  const tracuu::searchd::server::Client client{"192.0.2.5"};
  (void)client;
  const auto r = s.send(request);
  CHECK(r.result_int() == 200);
  auto pool = tracuu::searchd::SearcherPool::open(full_index(), 1);
  REQUIRE(pool);
  const server::Backend backend{**pool, nullptr, nullptr, &s.access()};
  server::handle_request(request, backend, s.config(), &notes, &client);
  CHECK(notes.audit);
  CHECK(notes.who == "staff");
  CHECK(notes.via == "key");
  CHECK(notes.document == "mat-777");
  CHECK(notes.client == "192.0.2.5");
  server::RequestNotes public_notes;
  server::handle_request(tracuu::testing::make_request("/api/v1/documents/mat-777"), backend, s.config(), &public_notes,
                         &client);
  CHECK_FALSE(public_notes.audit);
}
