// The portal: HTML helpers (tables) and pages rendered through handle_request.
#include <algorithm>
#include <catch2/catch.hpp>
#include <regex>

#include "searchd/server/access.h"
#include "searchd/server/html.h"
#include "searchd/server/portal_pages.h"
#include "tests/unit/server_fixture.h"

namespace {

using namespace tracuu;
using namespace tracuu::searchd::server;
using tracuu::testing::get;

struct HighlightRow {
  std::string text;
  std::vector<searchd::Highlight> highlights;
  std::string expected;
};

TEST_CASE("highlight_html escapes everything and marks the ranges", "[server]") {
  const std::vector<HighlightRow> rows{
      {"đồng chí Hà", {{0, 7}, {8, 12}}, "<mark>đồng</mark> <mark>chí</mark> Hà"},
      {"a <b> & \"c\"", {{2, 5}}, "a <mark>&lt;b&gt;</mark> &amp; &quot;c&quot;"},
      {"<script>", {}, "&lt;script&gt;"},
      {"đồng", {{1, 3}}, "<mark>đ</mark>ồng"},              // inside a character: snapped to character starts
      {"abc", {{1, 99}}, "a<mark>bc</mark>"},               // past the end: clamped
      {"abc", {{2, 1}, {5, 9}}, "abc"},                     // empty or inverted: skipped
      {"abcdef", {{3, 5}, {0, 4}}, "<mark>abcd</mark>ef"},  // overlap: the later-starting one is skipped
      {"it's", {{0, 4}}, "<mark>it&#39;s</mark>"},
  };
  for (const auto& row : rows) {
    INFO(row.text);
    CHECK(highlight_html(row.text, row.highlights) == row.expected);
  }
}

TEST_CASE("url_encode keeps unreserved characters only", "[server]") {
  CHECK(url_encode("66/2025/NĐ-CP") == "66%2F2025%2FN%C4%90-CP");
  CHECK(url_encode("a b&c=d") == "a%20b%26c%3Dd");
  CHECK(url_encode("abc-_.~") == "abc-_.~");
}

TEST_CASE("parse_passage reads OFFSET-LENGTH and nothing else", "[server]") {
  CHECK(parse_passage("266-192")->offset == 266);
  CHECK(parse_passage("266-192")->length == 192);
  for (const std::string bad : {"", "-", "1-", "-2", "a-1", "1-2-3", "1 - 2", "99999999999999999999999-1"}) {
    INFO(bad);
    CHECK_FALSE(parse_passage(bad));
  }
}

TEST_CASE("document_text_html anchors sections and marks the passage", "[server]") {
  schema::DocRecord r;
  r.text = "Mở đầu <x>\n1. Mục một\nnội dung đồng chí";
  schema::Section s;
  s.anchor = "s-1";
  s.heading = {r.text.find("1."), r.text.find("1.") + 12};
  r.sections.push_back(s);
  const std::size_t at = r.text.find("đồng");
  const std::string html = document_text_html(r, Passage{at, 12});
  CHECK_THAT(html, Catch::Contains("Mở đầu &lt;x&gt;\n<span class=\"anchor\" id=\"s-1\"></span>1. Mục một"));
  CHECK_THAT(html,
             Catch::Contains("nội dung <mark class=\"passage\" id=\"p-" + std::to_string(at) + "\">đồng chí</mark>"));
  CHECK(document_text_html(r, Passage{9999, 5}).find("<mark") == std::string::npos);  // beyond the text: ignored
  CHECK_THAT(document_text_html(r, Passage{at, 9999}), Catch::EndsWith("đồng chí</mark>"));
}

TEST_CASE("vietnamese_date turns ISO dates into dd/mm/yyyy", "[server]") {
  CHECK(vietnamese_date("2025-07-31") == "31/07/2025");
  CHECK(vietnamese_date("2025") == "2025");
}

TEST_CASE("parse_vietnamese_date reads day-first dates and ISO, nothing else", "[server]") {
  const std::vector<std::pair<std::string, std::optional<std::string>>> rows{
      {"04/08/2025", "2025-08-04"}, {"4/8/2025", "2025-08-04"},   {"2025-08-04", "2025-08-04"},
      {"2025-8-4", "2025-08-04"},   {"29/02/2024", "2024-02-29"}, {"29/02/2025", std::nullopt},
      {"31/04/2025", std::nullopt}, {"08/04", std::nullopt},      {"04-08-2025", std::nullopt},
      {"4/8/25", std::nullopt},     {"4/8-2025", std::nullopt},   {"04/08/2025x", std::nullopt},
      {"", std::nullopt},           {"13/13/2025", std::nullopt}, {"004/08/2025", std::nullopt},
  };
  for (const auto& [text, iso] : rows) {
    INFO(text);
    CHECK(parse_vietnamese_date(text) == iso);
  }
}

TEST_CASE("section_heading is the heading as printed: label as written, then the title", "[server]") {
  schema::DocRecord r;
  r.text = "Chương I\nNHỮNG QUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\nLuật này quy định...\na) Thử nghiệm;";
  const auto section = [&](std::string number, std::string title, std::string_view printed) {
    schema::Section s;
    s.number = std::move(number);
    s.title = std::move(title);
    s.heading.begin = r.text.find(printed);
    s.heading.end = s.heading.begin + printed.size();
    return s;
  };
  CHECK(section_heading(r, section("I", "NHỮNG QUY ĐỊNH CHUNG", "Chương I\nNHỮNG QUY ĐỊNH CHUNG")) ==
        "Chương I NHỮNG QUY ĐỊNH CHUNG");
  CHECK(section_heading(r, section("1", "Phạm vi điều chỉnh", "Điều 1. Phạm vi điều chỉnh")) ==
        "Điều 1. Phạm vi điều chỉnh");
  CHECK(section_heading(r, section("a", "Thử nghiệm;", "a) Thử nghiệm;")) == "a) Thử nghiệm;");
  schema::Section outside;  // a heading outside the text: number and title
  outside.number = "2";
  outside.title = "Đối tượng áp dụng";
  outside.heading = {9000, 9010};
  CHECK(section_heading(r, outside) == "2. Đối tượng áp dụng");
}

TEST_CASE("the home page is Vietnamese, accessible and has the search form", "[server][portal]") {
  const auto r = get("/");
  REQUIRE(r.result_int() == 200);
  CHECK(std::string(r[http::field::content_type]) == "text/html; charset=utf-8");
  const std::string& html = r.body();
  CHECK_THAT(html, Catch::Contains("<html lang=\"vi\">"));
  CHECK_THAT(html, Catch::Contains("<label for=\"q\">"));
  CHECK_THAT(html, Catch::Contains("name=\"viewport\""));
  CHECK_THAT(html, Catch::Contains("action=\"/search\""));
}

TEST_CASE("the search page keeps the query and highlights accented hits", "[server][portal]") {
  const auto r = get("/search?q=dong+chi");
  REQUIRE(r.result_int() == 200);
  const std::string& html = r.body();
  CHECK_THAT(html, Catch::Contains("value=\"dong chi\""));
  CHECK_THAT(html, Catch::Contains("<mark>đồng</mark> <mark>chí</mark>"));
  CHECK_THAT(html, Catch::Contains("Tìm thấy 5 văn bản"));
  CHECK_THAT(html, Catch::Contains("?hl="));  // snippets deep-link to the passage
  CHECK_THAT(html, Catch::Contains("#p-"));
}

TEST_CASE("hits without a heading block have a title from their opening and the meeting date", "[server][portal]") {
  // Sample 001 starts at "Ngày 05/8/2025, Ủy ban nhân dân tỉnh (UBND tỉnh) tổ chức Phiên họp ...".
  const std::string html = get("/search?q=id%3A001_6b3477ad7153f868").body();
  CHECK_THAT(html, Catch::Contains(">Kết luận Phiên họp thường kỳ tháng 7 năm 2025 (Phiên họp thứ hai) của Ủy ban nhân "
                                   "dân tỉnh</a>"));
  CHECK_THAT(html, Catch::Contains("<span>Diễn ra ngày 05/08/2025</span>"));
  // A dated document shows its issue date only.
  const std::string dated = get("/search?q=id%3A004_b33ee16890788d7a").body();
  CHECK_THAT(dated, Catch::Contains("<span>Ngày 27/06/2021</span>"));
  CHECK(dated.find("Diễn ra ngày") == std::string::npos);
}

TEST_CASE("the search page shows facets as checkboxes with counts, selected kept", "[server][portal]") {
  const auto r = get("/search?q=ubnd&type=Th%C3%B4ng+b%C3%A1o&page=1");
  REQUIRE(r.result_int() == 200);
  const std::string& html = r.body();
  CHECK_THAT(html, Catch::Contains("<legend>Loại văn bản <span class=\"count\">(1 đang chọn)</span></legend>"));
  CHECK_THAT(html, Catch::Contains("name=\"type\" value=\"Thông báo\" checked"));
  CHECK_THAT(html, Catch::Contains("<legend>Năm ban hành</legend>"));
}

struct TopValuesRow {
  const char* name;
  std::vector<searchd::FacetValue> values;
  std::size_t k;
  std::vector<bool> shown;
};

TEST_CASE("a facet list shows its most frequent and its selected values before \"Xem thêm\"", "[server][portal]") {
  using V = searchd::FacetValue;
  const std::vector<TopValuesRow> rows{
      {"short list: all", {{"Thông báo", 3}, {"Kết luận", 1}}, 8, {true, true}},
      {"by count: the first k",
       {{"Chính phủ", 136}, {"Quốc hội", 82}, {"Bộ Tài chính", 16}, {"Bộ Xây dựng", 9}, {"Bộ Công an", 8}},
       2,
       {true, true, false, false, false}},
      {"years (newest first): the k busiest, in year order",
       {{"2026", 4}, {"2025", 40}, {"2024", 2}, {"2023", 30}, {"2022", 1}},
       2,
       {false, true, false, true, false}},
      {"a selected rare value is never folded away",
       {{"Chính phủ", 136},
        {"Quốc hội", 82},
        {"Bộ Tài chính", 16},
        {"Bộ Xây dựng", 9},
        V{"UBND tỉnh Lạng Sơn", 1, true}},
       2,
       {true, true, false, false, true}},
      {"ties keep list order",
       {{"2025-01", 5}, {"2025-02", 5}, {"2025-03", 5}, {"2025-04", 5}},
       2,
       {true, true, false, false}},
      {"one folded value would be silly: all shown", {{"a", 5}, {"b", 4}, {"c", 3}}, 2, {true, true, true}},
  };
  for (const auto& row : rows) {
    INFO(row.name);
    CHECK(top_facet_values(row.values, row.k) == row.shown);
  }
}

TEST_CASE("every filter group has its own apply button; the filters open from a \"Bộ lọc\" control",
          "[server][portal]") {
  const std::string html = get("/search?q=ubnd").body();
  const auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = html.find(needle); at != std::string::npos; at = html.find(needle, at + 1)) ++n;
    return n;
  };
  CHECK(count("<fieldset") >= 3);
  CHECK(count("<button type=\"submit\" class=\"apply") == count("<fieldset"));
  CHECK_THAT(html, Catch::Contains("<details class=\"filters-panel\">"));
  CHECK_THAT(html, Catch::Contains("<summary><span id=\"filters-heading\">Bộ lọc</span>"));
  CHECK_THAT(get("/search?q=ubnd&year=2025").body(),
             Catch::Contains("Bộ lọc</span> <span class=\"count\">(1 đang chọn)"));
}

TEST_CASE("a page past the last one says so and links to the last page", "[server][portal]") {
  const auto r = get("/search?q=ubnd&page=50");
  REQUIRE(r.result_int() == 200);
  CHECK_THAT(r.body(), Catch::Contains("Trang 50 vượt quá số trang kết quả"));
  CHECK_THAT(r.body(), Catch::Contains("href=\"/search?q=ubnd&amp;page=1\">Đến trang cuối (trang 1)</a>"));
  CHECK(r.body().find("Kiểm tra lỗi chính tả") == std::string::npos);                      // not the no-results tips
  CHECK(get("/search?q=qqqzzzxxyy&page=2").body().find("vượt quá") == std::string::npos);  // nothing at all found
}

TEST_CASE("a query mistake shows what was wrong, not generic help", "[server][portal]") {
  const auto r = get("/search?q=cites%3Akhongphaiso");
  CHECK(r.result_int() == 400);
  CHECK_THAT(r.body(), Catch::Contains("cites: &apos;khongphaiso&apos; is not a document number"));
  CHECK_THAT(r.body(), Catch::Contains("<code>cites:</code>"));
  CHECK(r.body().find("AND, OR, NOT") == std::string::npos);
  CHECK_THAT(get("/search?q=thue+OR").body(), Catch::Contains("OR needs a clause on both sides"));
  CHECK_THAT(get("/search?q=a&from=31%2F02%2F2025").body(), Catch::Contains("from is not a date"));
}

TEST_CASE("dates are dd/mm/yyyy text fields, read day first or ISO", "[server][portal]") {
  const std::string html = get("/search?q=ubnd&from=2021-06-01").body();
  CHECK_THAT(html, Catch::Contains("id=\"from\" name=\"from\" type=\"text\""));
  CHECK_THAT(html, Catch::Contains("placeholder=\"dd/mm/yyyy\""));
  CHECK_THAT(html, Catch::Contains("value=\"01/06/2021\""));  // shown back day first
  CHECK(html.find("type=\"date\"") == std::string::npos);
  const auto total = [](const std::string& page) {
    std::smatch m;
    return std::regex_search(page, m, std::regex("Tìm thấy ([0-9.]+) văn bản")) ? m[1].str() : std::string("none");
  };
  CHECK(total(get("/search?q=ubnd&from=01%2F06%2F2021&to=30%2F06%2F2021").body()) ==
        total(get("/search?q=ubnd&from=2021-06-01&to=2021-06-30").body()));
  CHECK(total(get("/search?q=ubnd&from=01%2F06%2F2021&to=30%2F06%2F2021").body()) != "none");
}

TEST_CASE("a search has an Atom feed of what is new to the index, linked from its page", "[server][portal]") {
  const auto page = get("/search?q=dong+chi&page=1");
  CHECK_THAT(page.body(), Catch::Contains("<link rel=\"alternate\" type=\"application/atom+xml\""));
  CHECK_THAT(page.body(), Catch::Contains("href=\"/feed?q=dong%20chi\""));
  CHECK(get("/").body().find("application/atom+xml") == std::string::npos);  // the home page follows nothing

  // Page, sort and limit are the page's, not the feed's: the same feed.
  const auto r = get("/feed?q=dong+chi&page=2&sort=relevance&limit=1");
  REQUIRE(r.result_int() == 200);
  CHECK(std::string(r[http::field::content_type]) == "application/atom+xml; charset=utf-8");
  const std::string& xml = r.body();
  CHECK(xml == get("/feed?q=dong+chi").body());
  CHECK(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""));
  CHECK_THAT(xml, Catch::Contains("<id>urn:tracuu:feed:q=dong%20chi</id>"));
  CHECK_THAT(xml, Catch::Contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"/feed?q=dong%20chi\"/>"));
  // Entries newest to the index first (here every document, browsed), the feed as new as its newest; & escaped.
  const std::string all = get("/feed").body();
  std::vector<std::string> dates;
  const std::regex updated(
      R"(<entry>\n<title>[^<]+</title>\n<id>urn:tracuu:doc:[^<]+</id>\n<updated>([^<]+)</updated>)");
  for (std::sregex_iterator it(all.begin(), all.end(), updated), end; it != end; ++it) dates.push_back((*it)[1]);
  REQUIRE_FALSE(dates.empty());  // server_new_documents_test orders documents of several runs
  CHECK(std::is_sorted(dates.rbegin(), dates.rend()));
  CHECK_THAT(all, Catch::Contains("<updated>" + dates.front() + "</updated>\n<link rel=\"self\""));
  for (const std::string* feed : {&xml, &all})
    CHECK(std::regex_search(*feed, std::regex("&(?!amp;|lt;|gt;|quot;|#39;)")) == false);

  CHECK(get("/feed?q=cites%3Akhongphaiso").result_int() == 400);
}

TEST_CASE("no results: a clear page, never an error", "[server][portal]") {
  const auto r = get("/search?q=qqqzzzxxyy");
  CHECK(r.result_int() == 200);
  CHECK_THAT(r.body(), Catch::Contains("Không tìm thấy kết quả"));
}

TEST_CASE("no results with a respelling offers it as a link that keeps the filters", "[server][portal]") {
  const auto r = get("/search?q=thong+bso&op=and");
  CHECK(r.result_int() == 200);
  CHECK_THAT(r.body(), Catch::Contains("Không tìm thấy kết quả"));
  CHECK_THAT(r.body(),
             Catch::Contains("Có phải bạn muốn tìm: <a href=\"/search?op=and&amp;q=thong%20bao\">thong bao</a>"));
}

TEST_CASE("user input is escaped in pages", "[server][portal]") {
  const auto r = get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22");
  CHECK_THAT(r.body(), Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;"));
  CHECK(r.body().find("<script>alert") == std::string::npos);
}

TEST_CASE("pages have no inline script or style (CSP)", "[server][portal]") {
  for (const std::string target : {"/", "/search?q=dong+chi", "/doc/000_4273f595e8f93ec2?hl=100-50",
                                   "/cite/66%2F2025%2FN%C4%90-CP", "/doc/nope"}) {
    INFO(target);
    const std::string html = get(target).body();
    CHECK(html.find("<style") == std::string::npos);
    CHECK(html.find(" style=") == std::string::npos);
    CHECK_FALSE(std::regex_search(html, std::regex(" on[a-z]+=")));  // no onclick= and the like
    std::size_t at = 0;
    while ((at = html.find("<script", at)) != std::string::npos) {
      CHECK(html.compare(at, 12, "<script src=") == 0);
      ++at;
    }
  }
}

TEST_CASE("the document page highlights the passage of the snippet", "[server][portal]") {
  const auto r = get("/doc/000_4273f595e8f93ec2?hl=100-50");
  REQUIRE(r.result_int() == 200);
  CHECK_THAT(r.body(), Catch::Contains("<mark class=\"passage\" id=\"p-100\">"));
  CHECK_THAT(r.body(), Catch::Contains("Ủy ban nhân dân tỉnh"));
  CHECK_THAT(r.body(), Catch::Contains("<table class=\"metadata\">"));
  CHECK(get("/doc/000_4273f595e8f93ec2?hl=garbage").result_int() == 200);  // a bad hl is ignored
}

TEST_CASE("the document page links its citations and lists its sections", "[server][portal]") {
  const std::string html = get("/doc/000_4273f595e8f93ec2").body();
  // "Nghị định số 66/2025/NĐ-CP ngày 12/3/2025": the link carries the date the text gives.
  CHECK_THAT(html, Catch::Contains("href=\"/cite/66%2F2025%2FN%C4%90-CP?date=2025-03-12\""));
  CHECK_THAT(html, Catch::Contains("Mục lục"));
  CHECK_THAT(html, Catch::Contains("class=\"anchor\" id=\"s-1\""));
}

TEST_CASE("an unknown document is an HTML 404 in Vietnamese", "[server][portal]") {
  const auto r = get("/doc/no-such-document");
  CHECK(r.result_int() == 404);
  CHECK(std::string(r[http::field::content_type]) == "text/html; charset=utf-8");
  CHECK_THAT(r.body(), Catch::Contains("Không tìm thấy"));
}

TEST_CASE("the citation page of a number we do not hold lists who cites it", "[server][portal]") {
  const auto r = get("/cite/66%2F2025%2FN%C4%90-CP");
  REQUIRE(r.result_int() == 200);
  CHECK_THAT(r.body(), Catch::Contains("chưa có trong hệ thống"));
  CHECK_THAT(r.body(), Catch::Contains("href=\"/doc/000_4273f595e8f93ec2\""));
  CHECK(get("/cite/not-a-number").result_int() == 400);
}

TEST_CASE("the citation page of a number held with another issue date shows the holder as a candidate only",
          "[server][portal]") {
  // Sample 004 is 346/TB-UBND of 27/6/2021; a text citing "346/TB-UBND ngày 10/10/2017" means another notice.
  const auto other = get("/cite/346%2FTB-UBND?date=2017-10-10");
  REQUIRE(other.result_int() == 200);
  CHECK_THAT(other.body(), Catch::Contains("chưa có trong hệ thống"));
  CHECK_THAT(other.body(), Catch::Contains("khác ngày ban hành"));
  CHECK_THAT(other.body(), Catch::Contains("href=\"/doc/004_b33ee16890788d7a\""));
  const auto same = get("/cite/346%2FTB-UBND?date=2021-06-27");
  REQUIRE(same.result_int() == 200);
  CHECK_THAT(same.body(), Catch::Contains("có trong hệ thống: <a href=\"/doc/004_b33ee16890788d7a\""));
  CHECK(get("/cite/346%2FTB-UBND?date=2021-13-45").result_int() == 400);
}

TEST_CASE("static files have their content type and cache headers; nothing else is served", "[server][portal]") {
  const auto css = get("/static/app.css");
  CHECK(css.result_int() == 200);
  CHECK(std::string(css[http::field::content_type]) == "text/css; charset=utf-8");
  CHECK(std::string(css[http::field::cache_control]) == "public, max-age=3600");
  CHECK(std::string(get("/static/suggest.js")[http::field::content_type]) == "text/javascript; charset=utf-8");
  for (const std::string target : {"/static/nope.css", "/static/../CMakeLists.txt",
                                   "/static/%2E%2E%2Fweb%2Ftemplates%2Flayout.mustache", "/static/"}) {
    INFO(target);
    CHECK(get(target).result_int() == 404);
  }
}

TEST_CASE("bad portal parameters give an HTML 400 page", "[server][portal]") {
  for (const std::string target :
       {"/search?q=a&page=0", "/search?q=a&page=x", "/search?q=a&bogus=1", "/search?q=%zz"}) {
    INFO(target);
    const auto r = get(target);
    CHECK(r.result_int() == 400);
    CHECK_THAT(r.body(), Catch::Contains("<html lang=\"vi\">"));
  }
}

TEST_CASE("staff mode is visible on the portal", "[server][portal]") {
  auto config = testing::sample_config();
  KeyStore keys;
  const std::string key = *keys.add("văn thư", Scope::Staff, {}, "2026-11-30T00:00:00Z");
  Access access(config, std::move(keys), std::string(32, 's'));
  auto pool = testing::sample_pool();
  auto request = testing::make_request("/search?q=ubnd");
  request.set(http::field::authorization, "Bearer " + key);
  CHECK_THAT(handle_request(request, {*pool, &testing::source_site(), nullptr, &access}, config).body(),
             Catch::Contains("Chế độ cán bộ: văn thư"));
  CHECK(get("/search?q=ubnd").body().find("Chế độ cán bộ") == std::string::npos);
}

TEST_CASE("without --web the portal routes are 404 and the API still works", "[server][portal]") {
  auto pool = testing::sample_pool();
  const Backend backend{*pool, nullptr, nullptr};
  CHECK(handle_request(testing::make_request("/"), backend, testing::sample_config()).result_int() == 404);
  CHECK(handle_request(testing::make_request("/health"), backend, testing::sample_config()).result_int() == 200);
}

}  // namespace
