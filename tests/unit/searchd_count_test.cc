// Counting (search_count.cc, FacetCounter): the total and every facet's counts are those of the
// documents the search lists, on the samples (real notices) and the fixture (copies: searchd_ranking_test.cc).
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "schema/record.h"
#include "schema/validity.h"
#include "searchd/searcher.h"
#include "searchd_fixture.h"
#include "tests/support/temp_dir.h"

using namespace tracuu::searchd;
namespace fs = std::filesystem;

namespace {

// Beyond kSampleQueries: browsing, broad words, fields and operators.
const std::vector<const char*> kMoreQueries{
    "",        "tinh",        "chó",           "UBND tỉnh",           "nam:2021..2025 tỉnh",
    "loai:tb", "chó OR chòe", "xây dựng -khu", "\"kinh tế - xã hội\""};

using Counts = std::map<std::string, std::size_t>;

// What each facet counts of one listed hit.
std::map<std::string, std::vector<std::string>> facet_values_of(const Hit& h) {
  std::map<std::string, std::vector<std::string>> out;
  const auto put = [&](const char* facet, const std::optional<std::string>& v) {
    if (v && !v->empty()) out[facet].push_back(*v);
  };
  put("doc_type", h.doc_type);
  put("issuer", h.issuer);
  put("signer", h.signer);
  const auto& date = h.issue_date ? h.issue_date : h.event_date;
  if (date && date->size() >= 7) {
    out["year"].push_back(date->substr(0, 4));
    out["month"].push_back(date->substr(0, 7));
  }
  if (h.validity)
    if (const auto v = tracuu::schema::parse_validity(*h.validity))
      out["validity"].push_back(std::string(tracuu::schema::validity_label(*v)));
  return out;
}

}  // namespace

TEST_CASE("count: each facet value counts the listed documents that hold it", "[searchd]") {
  for (const fs::path& home : {tracuu::testing::samples_index(), tracuu::testing::fixture_index()}) {
    auto searcher = Searcher::open(home);
    REQUIRE(searcher);
    std::size_t checked = 0;
    std::vector<const char*> queries = tracuu::testing::kSampleQueries;
    queries.insert(queries.end(), kMoreQueries.begin(), kMoreQueries.end());
    for (const char* q : queries) {
      INFO(home << " query '" << q << "'");
      SearchRequest counted;
      counted.query = q;
      const auto with_facets = searcher->search(counted);
      REQUIRE(with_facets);
      SearchRequest listed = counted;
      listed.facets = false;
      listed.limit = 100;  // more than either index holds: the ranked list is every match
      const auto all = searcher->search(listed);
      REQUIRE(all);
      CHECK(with_facets->exact);
      CHECK(with_facets->total == all->hits.size());
      std::map<std::string, Counts> expected;
      for (const Hit& h : all->hits)
        for (const auto& [facet, values] : facet_values_of(h))
          for (const auto& v : values) ++expected[facet][v];
      for (const char* facet : {"doc_type", "year", "month", "validity"}) {
        INFO(facet);
        Counts got;
        for (const FacetValue& v : with_facets->facets.at(facet)) got[v.value] = v.count;
        CHECK(got == expected[facet]);
        checked += got.size();
      }
      // Issuers and signers are listed by their stored display form: compare the sums.
      for (const char* facet : {"issuer", "signer"}) {
        INFO(facet);
        std::size_t got = 0, want = 0;
        for (const FacetValue& v : with_facets->facets.at(facet)) got += v.count;
        for (const auto& [value, n] : expected[facet]) want += n;
        if (with_facets->facets.at(facet).size() == expected[facet].size()) CHECK(got == want);
      }
    }
    CHECK(checked > 20);  // the indexes hold typed, dated documents with a status: not vacuous
  }
}

namespace {

// Three web copies of one decree (same number and date: one hit, counted once) among other documents.
std::vector<tracuu::schema::DocRecord> records_with_copies() {
  std::vector<tracuu::schema::DocRecord> v;
  const auto add = [&](const char* id, const char* type, const char* number, const char* date, std::string text) {
    v.push_back(tracuu::testing::make_record(id, type, number, number, date, std::string("Văn bản ") + id, text));
  };
  const std::string decree = "Quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông đường bộ.";
  add("nd-1", "Nghị định", "169/2026/ND-CP", "2026-06-12", decree);
  add("nd-1-ban-sao", "Nghị định", "169/2026/ND-CP", "2026-06-12", decree + " Nguồn: Công báo.");
  add("nd-1-ban-sao-2", "Nghị định", "169/2026/ND-CP", "2026-06-12", decree + " Nguồn: Chính phủ.");
  add("tb-1", "Thông báo", "", "2025-09-10", "Kết luận về xử phạt vi phạm giao thông tại cửa khẩu.");
  add("tb-2", "Thông báo", "", "2024-03-02", "Kết luận phiên họp thường kỳ của tỉnh.");
  add("bc-1", "Báo cáo", "", "2025-01-05", "Báo cáo tình hình an toàn giao thông của tỉnh năm 2024.");
  add("bc-2", "Báo cáo", "", "2023-12-20", "Báo cáo kinh tế xã hội của tỉnh.");
  return v;
}

}  // namespace

TEST_CASE("count: the exact-count limit changes no answer while the matches are within it", "[searchd]") {
  // A collection within exact_count_limit is counted whole with no estimate first (count_with); a
  // limit below the collection's size asks for the estimate, and the count stays exact while the
  // matches are within the limit. Totals, facets (copies counted once) and hits must be the same.
  tracuu::testing::TempDir copies_dir{"count-copies"};
  tracuu::testing::build_index(copies_dir.path() / "index", records_with_copies());
  std::vector<const char*> queries = tracuu::testing::kSampleQueries;
  queries.insert(queries.end(), kMoreQueries.begin(), kMoreQueries.end());
  for (const char* q : {"chó mèo trâu", "xu phat giao thong", "giao thông", "169/2026/NĐ-CP"}) queries.push_back(q);
  for (const fs::path& home :
       {tracuu::testing::samples_index(), tracuu::testing::fixture_index(), copies_dir.path() / "index"}) {
    auto searcher = Searcher::open(home);
    REQUIRE(searcher);
    SearchRequest browse;
    browse.facets = false;
    const auto everything = searcher->search(browse);
    REQUIRE(everything);
    REQUIRE(everything->total >= 5);
    RankingWeights lowered;
    lowered.exact_count_limit = everything->total - 1;
    std::size_t compared = 0, with_hits = 0;
    for (const char* q : queries)
      for (int variant = 0; variant < 4; ++variant) {
        SearchRequest r;
        r.query = q;
        r.facets = variant != 1;
        if (variant == 2) r.sort = SortOrder::DateDesc;
        if (variant == 3) r.filter(tracuu::schema::Facet::Type) = {"Thông báo"};
        INFO(home << " query '" << q << "' variant " << variant);
        searcher->set_ranking(RankingWeights{});
        const auto whole = searcher->search(r);
        searcher->set_ranking(lowered);
        const auto estimated = searcher->search(r);
        REQUIRE(whole);
        REQUIRE(estimated);
        CHECK(whole->exact);
        if (!estimated->exact) continue;  // sampled: beyond the lowered limit
        ++compared;
        with_hits += whole->total > 0;
        CHECK(whole->total == estimated->total);
        CHECK(whole->info.relaxed == estimated->info.relaxed);
        std::vector<std::string> whole_ids, estimated_ids;
        for (const Hit& h : whole->hits) whole_ids.push_back(h.id);
        for (const Hit& h : estimated->hits) estimated_ids.push_back(h.id);
        CHECK(whole_ids == estimated_ids);
        REQUIRE(whole->facets.size() == estimated->facets.size());
        for (const auto& [facet, values] : estimated->facets) {
          INFO(facet);
          std::map<std::string, std::pair<std::size_t, bool>> want, got;
          for (const FacetValue& v : values) want[v.value] = {v.count, v.selected};
          for (const FacetValue& v : whole->facets.at(facet)) got[v.value] = {v.count, v.selected};
          CHECK(got == want);
        }
      }
    CHECK(compared > 20);  // most searches match fewer documents than the lowered limit
    CHECK(with_hits > 10);
  }
}
