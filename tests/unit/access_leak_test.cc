// The leak matrix (issue 14): every endpoint and query field, asked as the public,
// as staff of each group and as admin, over an index holding public, internal and
// group-restricted documents. The public's answers must be byte for byte those of
// an index built without the restricted documents (timing fields aside).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>

#include "indexer/pipeline.h"
#include "searchd/server/codec.h"
#include "tests/unit/access_fixture.h"
#include "tests/unit/server_fixture.h"

namespace {

using tracuu::testing::AccessServer;
using tracuu::testing::full_index;
using tracuu::testing::public_index;
namespace server = tracuu::searchd::server;

// Every route and query field, with words, numbers and ids of the restricted documents.
const std::vector<std::string> kTargets{
    "/api/v1/search?q=xyzzymatkhau",
    "/api/v1/search?q=plughngansach",
    "/api/v1/search?q=xyzzymatkhao",           // did-you-mean towards an internal word
    "/api/v1/search?q=ho%20so%20tuyet%20mat",  // accent restoration of unaccented words
    "/api/v1/search?q=kho%20l%C6%B0u%20tr%E1%BB%AF%20m%E1%BA%ADt",
    "/api/v1/search?q=citedby:777/Q%C4%90-UBND",
    "/api/v1/search?q=citedby:778/Q%C4%90-UBND",
    "/api/v1/search?q=citedby:mat-777",
    "/api/v1/search?q=cites:346/TB-UBND",
    "/api/v1/search?q=so:777/Q%C4%90-UBND",
    "/api/v1/search?q=so:888/Q%C4%90-STC",
    "/api/v1/search?q=777/Q%C4%90-UBND",
    "/api/v1/search?q=nguoiky:%22Tr%E1%BA%A7n%20B%C3%AD%20%E1%BA%A8n%22",
    "/api/v1/search?q=tieude:plughngansach",
    "/api/v1/search?q=id:mat-777",
    "/api/v1/search?q=loai:%22Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%22",
    "/api/v1/search?q=coquan:%22S%E1%BB%9F%20T%C3%A0i%20ch%C3%ADnh%22",
    "/api/v1/search?q=giao:%22Ban%20Qu%E1%BA%A3n%20l%C3%BD%22",
    "/api/v1/search?q=nam:2021",
    "/api/v1/search?q=thang:7/2021",
    "/api/v1/search?q=ngay:2021-07-01..2021-08-31",
    "/api/v1/search?q=346/TB-UBND",
    "/api/v1/search?q=UBND%20t%E1%BB%89nh&sort=date_desc&limit=20",
    "/api/v1/search?q=h%E1%BB%8Dp&op=or&limit=50&snippets=3",
    "/api/v1/search?q=&year=2021",
    "/api/v1/search?q=&month=2021-07",
    "/api/v1/search?q=&type=Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh",
    "/api/v1/search?q=&from=2021-07-01&to=2021-12-31",
    "/api/v1/search?q=&signer=Tr%E1%BA%A7n%20B%C3%AD%20%E1%BA%A8n",
    "/api/v1/search?q=&assignee=S%E1%BB%9F%20T%C3%A0i%20ch%C3%ADnh",
    "/api/v1/search?q=so:abc",  // error paths
    "/api/v1/search?q=%22unbalanced",
    "/api/v1/search?nope=1",
    "/api/v1/suggest?q=xyzz",
    "/api/v1/suggest?q=plug",
    "/api/v1/suggest?q=77",
    "/api/v1/suggest?q=88",
    "/api/v1/suggest?q=Tr%E1%BA%A7n%20B",
    "/api/v1/suggest?q=h%E1%BB%93%20s",
    "/api/v1/suggest?q=ngan%20s",
    "/api/v1/documents/mat-777",
    "/api/v1/documents/nhom-tc-888",
    "/api/v1/documents/004_b33ee16890788d7a",
    "/api/v1/documents/004_b33ee16890788d7a/relations",
    "/api/v1/documents/004_b33ee16890788d7a/relations?as_of=2021-08-01",
    "/api/v1/documents/mat-777/relations",
    "/api/v1/documents/mat-777/original",
    "/api/v1/documents/004_b33ee16890788d7a/original",
    "/api/v1/documents/nhom-tc-888/relations",
    "/api/v1/citations?number=346/TB-UBND",
    "/api/v1/citations?number=777/Q%C4%90-UBND",
    "/api/v1/citations?number=888/Q%C4%90-STC",
    "/health",
    "/ready",
    "/metrics",
    "/search?q=xyzzymatkhau",
    "/search?q=xyzzymatkhao",
    "/search?q=346/TB-UBND",
    "/search?year=2021",
    "/doc/mat-777",
    "/doc/nhom-tc-888",
    "/doc/004_b33ee16890788d7a",
    "/doc/004_b33ee16890788d7a?hl=0-40",
    "/cite/346%2FTB-UBND",
    "/cite/777%2FQ%C4%90-UBND",
    "/cite/888%2FQ%C4%90-STC",
    "/feed?q=xyzzymatkhau",
    "/feed?year=2021",
    "/feed",
};

// The body without what differs between any two runs: timing and commit times.
std::string masked(const server::Response& r) {
  std::string body = r.body();
  if (r[server::http::field::content_type].starts_with("application/json")) {
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_object()) {
      j.erase("took_ms");
      if (j.contains("index") && j["index"].is_object()) j["index"].erase("last_commit");
      return j.dump();
    }
  }
  return std::regex_replace(body, std::regex(R"(<span class="took">\([^)]*\)</span>)"), "<span class=\"took\"/>");
}

}  // namespace

TEST_CASE("the index keeps each visibility class in its own database", "[access][leak]") {
  auto stats = tracuu::indexer::index_stats(full_index());
  REQUIRE(stats);
  CHECK(stats->documents == 8);
  using Classes = std::vector<std::pair<std::string, std::size_t>>;
  CHECK(stats->classes == Classes{{"groups:so-tai-chinh", 2}, {"internal", 1}, {"public", 5}});
}

TEST_CASE("public answers are those of an index without the restricted documents", "[access][leak]") {
  AccessServer full(full_index()), alone(public_index());
  for (const auto& target : kTargets) {
    INFO(target);
    const auto a = full.get(target), b = alone.get(target);
    CHECK(a.result_int() == b.result_int());
    CHECK(masked(a) == masked(b));
    // Nothing of a restricted document, by any path.
    for (const char* secret : {"xyzzymatkhau", "plughngansach", "777/QĐ-UBND", "888/QĐ-STC", "mat-777", "nhom-tc-888",
                               "nhom-tc-ban-sao", "Trần Bí Ẩn", "Lương Kín Đáo"}) {
      INFO(secret);
      const std::string asked =
          server::decode_path_segment(target).has_value() ? *server::decode_path_segment(target) : target;
      if (asked.find(secret) != std::string::npos ||
          (std::string(secret).find('/') != std::string::npos &&
           asked.find(std::string(secret).substr(0, 3)) != std::string::npos))
        continue;  // what was asked is echoed back
      CHECK(a.body().find(secret) == std::string::npos);
    }
  }
}

namespace {

struct Sight {
  std::string target;
  std::string who;  // "" public, or a key holder of AccessServer
  unsigned status;
  std::string present;  // in the body ("" = no check)
  std::string absent;   // not in the body ("" = no check)
};

const std::vector<Sight> kSights{
    // hits and totals
    {"/api/v1/search?q=xyzzymatkhau", "", 200, "\"total\":0", "mat-777"},
    {"/api/v1/search?q=xyzzymatkhau", "staff", 200, "\"id\":\"mat-777\"", ""},
    {"/api/v1/search?q=xyzzymatkhau", "staff-yte", 200, "\"id\":\"mat-777\"", ""},
    {"/api/v1/search?q=xyzzymatkhau", "admin", 200, "\"id\":\"mat-777\"", ""},
    {"/api/v1/search?q=plughngansach", "staff", 200, "\"total\":0", "nhom-tc-888"},
    {"/api/v1/search?q=plughngansach", "staff-yte", 200, "\"total\":0", "nhom-tc-888"},
    {"/api/v1/search?q=plughngansach", "admin", 200, "\"total\":0", "nhom-tc-888"},
    {"/api/v1/search?q=plughngansach", "staff-tc", 200, "\"id\":\"nhom-tc-888\"", ""},
    // did-you-mean proposes internal words to staff only
    {"/api/v1/search?q=xyzzymatkhao", "staff", 200, "\"did_you_mean\":\"xyzzymatkhau\"", ""},
    {"/api/v1/search?q=xyzzymatkhao", "", 200, "", "xyzzymatkhau"},
    // citations both ways
    {"/api/v1/search?q=cites:346/TB-UBND", "staff", 200, "mat-777", ""},
    {"/api/v1/search?q=cites:346/TB-UBND", "staff-tc", 200, "nhom-tc-888", ""},
    {"/api/v1/search?q=cites:346/TB-UBND", "", 200, "", "mat-777"},
    {"/api/v1/search?q=citedby:mat-777", "staff", 200, "004_b33ee16890788d7a", ""},
    {"/api/v1/search?q=citedby:mat-777", "", 200, "\"total\":0", ""},
    {"/api/v1/search?q=citedby:778/Q%C4%90-UBND", "staff", 200, "\"total\":0",
     ""},  // nobody holds it: nothing, not all
    {"/api/v1/citations?number=346/TB-UBND", "staff", 200, "mat-777", "nhom-tc-888"},
    {"/api/v1/citations?number=777/Q%C4%90-UBND", "staff-tc", 200, "\"id\":\"mat-777\"", ""},
    // a copy is listed only to those who may see it, and counted once
    {"/api/v1/search?q=346/TB-UBND", "staff-tc", 200, "nhom-tc-ban-sao", ""},
    {"/api/v1/search?q=346/TB-UBND", "staff-tc", 200, "\"copies\":[\"", ""},
    {"/api/v1/search?q=346/TB-UBND", "staff-tc", 200, "\"total\":3", ""},  // the notice, 777 and 888 cite it
    {"/api/v1/search?q=346/TB-UBND", "staff", 200, "", "nhom-tc-ban-sao"},
    {"/api/v1/search?q=346/TB-UBND", "", 200, "", "nhom-tc-ban-sao"},
    {"/doc/004_b33ee16890788d7a", "", 200, "", "nhom-tc-ban-sao"},
    // facets and the assignee facet
    {"/api/v1/search?q=346/TB-UBND", "staff", 200, "Trần Bí Ẩn", ""},
    {"/api/v1/search?q=346/TB-UBND", "staff", 200, "\"assignee\":", ""},
    {"/api/v1/search?q=346/TB-UBND", "", 200, "", "\"assignee\":"},
    // suggestions: words, titles, numbers
    {"/api/v1/suggest?q=xyzz", "staff", 200, "xyzzymatkhau", ""},
    {"/api/v1/suggest?q=plug", "staff-tc", 200, "plughngansach", ""},
    {"/api/v1/suggest?q=plug", "staff", 200, "", "plughngansach"},
    {"/api/v1/suggest?q=77", "staff", 200, "777/QĐ-UBND", ""},
    {"/api/v1/suggest?q=88", "staff-yte", 200, "", "888"},
    // documents and pages
    {"/api/v1/documents/mat-777", "", 404, "not_found", "xyzzy"},
    {"/api/v1/documents/mat-777", "staff-yte", 200, "xyzzymatkhau", ""},
    {"/api/v1/documents/nhom-tc-888", "staff", 404, "not_found", ""},
    {"/api/v1/documents/nhom-tc-888", "staff-tc", 200, "plughngansach", ""},
    {"/api/v1/documents/004_b33ee16890788d7a", "staff", 200, "mat-777", "nhom-tc-888"},
    {"/api/v1/documents/004_b33ee16890788d7a/relations", "staff", 200, "\"from_id\":\"mat-777\"", "nhom-tc-888"},
    {"/api/v1/documents/004_b33ee16890788d7a/relations", "staff-tc", 200, "\"from_id\":\"nhom-tc-888\"", ""},
    {"/api/v1/documents/004_b33ee16890788d7a/relations", "", 200, "\"incoming\":[]", "mat-777"},
    {"/api/v1/documents/mat-777/relations", "", 404, "not_found", "xyzzy"},
    {"/api/v1/documents/mat-777/relations", "staff", 200, "\"outgoing\":[{\"type\":\"basis\"", ""},
    {"/doc/mat-777", "", 404, "", "xyzzy"},
    {"/doc/mat-777", "staff", 200, "xyzzymatkhau", ""},
    {"/doc/nhom-tc-888", "staff-tc", 200, "Hạn chế: so-tai-chinh", ""},
    {"/cite/346%2FTB-UBND", "staff", 200, "mat-777", ""},
    // operational endpoints count what the caller sees
    {"/health", "", 200, "\"documents\":5", ""},
    {"/health", "staff", 200, "\"documents\":6", ""},
    {"/health", "staff-tc", 200, "\"documents\":8", ""},
    {"/ready", "staff-yte", 200, "\"documents\":6", ""},
    {"/metrics", "", 401, "unauthorized", "tracuu_index_documents"},
    {"/metrics", "staff", 403, "forbidden", "tracuu_index_documents"},
    {"/metrics", "admin", 200, "tracuu_index_documents 6", ""},
};

}  // namespace

TEST_CASE("each caller sees its documents and no other", "[access][leak]") {
  AccessServer full(full_index());
  for (const auto& s : kSights) {
    INFO(s.target << " as " << (s.who.empty() ? "public" : s.who));
    const auto r = full.get(s.target, s.who);
    CHECK(r.result_int() == s.status);
    if (!s.present.empty()) CHECK(r.body().find(s.present) != std::string::npos);
    if (!s.absent.empty()) CHECK(r.body().find(s.absent) == std::string::npos);
  }
}

TEST_CASE("a staff answer is never cached by a shared cache", "[access]") {
  AccessServer full(full_index());
  for (const std::string who : {"", "staff"}) {
    const auto r = full.get("/api/v1/search?q=xyzzymatkhau", who);
    CHECK(r[server::http::field::cache_control] == "private, no-store");
    CHECK(r[server::http::field::vary] == "Authorization, Cookie");
  }
  CHECK(full.get("/static/app.css")[server::http::field::cache_control] == "public, max-age=3600");
}
