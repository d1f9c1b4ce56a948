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
