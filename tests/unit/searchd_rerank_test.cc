// The second ranking stage reads positions only for the candidates that can still reach the
// page (rerank.h): on the samples and the fixture, with and without marks, the page it returns
// must be the page that scoring every candidate in full gives.
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "schema/index_home.h"
#include "schema/terms.h"
#include "searchd/rerank.h"
#include "searchd/searcher.h"
#include "searchd/vocabulary.h"
#include "searchd_fixture.h"
#include "tests/support/temp_dir.h"
#include "text/tokenizer.h"

using namespace tracuu::searchd;
namespace fs = std::filesystem;

namespace {

// The first stage as a ranked OR of the folded words, and what the second stage reads of the query.
struct Candidates {
  Xapian::MSet mset;
  RankSignals signals;
};

Candidates candidates(const Xapian::Database& db, const std::string& query) {
  Candidates c;
  std::vector<Xapian::Query> words;
  for (const tracuu::text::Token& t : tracuu::text::analyze(query)) {
    words.emplace_back(tracuu::schema::folded_term(t));
    c.signals.words.push_back({t.folded, t.exact, true, t.kind == tracuu::text::TokenKind::Word});
    c.signals.query_has_marks = c.signals.query_has_marks || t.has_marks();
  }
  if (!c.signals.words.empty()) c.signals.words.back().joins_next = false;
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()));
  c.mset = enquire.get_mset(0, 200);
  return c;
}

}  // namespace

TEST_CASE("rerank: the bound never drops a candidate that full scoring ranks on the page", "[searchd][ranking]") {
  std::size_t rows = 0, pruned = 0;
  for (const fs::path& home : {tracuu::testing::samples_index(), tracuu::testing::fixture_index()}) {
    const Xapian::Database db = tracuu::testing::open_database(home);
    const Vocabulary vocabulary = Vocabulary::build(db);
    const RankingWeights weights;
    for (const char* q : tracuu::testing::kSampleQueries) {
      const Candidates c = candidates(db, q);
      const std::size_t n = c.mset.size();
      if (n == 0) continue;
      ++rows;
      const auto full = rerank(db, c.mset, c.signals, vocabulary, weights, n);
      REQUIRE(full.size() == n);
      bool dropped = false;
      for (std::size_t needed = 1; needed <= n; ++needed) {
        const auto page = rerank(db, c.mset, c.signals, vocabulary, weights, needed);
        INFO(home.parent_path().filename().string() << ": " << q << ", the best " << needed << " of " << n);
        REQUIRE(page.size() >= needed);
        for (std::size_t k = 0; k < needed; ++k) {
          CHECK(page[k].did == full[k].did);
          CHECK(page[k].score == full[k].score);
        }
        dropped = dropped || page.size() < n;
      }
      if (dropped) ++pruned;
    }
  }
  CHECK(rows >= 20);
  // Not a vacuous check: for most queries, some pages are found without scoring every candidate.
  CHECK(pruned * 2 >= rows);
}

TEST_CASE("rerank: each page of a search is its slice of the whole ranked list", "[searchd][ranking]") {
  for (const fs::path& home : {tracuu::testing::samples_index(), tracuu::testing::fixture_index()}) {
    auto searcher = Searcher::open(home);
    REQUIRE(searcher);
    for (const char* q : tracuu::testing::kSampleQueries) {
      SearchRequest all;
      all.query = q;
      all.limit = kMaxLimit;
      const auto whole = searcher->search(all);
      REQUIRE(whole);
      for (std::size_t offset = 0; offset < whole->hits.size(); ++offset)
        for (std::size_t limit : {1, 2, 3}) {
          SearchRequest r = all;
          r.offset = offset;
          r.limit = limit;
          const auto page = searcher->search(r);
          INFO(q << ", offset " << offset << ", limit " << limit);
          REQUIRE(page);
          REQUIRE(page->hits.size() == std::min(limit, whole->hits.size() - offset));
          for (std::size_t k = 0; k < page->hits.size(); ++k) CHECK(page->hits[k].id == whole->hits[offset + k].id);
        }
    }
  }
}
