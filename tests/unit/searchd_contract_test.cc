// What indexing and search must agree on (schema/facets.h, schema/query_fields.h,
// schema/terms.h), checked end to end: records are indexed by the indexer's
// DocumentBuilder and found by the search library, for every facet and every
// query field, written in another spelling than the one indexed. A row added to
// either schema table without a row here fails the coverage checks.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "schema/facets.h"
#include "schema/query_fields.h"
#include "searchd/searcher.h"
#include "searchd_fixture.h"

namespace {

using namespace tracuu;
using schema::Facet;

schema::DocRecord record(std::string id, std::string type, std::string number, std::string issuer, std::string date,
                         std::string text) {
  schema::DocRecord r;
  r.id = r.content_hash = std::move(id);
  r.doc_type = std::move(type);
  r.doc_number = number;
  r.doc_number_key = std::move(number);
  r.issuer = std::move(issuer);
  r.issue_date = std::move(date);
  r.text = std::move(text);
  return r;
}

// Two documents that differ in every facet, and the document the first one cites.
std::vector<schema::DocRecord> contract_records() {
  schema::DocRecord a =
      record("tb-346", "Thông báo", "346/TB-UBND", "Ủy ban nhân dân tỉnh Lạng Sơn", "2025-07-31",
             "Thực hiện Nghị định số 66/2025/NĐ-CP của Chính phủ, giao Sở Tài chính tỉnh Lạng Sơn chủ trì.");
  a.title = "Kết luận của đồng chí Chủ tịch về khu công nghiệp Hữu Lũng";
  a.signer.name = "Nguyễn Văn Hà";
  a.stated_status = "Đang có hiệu lực";  // a portal's wording, without dates: in force since issued
  a.citations.push_back({"66/2025/NĐ-CP",
                         "66/2025/ND-CP",
                         "Nghị định",
                         "Chính phủ",
                         std::nullopt,
                         {},
                         "",
                         "implements",
                         {{"implements", std::nullopt, std::nullopt, std::nullopt, {}, "text"}}});
  // One citation per relation: the document's own acts are indexed, an act it only reports is not.
  const std::vector<std::pair<std::string, std::string>> acts = {{"63/2025/QH15", "basis"},
                                                                 {"125/2020/ND-CP", "amends"},
                                                                 {"88/2016/ND-CP", "replaces"},
                                                                 {"55/2010/TT-BTC", "repeals"},
                                                                 {"23/2013/ND-CP", "details"}};
  for (const auto& [key, type] : acts)
    a.citations.push_back({key,
                           key,
                           std::nullopt,
                           std::nullopt,
                           std::nullopt,
                           {},
                           "",
                           type,
                           {{type, std::nullopt, std::nullopt, std::nullopt, {}, "text"}}});
  a.citations.push_back({"15/2012/QH13",
                         "15/2012/QH13",
                         std::nullopt,
                         std::nullopt,
                         std::nullopt,
                         {},
                         "",
                         "mentions",
                         {{"amends", std::nullopt, std::nullopt, std::string("67/2020/QH14"), {}, "text"}}});
  a.assignments.push_back({"Sở Tài chính tỉnh Lạng Sơn", std::nullopt, std::nullopt, {}, "giao Sở Tài chính"});

  schema::DocRecord b = record("bc-12", "Báo cáo", "12/BC-SYT", "Sở Y tế tỉnh Lạng Sơn", "2024-03-02",
                               "Sở Y tế báo cáo tình hình khám chữa bệnh, giao Sở Y tế tỉnh Lạng Sơn theo dõi.");
  b.title = "Báo cáo tình hình y tế quý 1";
  b.signer.name = "Trần Thị Lan";
  b.assignments.push_back({"Sở Y tế tỉnh Lạng Sơn", std::nullopt, std::nullopt, {}, "giao Sở Y tế"});

  // Dated otherwise than its number says: facets and date fields follow the date.
  schema::DocRecord c = record("nd-66", "Nghị định", "66/2025/ND-CP", "Chính phủ", "2019-03-12",
                               "Nghị định quy định chính sách hỗ trợ trẻ em mầm non.");
  return {a, b, c};
}

const std::filesystem::path& contract_index() {
  static tracuu::testing::TempDir dir("contract");
  static const bool built = (tracuu::testing::build_index(dir.path() / "index", contract_records()), true);
  (void)built;
  static const std::filesystem::path home = dir.path() / "index";
  return home;
}

searchd::SearchResponse search(searchd::SearchRequest r) {
  auto s = searchd::Searcher::open(contract_index());
  REQUIRE(s.has_value());
  r.audience.staff = true;  // every facet, the staff-only ones too
  r.limit = 10;
  auto resp = s->search(r);
  REQUIRE(resp.has_value());
  return std::move(*resp);
}

std::vector<std::string> ids(const searchd::SearchResponse& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.id);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("contract: every facet is indexed, filtered and counted alike", "[searchd][schema]") {
  struct Row {
    const char* selected;  // how a visitor spells the value
    const char* shown;     // the facet value listed, as indexed
  };
  // Document tb-346's value of each facet, spelled otherwise than indexed.
  const std::map<Facet, Row> rows = {
      {Facet::Type, {"THÔNG BÁO", "Thông báo"}},
      {Facet::Issuer, {"UBND tỉnh Lạng Sơn", "Ủy ban nhân dân tỉnh Lạng Sơn"}},
      {Facet::Year, {"2025", "2025"}},
      {Facet::Month, {"2025-07", "2025-07"}},
      {Facet::Signer, {"NGUYỄN VĂN HÀ", "Nguyễn Văn Hà"}},
      {Facet::Assignee, {"SỞ TÀI CHÍNH TỈNH LẠNG SƠN", "Sở Tài chính tỉnh Lạng Sơn"}},
      {Facet::Validity, {"con", "Còn hiệu lực"}},
  };
  CHECK(rows.size() == schema::kFacetCount);  // a new facet needs its row here
  const auto all = search({});
  REQUIRE(all.total == 3);
  for (const schema::FacetSpec& f : schema::kFacets) {
    INFO(f.name);
    const auto row = rows.find(f.facet);
    REQUIRE(row != rows.end());
    // Unfiltered, the indexed value is counted under its display form.
    const auto& unfiltered = all.facets.at(std::string(f.name));
    CHECK(std::any_of(unfiltered.begin(), unfiltered.end(),
                      [&](const auto& v) { return v.value == row->second.shown && v.count == 1; }));
    // Filtered by another spelling of it: the document, and the value listed as selected.
    searchd::SearchRequest r;
    r.filter(f.facet) = {row->second.selected};
    const auto one = search(r);
    CHECK(ids(one) == std::vector<std::string>{"tb-346"});
    const auto& listed = one.facets.at(std::string(f.name));
    CHECK(std::any_of(listed.begin(), listed.end(),
                      [&](const auto& v) { return v.value == row->second.shown && v.selected && v.count == 1; }));
  }
}

TEST_CASE("contract: every query field finds what the indexer wrote", "[searchd][schema]") {
  struct Row {
    const char* query;
    std::vector<std::string> found;  // sorted
  };
  const std::vector<Row> rows = {
      {"loai:tb", {"tb-346"}},  // a type's code
      {"loai:\"thong bao\"", {"tb-346"}},
      {"coquan:\"UBND tỉnh\"", {"tb-346"}},  // prefix, abbreviation expanded
      {"so:tb-ubnd-346", {"tb-346"}},
      {"so:346/TB-UBND", {"tb-346"}},
      {"nguoiky:\"nguyen van ha\"", {"tb-346"}},
      {"giao:\"Sở Tài chính\"", {"tb-346"}},
      {"nam:2025", {"tb-346"}},
      {"nam:2020..2024", {"bc-12"}},
      {"thang:7/2025", {"tb-346"}},
      {"ngay:2025-07-01..2025-08-31", {"tb-346"}},
      {"cites:\"nd-cp 66 2025\"", {"tb-346"}},
      {"citedby:tb-346", {"nd-66"}},
      {"tieude:\"huu lung\"", {"tb-346"}},
      {"id:bc-12", {"bc-12"}},
      {"cancu:63/2025/QH15", {"tb-346"}},
      {"suadoi:\"nd-cp 125 2020\"", {"tb-346"}},
      {"suadoi:15/2012/QH13", {}},  // reported: 67/2020/QH14 amends it, not tb-346
      {"thaythe:88/2016/NĐ-CP", {"tb-346"}},
      {"baibo:55/2010/TT-BTC", {"tb-346"}},
      {"bibaibo:55/2010/TT-BTC", {"tb-346"}},  // the issue's name for the same field (an alias)
      {"huongdan:23/2013/NĐ-CP", {"tb-346"}},
      {"thuchien:66/2025/NĐ-CP", {"tb-346"}},
      {"hieuluc:con", {"tb-346"}},
      {"hieuluc:\"Chưa rõ\"", {"bc-12", "nd-66"}},  // neither states its validity
  };
  std::set<std::string> covered;
  for (const Row& r : rows) {
    INFO(r.query);
    covered.insert(std::string(r.query).substr(0, std::string(r.query).find(':')));
    searchd::SearchRequest req;
    req.query = r.query;
    CHECK(ids(search(req)) == r.found);
  }
  for (const auto& f : schema::kQueryFields) {
    INFO(f.name);
    CHECK(covered.count(std::string(f.name)) == 1);  // a new field needs its row here
  }
}

TEST_CASE("contract: a number typed with spaces after a field needs no quotes", "[searchd][schema]") {
  struct Row {
    const char* query;
    std::vector<std::string> found;  // sorted
  };
  // As users type numbers anywhere else ("nd-cp 66 2025"): the field takes the words that complete the number,
  // the words after stay free text.
  const std::vector<Row> rows = {
      {"cites:nd-cp 66 2025", {"tb-346"}},
      {"suadoi:nd-cp 125 2020", {"tb-346"}},
      {"thaythe:88/2016 nđ-cp", {"tb-346"}},
      {"cites:nd-cp 66 2025 hữu lũng", {"tb-346"}},  // "hữu lũng" stays a search for those words
      {"cites:nd-cp 66 2025 chatgpt", {}},           // ... which no document has
      {"so:tb-ubnd 346", {"tb-346"}},
      {"cites:nd-cp 66 2025 huu lung", {"tb-346"}},  // words without digits or dashes are never taken
  };
  for (const Row& r : rows) {
    INFO(r.query);
    searchd::SearchRequest req;
    req.query = r.query;
    CHECK(ids(search(req)) == r.found);
  }
  // Not a number however many words follow: still the field's own error.
  auto s = searchd::Searcher::open(contract_index());
  REQUIRE(s.has_value());
  searchd::SearchRequest req;
  req.query = "cites:nd-cp hữu lũng";
  const auto bad = s->search(req);
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().message.find("is not a document number") != std::string::npos);
}

TEST_CASE("contract: token terms agree between the index, the query and the highlights", "[searchd][schema]") {
  struct Row {
    const char* query;
    const char* first;        // the first hit
    const char* highlighted;  // a highlight in tb-346's snippets
  };
  const std::vector<Row> rows = {
      // A number in any spelling: the document holding it first, its mention highlighted where cited.
      {"nd-cp 66 2025", "nd-66", "66/2025/NĐ-CP"},
      {"66/2025/ND-CP", "nd-66", "66/2025/NĐ-CP"},
      {"so tai chinh", "tb-346", "Sở"},   // the folded layer
      {"Sở Tài chính", "tb-346", "Tài"},  // the exact layer
      {"Hữu Lũng", "tb-346", nullptr},    // title words count in the body layers
  };
  for (const Row& r : rows) {
    INFO(r.query);
    searchd::SearchRequest req;
    req.query = r.query;
    req.snippets = 3;
    const auto resp = search(req);
    REQUIRE_FALSE(resp.hits.empty());
    CHECK(resp.hits.front().id == r.first);
    if (!r.highlighted) continue;
    bool found = false;
    for (const auto& hit : resp.hits)
      for (const auto& s : hit.snippets)
        for (const auto& h : s.highlights)
          found = found || (hit.id == "tb-346" && s.text.substr(h.begin, h.end - h.begin) == r.highlighted);
    CHECK(found);
  }
}
