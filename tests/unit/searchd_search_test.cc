#include <algorithm>
#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "searchd/searcher.h"
#include "searchd_fixture.h"

using namespace tracuu::searchd;
using tracuu::testing::fixture_index;

namespace {

Searcher open_fixture() {
  auto s = Searcher::open(fixture_index());
  REQUIRE(s.has_value());
  return std::move(*s);
}

SearchResponse run(Searcher& s, const std::string& q, SearchRequest r = {}) {
  r.query = q;
  auto resp = s.search(r);
  INFO(q);
  REQUIRE(resp.has_value());
  return std::move(*resp);
}

std::vector<std::string> ids(const SearchResponse& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.id);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

struct Row {
  const char* query;
  const char* first;                 // expected first hit ("" = no hits)
  std::vector<const char*> present;  // also found
  std::vector<const char*> absent;   // not found
};

}  // namespace

TEST_CASE("search: Vietnamese matching in both layers", "[searchd]") {
  Searcher s = open_fixture();
  const std::vector<Row> rows = {
      // marked queries prefer exact matches: chó is first, chỗ (same folded form) after it
      {"chó", "cho", {"cho-ngoi"}, {"choe"}},
      {"chòe", "choe", {}, {"cho", "cho-ngoi"}},
      {"chỗ", "cho-ngoi", {"cho"}, {}},
      // unmarked queries find every spelling
      {"cho", "", {"cho", "cho-ngoi"}, {"choe"}},
      {"dong chi", "dong-chi", {"dong-chi"}, {}},
      {"DONG CHI", "dong-chi", {}, {}},
      // both tone placements
      {"hoà giải", "", {"tinh-uy-moi", "tinh-uy-cu"}, {}},
      {"hòa giải", "", {"tinh-uy-moi", "tinh-uy-cu"}, {}},
      {"Tỉnh uỷ", "", {"tinh-uy-moi", "tinh-uy-cu", "tb-citing"}, {}},
      {"tinh uy", "", {"tinh-uy-moi", "tinh-uy-cu"}, {}},
      // D for Đ
      {"Dong chi Chu tich", "dong-chi", {}, {}},
      {"Hữu Lũng", "huu-lung", {}, {}},
      {"huu lung", "huu-lung", {}, {}},
      // abbreviations in both directions, inside phrases too
      {"UBND tỉnh", "", {"ubnd"}, {}},
      {"\"UBND tỉnh\"", "ubnd", {}, {}},
      {"\"Ủy ban nhân dân tỉnh\"", "ubnd", {}, {}},
      {"kt-xh", "", {"ktxh", "kt-xh-abbr"}, {}},
      {"\"kinh tế - xã hội\"", "", {"ktxh", "kt-xh-abbr"}, {}},
      // document numbers in every spelling put the numbered document first
      {"66/2025/NĐ-CP", "nd-66", {"tb-citing"}, {}},
      {"66/2025/ND-CP", "nd-66", {"tb-citing"}, {}},
      {"nd-cp 66 2025", "nd-66", {"tb-citing"}, {}},
      {"66-2025-nđ-cp", "nd-66", {}, {}},
      {"chính sách 66/2025/ND-CP", "nd-66", {"tb-citing"}, {}},
      // phrases
      {"\"chó đen\"", "cho", {}, {"choe"}},
      {"\"cho den\"", "cho", {}, {}},
      // operators
      {"chó OR chòe", "", {"cho", "choe"}, {}},
      {"chó -đen", "", {"cho-ngoi"}, {"cho"}},
      {"chỗ NOT ngồi", "", {"cho"}, {"cho-ngoi"}},
      // fields
      {"loai:\"Báo cáo\" chỗ", "cho-ngoi", {}, {"cho"}},
      {"loai:bao-cao", "", {"choe", "cho-ngoi", "ktxh"}, {"cho"}},
      {"loai:tb chó", "cho", {}, {"cho-ngoi"}},
      {"coquan:\"UBND tỉnh Lạng Sơn\" chó", "cho", {}, {"cho-ngoi"}},
      {"coquan:\"Sở Tài chính\"", "", {"choe", "kt-xh-abbr"}, {"cho"}},
      {"so:66/2025/NĐ-CP", "nd-66", {}, {"tb-citing"}},
      {"cites:66/2025/ND-CP", "tb-citing", {}, {"nd-66"}},
      {"cites:49-NQ/TU", "tb-citing", {}, {}},
      {"citedby:tb-citing", "nd-66", {}, {"tb-citing"}},
      {"nguoiky:\"Nguyễn Văn Hà\"", "tb-citing", {}, {"nd-66"}},
      {"giao:\"Sở Xây dựng\"", "huu-lung", {}, {"tb-citing"}},
      {"nam:2024", "cho-ngoi", {}, {"cho"}},
      {"nam:2021..2022", "", {"dong-chi", "tinh-uy-cu"}, {"cho"}},
      {"ngay:2025-07-01..2025-07-31", "", {"cho", "ubnd", "huu-lung"}, {"tb-citing"}},
      {"thang:7/2025 chó", "cho", {}, {}},
      {"tieude:\"trẻ em\"", "", {"nd-66", "tb-citing"}, {"cho"}},
      {"id:choe", "choe", {}, {}},
      // internal documents stay hidden from the public
      {"nội bộ", "", {}, {"noi-bo"}},
      // nothing
      {"xyzzyqwerty", "", {}, {"cho"}},
  };
  for (const Row& row : rows) {
    INFO(row.query);
    const SearchResponse r = run(s, row.query);
    const auto found = ids(r);
    if (std::string(row.first).empty()) {
      if (row.present.empty()) CHECK(r.total == found.size());
    } else {
      REQUIRE_FALSE(found.empty());
      CHECK(found.front() == row.first);
    }
    for (const char* p : row.present) CHECK(has(found, p));
    for (const char* a : row.absent) CHECK_FALSE(has(found, a));
  }
}

TEST_CASE("search: totals and facets count exactly the documents the ranked query matches", "[searchd]") {
  // Counting runs a query stripped of what only ranks (exact forms, restored accents,
  // bonuses, optional clauses): it must match the very same documents.
  Searcher s = open_fixture();
  const std::vector<std::string> queries = {"chó",
                                            "cho",
                                            "dong chi",
                                            "chỗ ngồi",
                                            "hoà giải",
                                            "tinh uy",
                                            "UBND tỉnh",
                                            "\"UBND tỉnh\"",
                                            "kt-xh",
                                            "\"kinh tế - xã hội\"",
                                            "66/2025/ND-CP",
                                            "chính sách 66/2025/ND-CP",
                                            "\"chó đen\"",
                                            "chó OR chòe",
                                            "chó -đen",
                                            "+chó đen",
                                            "chó (đen OR ngồi)",
                                            "tháng 7/2025 chó",
                                            "loai:tb chó",
                                            "nam:2021..2025 tỉnh",
                                            "huu lung xay dung"};
  for (const auto op : {DefaultOperator::Auto, DefaultOperator::And, DefaultOperator::Or}) {
    for (const auto& q : queries) {
      INFO(q << " op " << static_cast<int>(op));
      SearchRequest counted;
      counted.op = op;
      const SearchResponse with_facets = run(s, q, counted);
      SearchRequest listed;
      listed.op = op;
      listed.facets = false;
      listed.limit = 100;  // more than the fixture holds: the ranked list is every match
      const SearchResponse all = run(s, q, listed);
      CHECK(with_facets.exact);
      CHECK(with_facets.total == all.hits.size());
      std::size_t by_type = 0;
      for (const auto& v : with_facets.facets.at("doc_type")) by_type += v.count;
      std::size_t typed = 0;
      for (const auto& h : all.hits) typed += h.doc_type ? 1 : 0;
      CHECK(by_type == typed);
    }
  }
}

TEST_CASE("search: marked query ranks the exact spelling first", "[searchd]") {
  Searcher s = open_fixture();
  const auto r = run(s, "chó");
  REQUIRE(r.hits.size() == 2);
  CHECK(r.hits[0].id == "cho");
  CHECK(r.hits[0].score > r.hits[1].score);
}

TEST_CASE("search: staff see internal documents", "[searchd]") {
  Searcher s = open_fixture();
  SearchRequest staff;
  staff.audience.staff = true;
  const tracuu::schema::Audience staff_audience{true, {}}, public_audience;
  CHECK(has(ids(run(s, "nội bộ", staff)), "noi-bo"));
  CHECK_FALSE(has(ids(run(s, "nội bộ")), "noi-bo"));
  CHECK(s.document("noi-bo", staff_audience).has_value());
  CHECK(s.document("cho", staff_audience)->record.source == "/srv/van-ban/cho.txt");
  CHECK(s.document("cho", public_audience)->record.source.empty());  // server paths are not public
  const auto hidden = s.document("noi-bo", public_audience);
  REQUIRE_FALSE(hidden.has_value());
  CHECK(hidden.error().status == tracuu::Status::NotFound);
}

TEST_CASE("search: Auto relaxes to OR when no document has every word", "[searchd]") {
  Searcher s = open_fixture();
  const auto r = run(s, "chó chòe");
  CHECK(r.info.relaxed);
  CHECK(has(ids(r), "cho"));
  CHECK(has(ids(r), "choe"));
  SearchRequest strict;
  strict.op = DefaultOperator::And;
  CHECK(run(s, "chó chòe", strict).total == 0);
}

TEST_CASE("search: snippets highlight both layers and point at the passage", "[searchd]") {
  Searcher s = open_fixture();
  const auto r = run(s, "dong chi");
  REQUIRE_FALSE(r.hits.empty());
  REQUIRE_FALSE(r.hits[0].snippets.empty());
  const Snippet& sn = r.hits[0].snippets[0];
  REQUIRE(sn.highlights.size() >= 2);
  std::vector<std::string> marked;
  for (const auto& h : sn.highlights) marked.push_back(sn.text.substr(h.begin, h.end - h.begin));
  CHECK(has(marked, "Đồng"));
  CHECK(has(marked, "chí"));
  CHECK(sn.anchor == "p-" + std::to_string(sn.offset));
  // Never cut inside a word: the passage starts and ends on token boundaries.
  const auto doc = s.document(r.hits[0].id, {});
  REQUIRE(doc.has_value());
  CHECK(doc->record.text.substr(sn.offset, sn.length).find("Đồng chí") != std::string::npos);
}

TEST_CASE("search: phrases and expansions are highlighted whole, never word by word", "[searchd]") {
  Searcher s = open_fixture();
  auto marked = [&](const std::string& q) {
    std::vector<std::string> out;
    for (const auto& h : run(s, q).hits)
      for (const auto& sn : h.snippets)
        for (const auto& x : sn.highlights) out.push_back(sn.text.substr(x.begin, x.end - x.begin));
    return out;
  };
  const auto ubnd = marked("ubnd");
  CHECK(has(ubnd, "Ủy ban nhân dân"));
  for (const auto& m : ubnd) CHECK((m == "Ủy ban nhân dân" || m == "UBND"));  // never "ban" alone
  const auto phrase = marked("\"chó đen\"");
  REQUIRE(phrase.size() == 1);
  CHECK(phrase[0] == "chó đen");
}

TEST_CASE("search: unaccented queries restore accents from the top documents", "[searchd]") {
  Searcher s = open_fixture();
  // "dong chi" stands for "đồng chí" here: the document saying it ranks first and is highlighted whole words.
  const auto r = run(s, "dong chi");
  REQUIRE_FALSE(r.hits.empty());
  CHECK(r.hits[0].id == "dong-chi");
  // A query with marks is taken as typed: no restoration of its unmarked words.
  RankingWeights w;
  w.prf_docs = 0;
  s.set_ranking(w);
  const auto plain = run(s, "dong chi");
  REQUIRE_FALSE(plain.hits.empty());
  CHECK(plain.hits[0].id == "dong-chi");
}

TEST_CASE("search: facets are disjunctive and keep selected values", "[searchd]") {
  Searcher s = open_fixture();
  SearchRequest r;
  const auto all = run(s, "", r);
  auto count_of = [](const SearchResponse& resp, const std::string& facet, const std::string& value) -> long {
    for (const auto& v : resp.facets.at(facet))
      if (v.value == value) return static_cast<long>(v.count);
    return -1;
  };
  const long thong_bao = count_of(all, "doc_type", "Thông báo");
  const long bao_cao = count_of(all, "doc_type", "Báo cáo");
  CHECK(thong_bao == 6);
  CHECK(bao_cao == 3);
  r.filter(tracuu::schema::Facet::Type) = {"Thông báo"};
  const auto one = run(s, "", r);
  CHECK(one.total == 6);
  CHECK(count_of(one, "doc_type", "Báo cáo") == bao_cao);  // own selection ignored for its own counts
  r.filter(tracuu::schema::Facet::Type) = {"Thông báo", "Báo cáo"};
  const auto two = run(s, "", r);
  CHECK(two.total == 9);
  for (const auto& v : two.facets.at("doc_type")) CHECK(v.selected == (v.value == "Thông báo" || v.value == "Báo cáo"));
  // A selection with nothing matching is still listed, with count 0.
  r.filter(tracuu::schema::Facet::Type) = {"Tờ trình"};
  const auto none = run(s, "", r);
  CHECK(none.total == 0);
  CHECK(count_of(none, "doc_type", "Tờ trình") == 0);
  // Other facets do follow the selection.
  r.filter(tracuu::schema::Facet::Type) = {"Nghị định"};
  CHECK(count_of(run(s, "", r), "issuer", "Chính phủ") == 1);
  CHECK(count_of(run(s, "", r), "issuer", "Sở Y tế tỉnh Lạng Sơn") == -1);
}

TEST_CASE("search: broad result sets are counted from a uniform sample", "[searchd]") {
  Searcher s = open_fixture();
  const auto exact = run(s, "");
  CHECK(exact.exact);
  CHECK(exact.total == 12);  // every public fixture document
  RankingWeights w;
  w.exact_count_limit = 3;  // as if 12 matches were a broad result set
  s.set_ranking(w);
  const auto sampled = run(s, "");
  CHECK_FALSE(sampled.exact);
  CHECK(sampled.total >= 6);  // every k-th document, scaled by k: near 12
  CHECK(sampled.total <= 24);
  std::size_t facet_sum = 0;
  for (const auto& v : sampled.facets.at("year")) facet_sum += v.count;
  CHECK(facet_sum == sampled.total);                // the year histogram scales with the total
  CHECK(sampled.hits.size() == exact.hits.size());  // ranking is unaffected
  const auto narrow = run(s, "chó");
  CHECK(narrow.exact);  // two matches: exact even with the low limit
  CHECK(narrow.total == 2);
}

TEST_CASE("search: sorting, browsing and stable paging", "[searchd]") {
  Searcher s = open_fixture();
  SearchRequest r;
  r.sort = SortOrder::DateDesc;
  r.limit = 100;
  const auto all = run(s, "", r);
  REQUIRE(all.hits.size() >= 10);
  for (std::size_t i = 1; i < all.hits.size(); ++i)
    CHECK(all.hits[i - 1].issue_date.value_or("") >= all.hits[i].issue_date.value_or(""));
  r.sort = SortOrder::Relevance;
  r.limit = 3;
  std::vector<std::string> paged;
  for (r.offset = 0; r.offset < all.total; r.offset += 3)
    for (const auto& h : run(s, "tỉnh", r).hits) paged.push_back(h.id);
  r.offset = 0;
  r.limit = 100;
  CHECK(paged == ids(run(s, "tỉnh", r)));
}

TEST_CASE("search: bad parameters are named", "[searchd]") {
  Searcher s = open_fixture();
  struct Bad {
    SearchRequest request;
    tracuu::Status status;
    const char* mentions;
  };
  std::vector<Bad> rows(7);
  rows[0].request.limit = 101, rows[0].status = tracuu::Status::BadRequest, rows[0].mentions = "limit";
  rows[1].request.snippets = 11, rows[1].status = tracuu::Status::BadRequest, rows[1].mentions = "snippets";
  rows[2].request.filter(tracuu::schema::Facet::Year) = {"20x5"}, rows[2].status = tracuu::Status::BadRequest,
  rows[2].mentions = "year";
  rows[3].request.from = "hôm qua", rows[3].status = tracuu::Status::BadRequest, rows[3].mentions = "from";
  rows[4].request.query = "ngay:abc", rows[4].status = tracuu::Status::BadQuery, rows[4].mentions = "ngay";
  rows[5].request.query = "so:xyz", rows[5].status = tracuu::Status::BadQuery, rows[5].mentions = "so";
  rows[6].request.query = std::string(3000, 'a'), rows[6].status = tracuu::Status::TooLarge, rows[6].mentions = "q";
  for (const auto& b : rows) {
    const auto r = s.search(b.request);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().status == b.status);
    CHECK(r.error().message.find(b.mentions) != std::string::npos);
  }
}

TEST_CASE("search: a filter that matches nothing empties the result, it never vanishes", "[searchd]") {
  Searcher s = open_fixture();
  struct Empty {
    const char* query;
    std::size_t total;
  };
  const std::vector<Empty> rows = {
      {"citedby:khong-co-van-ban-nay", 0},            // an unknown id: no results, not every document
      {"citedby:99/2099/NĐ-CP", 0},                   // an unknown number
      {"chó citedby:khong-co-van-ban-nay", 0},        // AND with text
      {"citedby:choe", 0},                            // a document that cites nothing
      {"citedby:khong-co 66/2025/NĐ-CP", 0},          // not even the document of the number
      {"citedby:khong-co OR citedby:cung-khong", 0},  // every alternative empty
      {"(citedby:khong-co OR citedby:x) -chó", 0},    // excluding from nothing is still nothing
      {"nguoiky:\"---\"", 0},                         // a value with no word
  };
  for (const auto& row : rows) {
    INFO(row.query);
    CHECK(run(s, row.query).total == row.total);
  }
  // An empty alternative adds nothing; an empty exclusion excludes nothing.
  CHECK(ids(run(s, "chòe OR citedby:khong-co")) == std::vector<std::string>{"choe"});
  CHECK(has(ids(run(s, "chòe -citedby:khong-co")), "choe"));
}

TEST_CASE("search: reversed and impossible dates are 400, not an unfiltered list", "[searchd]") {
  Searcher s = open_fixture();
  struct Dates {
    std::optional<std::string> from, to;
    const char* mentions;
  };
  const std::vector<Dates> rows = {
      {"2025-07-01", "2025-06-01", "after"},
      {"2025-02-30", std::nullopt, "from"},
      {std::nullopt, "2023-02-29", "to"},  // not a leap year
      {"31/4/2025", std::nullopt, "from"},
  };
  for (const auto& row : rows) {
    INFO(row.from.value_or("-") << " .. " << row.to.value_or("-"));
    SearchRequest r;
    r.from = row.from, r.to = row.to;
    const auto result = s.search(r);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().status == tracuu::Status::BadRequest);
    CHECK_THAT(result.error().message, Catch::Contains(row.mentions));
  }
  SearchRequest leap;
  leap.from = "2024-02-29", leap.to = "2024-02-29";
  CHECK(s.search(leap).has_value());
}

TEST_CASE("search: did_you_mean respells words, never operators or field clauses", "[searchd]") {
  Searcher s = open_fixture();
  const auto r = run(s, "xyz OR citedby:nonexistent");
  CHECK(r.total == 0);
  CHECK_FALSE(r.did_you_mean.has_value());  // was "xyz O citedby:nonexistent"
  const auto f = run(s, "chòee -loai:tb");
  REQUIRE(f.did_you_mean.has_value());
  CHECK(*f.did_you_mean == "chòe -loai:tb");
}

TEST_CASE("search: did_you_mean respects tones", "[searchd]") {
  Searcher s = open_fixture();
  const auto r = run(s, "Hữu Lũnh");
  CHECK(r.info.relaxed);  // no document has both words
  REQUIRE(r.did_you_mean.has_value());
  CHECK(*r.did_you_mean == "Hữu Lũng");
  const auto u = run(s, "huu lungg");
  REQUIRE(u.did_you_mean.has_value());
  CHECK(*u.did_you_mean == "huu lung");
  const auto none = run(s, "chòee");
  CHECK(none.total == 0);
  REQUIRE(none.did_you_mean.has_value());
  CHECK(*none.did_you_mean == "chòe");
  CHECK_FALSE(run(s, "chó").did_you_mean.has_value());  // found: nothing to correct
}

TEST_CASE("search: documents, citations and completions", "[searchd]") {
  Searcher s = open_fixture();
  const auto doc = s.document("nd-66", {});
  REQUIRE(doc.has_value());
  REQUIRE(doc->cited_by.size() == 1);
  CHECK(doc->cited_by[0].id == "tb-citing");
  CHECK(doc->cited_by[0].context.find("66/2025/NĐ-CP") != std::string::npos);

  const auto citing = s.document("tb-citing", {});
  REQUIRE(citing.has_value());
  REQUIRE(citing->citation_targets.size() == 2);
  CHECK(citing->citation_targets[0] == std::optional<std::string>("nd-66"));
  CHECK_FALSE(citing->citation_targets[1].has_value());  // 49-NQ/TU is not held

  const auto stub = s.citations("49-nq/tu", {});
  REQUIRE(stub.has_value());
  CHECK(stub->key == "49/NQ-TU");
  CHECK_FALSE(stub->document.has_value());
  CHECK(stub->doc_type == std::optional<std::string>("Nghị quyết"));
  REQUIRE(stub->cited_by.size() == 1);
  const auto held = s.citations("nd-cp 66 2025", {});
  REQUIRE(held.has_value());
  REQUIRE(held->document.has_value());
  CHECK(held->document->id == "nd-66");
  CHECK(s.citations("hello", {}).error().status == tracuu::Status::BadRequest);
  CHECK(s.document("nope", {}).error().status == tracuu::Status::NotFound);

  const auto sugg = s.suggest("66/20", 5, {});
  REQUIRE(sugg.has_value());
  REQUIRE_FALSE(sugg->empty());
  CHECK(sugg->front().kind == "number");
  CHECK(sugg->front().id == std::optional<std::string>("nd-66"));
  const auto words = s.suggest("đồn", 5, {});
  REQUIRE(words.has_value());
  bool completes = false;
  for (const auto& w : *words) completes = completes || w.text == "đồng";
  CHECK(completes);
  const auto titles = s.suggest("chính sách tr", 5, {});
  REQUIRE(titles.has_value());
  bool title_found = false;
  for (const auto& t : *titles)
    title_found = title_found || (t.kind == "title" && t.id == std::optional<std::string>("nd-66"));
  CHECK(title_found);
}

TEST_CASE("search: a vanished index is unavailable, not missing", "[searchd]") {
  tracuu::testing::TempDir dir;
  tracuu::testing::build_index(dir.path(), {tracuu::testing::fixture_records()[0]});
  auto s = Searcher::open(dir.path());
  REQUIRE(s.has_value());
  std::filesystem::remove(dir.path() / "current");
  const auto r = s->refresh();
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().status == tracuu::Status::IndexUnavailable);
}

TEST_CASE("search: a generation swap is followed", "[searchd]") {
  tracuu::testing::TempDir dir;
  auto records = tracuu::testing::fixture_records();
  tracuu::testing::build_index(dir.path(), {records[0]});
  auto s = Searcher::open(dir.path());
  REQUIRE(s.has_value());
  SearchRequest r;
  r.query = "chòe";
  CHECK(s->search(r)->total == 0);
  tracuu::testing::build_index(dir.path(), records);  // a new generation, published atomically
  REQUIRE(s->refresh().has_value());
  CHECK(s->search(r)->total == 1);
}

// Searchers answer in several threads at once, one searcher per thread (as the server's workers do): nothing a
// search builds may be shared between them. Xapian's static Query::MatchAll was (its reference count is not
// atomic): a browse or exclusion-only search in two threads at once corrupted it, which crashed searchd under
// bench/soak. Wrong answers, a crash, or a report of the sanitizer builds (ASan, TSan) make this fail.
TEST_CASE("search: searchers in several threads at once answer as one alone does", "[searchd]") {
  std::vector<SearchRequest> requests(4);
  requests[0].sort = SortOrder::DateDesc;  // browse: no words, every document
  requests[1].query = "-chó";              // exclusion only: every document but one
  requests[2].query = "-loai:tb";
  requests[3].query = "chó OR chòe";
  Searcher alone = open_fixture();
  std::vector<std::size_t> totals;
  for (const auto& r : requests) totals.push_back(run(alone, r.query, r).total);
  REQUIRE(totals[0] > totals[1]);
  constexpr int kThreads = 4, kRounds = 100;
  std::vector<int> wrong(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      auto s = Searcher::open(fixture_index());
      if (!s) {
        wrong[t] = kRounds;
        return;
      }
      for (int round = 0; round < kRounds; ++round)
        for (std::size_t i = 0; i < requests.size(); ++i) {
          const auto r = s->search(requests[i]);
          if (!r || r->total != totals[i]) ++wrong[t];
        }
    });
  for (auto& t : threads) t.join();
  CHECK(wrong == std::vector<int>(kThreads, 0));
}
