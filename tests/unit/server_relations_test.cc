// Relations and validity through the server (issue 17): /api/v1/documents/{id}?as_of=,
// /api/v1/documents/{id}/relations and the document page's status, timeline and relations panel,
// over decrees as vn-legal gives them and an internal document acting on a public one.
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>

#include "indexer/pipeline.h"
#include "tests/unit/access_fixture.h"

namespace {

namespace fs = std::filesystem;
using tracuu::testing::AccessServer;

// Nghị định 103/2015/NĐ-CP and the decree whose "Hiệu lực thi hành" replaces it (vn-legal's sentence,
// an-ninh-quoc-gia/cong-an-nhan-dan, Điều 1.6.NĐ.4.16); an internal decision repealing a clause of the latter.
const char* const kRecords[] = {
    R"({"id": "nd-103-2015", "so_hieu": "103/2015/NĐ-CP", "loai_van_ban": "Nghị định", "co_quan_ban_hanh": "Chính phủ",
        "title": "Quy định chi tiết và biện pháp thi hành một số điều của Luật Công an nhân dân",
        "ngay_ban_hanh": "2015-10-20", "ngay_hieu_luc": "2015-12-05",
        "text": "Nghị định này có hiệu lực thi hành kể từ ngày 05 tháng 12 năm 2015."})",
    R"({"id": "nd-42-2019", "so_hieu": "42/2019/NĐ-CP", "loai_van_ban": "Nghị định", "co_quan_ban_hanh": "Chính phủ",
        "title": "Quy định chi tiết một số điều của Luật Công an nhân dân",
        "ngay_ban_hanh": "2019-05-16", "ngay_hieu_luc": "2019-07-25",
        "text": "Điều 18. Hiệu lực thi hành\n1. Nghị định này có hiệu lực thi hành kể từ ngày 25 tháng 7 năm 2019, thay thế Nghị định số 103/2015/NĐ-CP ngày 20 tháng 10 năm 2015 của Chính phủ quy định chi tiết và biện pháp thi hành một số điều của Luật Công an nhân dân."})",
    R"({"id": "nd-mat-12", "so_hieu": "12/2020/NĐ-CP", "loai_van_ban": "Nghị định", "co_quan_ban_hanh": "Chính phủ",
        "title": "Nghị định mật xyzzyhieuluc", "ngay_ban_hanh": "2020-03-02", "ngay_hieu_luc": "2020-04-01",
        "visibility": "internal",
        "text": "Điều 2. Bãi bỏ khoản 2 Điều 18 Nghị định số 42/2019/NĐ-CP ngày 16 tháng 5 năm 2019 của Chính phủ."})",
    // A provincial decision replacing one the index does not hold (its citation page is a stub).
    R"({"id": "qd-25-2021", "so_hieu": "25/2021/QĐ-UBND", "loai_van_ban": "Quyết định",
        "co_quan_ban_hanh": "Ủy ban nhân dân tỉnh Lạng Sơn", "title": "Ban hành Quy chế quản lý cụm công nghiệp",
        "ngay_ban_hanh": "2021-06-10", "ngay_hieu_luc": "2021-06-20",
        "text": "Điều 2. Hiệu lực thi hành\nQuyết định này có hiệu lực thi hành kể từ ngày 20 tháng 6 năm 2021, thay thế Quyết định số 09/2010/QĐ-UBND ngày 05 tháng 4 năm 2010 của Ủy ban nhân dân tỉnh Lạng Sơn."})",
    // Another web copy of it (same number and date): one act, not two.
    R"({"id": "qd-25-2021-ban-sao", "so_hieu": "25/2021/QĐ-UBND", "loai_van_ban": "Quyết định",
        "co_quan_ban_hanh": "Ủy ban nhân dân tỉnh Lạng Sơn", "title": "BAN HÀNH QUY CHẾ QUẢN LÝ CỤM CÔNG NGHIỆP",
        "ngay_ban_hanh": "2021-06-10", "ngay_hieu_luc": "2021-06-20",
        "text": "Điều 2. Hiệu lực thi hành\nQuyết định này có hiệu lực thi hành kể từ ngày 20 tháng 6 năm 2021, thay thế Quyết định số 09/2010/QĐ-UBND ngày 05 tháng 4 năm 2010 của Ủy ban nhân dân tỉnh Lạng Sơn."})",
};

const fs::path& relations_index() {
  static const tracuu::testing::TempDir dir("relations");
  static const fs::path home = [] {
    std::string jsonl;
    for (const char* r : kRecords) jsonl += nlohmann::json::parse(r).dump() + "\n";
    const fs::path docs = dir.write("decrees.jsonl", jsonl);
    tracuu::indexer::BuildOptions options;
    options.threads = 1;
    auto report =
        tracuu::indexer::rebuild_index(dir.path() / "index", {docs}, tracuu::indexer::Extractor(), options, {});
    if (!report || !report->errors.empty()) std::abort();
    return dir.path() / "index";
  }();
  return home;
}

nlohmann::json json_of(const tracuu::searchd::server::Response& r) {
  return nlohmann::json::parse(r.body());
}

}  // namespace

TEST_CASE("/api/v1/documents/{id}?as_of=: validity on that day", "[server][relations]") {
  AccessServer server(relations_index());
  struct Row {
    std::string as_of;
    unsigned status;
    const char* code;  // of 103/2015/NĐ-CP
    const char* day;
  };
  const std::vector<Row> rows{
      {"", 200, "het", ""},  // today: replaced since 25/7/2019
      {"?as_of=2015-11-01", 200, "chua", "2015-11-01"},
      {"?as_of=2019-07-24", 200, "con", "2019-07-24"},
      {"?as_of=24%2F7%2F2019", 200, "con", "2019-07-24"},
      {"?as_of=2019-07-25", 200, "het", "2019-07-25"},
      {"?as_of=2019-07", 400, "", ""},  // a month is not a day
      {"?as_of=hello", 400, "", ""},
      {"?asof=2019-07-25", 400, "", ""},
  };
  for (const auto& row : rows) {
    for (const std::string route : {"/api/v1/documents/nd-103-2015", "/api/v1/documents/nd-103-2015/relations"}) {
      INFO(route + row.as_of);
      const auto r = server.get(route + row.as_of);
      REQUIRE(r.result_int() == row.status);
      if (row.status != 200) continue;
      const auto v = json_of(r)["validity"];
      CHECK(v["status"] == row.code);
      if (*row.day) CHECK(v["as_of"] == row.day);
      CHECK(v["in_force_from"] == "2015-12-05");
      CHECK(v["ended_from"] == "2019-07-25");
    }
  }
}

TEST_CASE("/api/v1/documents/{id}/relations: both directions, typed, in the caller's view", "[server][relations]") {
  AccessServer server(relations_index());
  const auto replaced = json_of(server.get("/api/v1/documents/nd-103-2015/relations"));
  CHECK(replaced["id"] == "nd-103-2015");
  CHECK(replaced["outgoing"].empty());
  REQUIRE(replaced["incoming"].size() == 1);
  CHECK(replaced["incoming"][0]["type"] == "replaces");
  CHECK(replaced["incoming"][0]["from_id"] == "nd-42-2019");
  CHECK(replaced["incoming"][0]["from_number"] == "42/2019/NĐ-CP");
  CHECK(replaced["incoming"][0]["effective_date"] == "2019-07-25");
  bool replaced_step = false;
  for (const auto& step : replaced["validity"]["timeline"])
    replaced_step |= step["kind"] == "replaced" && step["by_id"] == "nd-42-2019" && step["date"] == "2019-07-25";
  CHECK(replaced_step);

  // The replacing decree: what it does (to a document held, matched by number, date and issuer) and, for staff
  // only, the internal decision repealing one of its clauses.
  struct Row {
    const char* who;
    const char* code;
    std::size_t incoming;
  };
  for (const Row& row : {Row{"", "con", 0}, Row{"staff", "mot-phan", 1}}) {
    INFO(row.who);
    const auto r = server.get("/api/v1/documents/nd-42-2019/relations", row.who);
    REQUIRE(r.result_int() == 200);
    const auto j = json_of(r);
    REQUIRE(j["outgoing"].size() == 1);
    CHECK(j["outgoing"][0]["type"] == "replaces");
    CHECK(j["outgoing"][0]["number"] == "103/2015/NĐ-CP");
    CHECK(j["outgoing"][0]["document_id"] == "nd-103-2015");
    CHECK(j["outgoing"][0]["scope"].is_null());
    CHECK(j["validity"]["status"] == row.code);
    REQUIRE(j["incoming"].size() == row.incoming);
    if (row.incoming) {
      CHECK(j["incoming"][0]["type"] == "repeals");
      CHECK(j["incoming"][0]["from_id"] == "nd-mat-12");
      CHECK(j["incoming"][0]["scope"] == "khoản 2 Điều 18");
    }
    if (!*row.who) {
      CHECK(r.body().find("nd-mat-12") == std::string::npos);
      CHECK(r.body().find("12/2020") == std::string::npos);
    }
  }
  CHECK(server.get("/api/v1/documents/nd-mat-12/relations").result_int() == 404);
  CHECK(server.get("/api/v1/documents/nd-mat-12/relations", "staff").result_int() == 200);
  CHECK(server.get("/api/v1/documents/khong-co/relations").result_int() == 404);
}

TEST_CASE("the document page: status on a day, timeline and relations panel, without scripts",
          "[server][relations][portal]") {
  AccessServer server(relations_index());
  struct Row {
    std::string target;
    const char* who;
    std::vector<std::string> present, absent;
  };
  const std::vector<Row> rows{
      {"/doc/nd-103-2015",
       "",
       {"Hết hiệu lực", "Được thay thế bởi", "href=\"/doc/nd-42-2019\"", "25/07/2019", "name=\"as_of\""},
       {"Còn hiệu lực"}},
      {"/doc/nd-103-2015?as_of=24%2F07%2F2019", "", {"Còn hiệu lực", "tại ngày 24/07/2019"}, {"hôm nay"}},
      {"/doc/nd-42-2019", "", {"Còn hiệu lực", "Thay thế", "href=\"/doc/nd-103-2015\""}, {"nd-mat-12", "12/2020"}},
      {"/doc/nd-42-2019",
       "staff",
       {"Hết hiệu lực một phần", "Bị bãi bỏ bởi", "href=\"/doc/nd-mat-12\"", "khoản 2 Điều 18"},
       {}},
  };
  for (const auto& row : rows) {
    INFO(row.target << " as " << row.who);
    const auto r = server.get(row.target, row.who);
    REQUIRE(r.result_int() == 200);
    for (const auto& s : row.present) CHECK(r.body().find(s) != std::string::npos);
    for (const auto& s : row.absent) CHECK(r.body().find(s) == std::string::npos);
  }
  CHECK(server.get("/doc/nd-103-2015?as_of=hom-nay").result_int() == 400);
}

TEST_CASE("search hits carry the status badge the validity facet counts", "[server][relations][portal]") {
  AccessServer server(relations_index());
  const auto api = json_of(server.get("/api/v1/search?q=ngh%E1%BB%8B%20%C4%91%E1%BB%8Bnh"));
  std::map<std::string, std::string> codes;
  for (const auto& h : api["hits"]) codes[h["id"]] = h["validity"];
  CHECK(codes == std::map<std::string, std::string>{{"nd-103-2015", "het"}, {"nd-42-2019", "con"}});
  const auto page = server.get("/search?q=ngh%E1%BB%8B%20%C4%91%E1%BB%8Bnh");
  CHECK(page.body().find("class=\"status status-het\">Hết hiệu lực<") != std::string::npos);
  CHECK(page.body().find("class=\"status status-con\">Còn hiệu lực<") != std::string::npos);

  // On a day asked: 103/2015 was in force, 42/2019 not yet; the form keeps the day and the page says it.
  const auto then = server.get("/search?q=ngh%E1%BB%8B%20%C4%91%E1%BB%8Bnh&as_of=1%2F1%2F2019");
  REQUIRE(then.result_int() == 200);
  for (const char* s : {"class=\"status status-con\">Còn hiệu lực<", "class=\"status status-chua\">Chưa có hiệu lực<",
                        "Trạng thái hiệu lực tính tại ngày 01/01/2019",
                        "name=\"as_of\" type=\"text\" inputmode=\"numeric\" value=\"01/01/2019\""})
    CHECK(then.body().find(s) != std::string::npos);
  CHECK(then.body().find("status-het") == std::string::npos);
  CHECK(server.get("/search?q=x&as_of=32%2F1%2F2019").result_int() == 400);
}

TEST_CASE("a number the index does not hold: its status and the acts on it, from the documents citing it",
          "[server][relations][portal]") {
  AccessServer server(relations_index());
  const auto stub = json_of(server.get("/api/v1/citations?number=09%2F2010%2FQ%C4%90-UBND"));
  CHECK(stub["document"].is_null());
  REQUIRE(stub["relations_in"].size() == 1);        // two copies of the act: one act
  CHECK(stub["validity"]["timeline"].size() == 2);  // issued, replaced
  CHECK(stub["relations_in"][0]["type"] == "replaces");
  CHECK(stub["relations_in"][0]["from_id"] == "qd-25-2021");
  CHECK(stub["validity"]["status"] == "het");
  CHECK(stub["validity"]["ended_from"] == "2021-06-20");
  // A held number: the document page says all this; the citation answer does not repeat it.
  const auto held = json_of(server.get("/api/v1/citations?number=103%2F2015%2FN%C4%90-CP"));
  CHECK(held["validity"].is_null());
  CHECK(held["relations_in"].empty());

  const auto page = server.get("/cite/09%2F2010%2FQ%C4%90-UBND");
  REQUIRE(page.result_int() == 200);
  for (const char* s : {"chưa có trong hệ thống", "Hết hiệu lực", "Bị thay thế", "Được thay thế bởi",
                        "href=\"/doc/qd-25-2021\"", "20/06/2021"})
    CHECK(page.body().find(s) != std::string::npos);
  CHECK(page.body().find("name=\"as_of\"") == std::string::npos);  // no form: the day asked is today's
}

TEST_CASE("/api/v1/search?as_of=: hieuluc:, the validity facet and hits' status on that day", "[server][relations]") {
  AccessServer server(relations_index());
  struct Row {
    const char* query;                        // after /api/v1/search?
    std::map<std::string, std::string> hits;  // id -> status code of each hit
  };
  // 103/2015/NĐ-CP: in force 5/12/2015, replaced by 42/2019/NĐ-CP from 25/7/2019; 25/2021/QĐ-UBND (two copies,
  // one hit): in force 20/6/2021.
  const std::vector<Row> rows{
      {"q=hieuluc:chua&as_of=2015-11-01", {{"nd-103-2015", "chua"}, {"nd-42-2019", "chua"}, {"qd-25-2021", "chua"}}},
      {"q=hieuluc:con&as_of=2019-07-24", {{"nd-103-2015", "con"}}},
      {"q=hieuluc:con&as_of=24%2F7%2F2019", {{"nd-103-2015", "con"}}},
      {"q=hieuluc:het&as_of=2019-07-24", {}},
      {"q=hieuluc:het&as_of=2019-07-25", {{"nd-103-2015", "het"}}},
      {"q=hieuluc:con&as_of=2019-07-25", {{"nd-42-2019", "con"}}},
      {"q=hieuluc:con", {{"nd-42-2019", "con"}, {"qd-25-2021", "con"}}},  // today
      {"q=hieuluc:%22H%E1%BA%BFt%20hi%E1%BB%87u%20l%E1%BB%B1c%22&as_of=2020-01-01", {{"nd-103-2015", "het"}}},
      {"q=ngh%E1%BB%8B%20%C4%91%E1%BB%8Bnh&validity=con&as_of=2019-01-01", {{"nd-103-2015", "con"}}},
      {"q=ngh%E1%BB%8B%20%C4%91%E1%BB%8Bnh&validity=chua&validity=het&as_of=2019-01-01", {{"nd-42-2019", "chua"}}},
      {"q=ngh%E1%BB%8B%20%C4%91%E1%BB%8Bnh&as_of=2019-01-01", {{"nd-103-2015", "con"}, {"nd-42-2019", "chua"}}},
      {"q=ngh%E1%BB%8B%20%C4%91%E1%BB%8Bnh", {{"nd-103-2015", "het"}, {"nd-42-2019", "con"}}},
  };
  for (const auto& row : rows) {
    INFO(row.query);
    const auto r = server.get(std::string("/api/v1/search?") + row.query);
    REQUIRE(r.result_int() == 200);
    const auto j = json_of(r);
    std::map<std::string, std::string> hits;
    for (const auto& h : j["hits"]) hits[h["id"]] = h["validity"];
    CHECK(hits == row.hits);
  }

  // The facet counts every status on the day asked, copies once; a selection keeps its own facet's counts.
  const auto counts = [&](const std::string& query, const std::string& who = "") {
    std::map<std::string, std::size_t> out;
    const auto j = json_of(server.get("/api/v1/search?" + query, who));
    for (const auto& v : j["facets"]["validity"])
      if (v["count"] != 0) out[v["value"]] = v["count"];
    return out;
  };
  using Counts = std::map<std::string, std::size_t>;
  CHECK(counts("q=&as_of=2015-11-01") == Counts{{"Chưa có hiệu lực", 3}});
  CHECK(counts("q=&as_of=2019-07-24") == Counts{{"Còn hiệu lực", 1}, {"Chưa có hiệu lực", 2}});
  CHECK(counts("q=&as_of=2021-07-01") == Counts{{"Còn hiệu lực", 2}, {"Hết hiệu lực", 1}});
  CHECK(counts("q=&as_of=2021-07-01&validity=het") == Counts{{"Còn hiệu lực", 2}, {"Hết hiệu lực", 1}});
  CHECK(json_of(server.get("/api/v1/search?q=&as_of=2021-07-01"))["validity_as_of"] == "2021-07-01");

  // Staff also count the internal decree (in force from 1/4/2020).
  CHECK(counts("q=&as_of=2021-07-01", "staff") == Counts{{"Còn hiệu lực", 3}, {"Hết hiệu lực", 1}});
  CHECK(counts("q=&as_of=2020-03-31", "staff") ==
        Counts{{"Còn hiệu lực", 1}, {"Chưa có hiệu lực", 2}, {"Hết hiệu lực", 1}});

  for (const char* bad :
       {"q=&as_of=2019-07", "q=&as_of=hom-nay", "q=&as_of=2019-02-30", "q=hieuluc:sap&as_of=2020-01-01"}) {
    INFO(bad);
    const auto r = server.get(std::string("/api/v1/search?") + bad);
    CHECK(r.result_int() == 400);
    CHECK(json_of(r).contains("error"));
  }
}
