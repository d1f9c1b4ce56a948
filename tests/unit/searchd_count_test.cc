// Counting (search_count.cc, FacetCounter): the total and every facet's counts are those of the
// documents the search lists, on the samples (real notices) and the fixture (copies: searchd_ranking_test.cc).
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "schema/validity.h"
#include "searchd/searcher.h"
#include "searchd_fixture.h"

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
