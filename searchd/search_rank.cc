// Ranking a search's page: BM25 over both layers, accents of unaccented words
// restored from the top documents of a first pass, AND relaxed to a ranked OR
// when no document has every word.
#include <algorithm>
#include <numeric>

#include "schema/fields.h"
#include "schema/terms.h"
#include "searchd/search_steps.h"

namespace tracuu::searchd {
namespace {

// Candidates the second stage re-scores over remote shards (one index: RankingWeights::rerank_depth,
// 200): each costs posting-list entries and title and length round trips, and its passage position
// lists of hundreds of messages (docs/scale-out.md "Remote shards: cost").
constexpr std::size_t kRemoteRerankDepth = 50;

// Accent restoration from the top documents of a first pass: which spellings of
// each unaccented query word those documents use (wdf), blended with the
// collection-wide shares. "luat" in documents about law is "luật".
SpellingOverrides local_spellings(PositionLists& positions, const Xapian::MSet& top, const BuiltQuery& built,
                                  const Vocabulary& vocab, double prior) {
  SpellingOverrides out;
  std::vector<Xapian::docid> docs;
  for (auto it = top.begin(); it != top.end(); ++it) docs.push_back(*it);
  std::sort(docs.begin(), docs.end());
  if (positions.batched()) {  // remote shards with shard readers: every wdf below in one request per shard
    std::vector<std::string> terms;
    for (const std::string& word : built.unaccented_words) {
      terms.push_back(schema::make_term(schema::Field::BodyFolded, word));
      for (const Spelling& g : vocab.spellings(word)) terms.push_back(g.exact);
    }
    positions.prefetch(docs, terms, std::vector<bool>(terms.size(), false));
  }
  auto wdf_in_top = [&](const std::string& term) {
    const auto each = positions.wdfs(term, docs);
    return std::accumulate(each.begin(), each.end(), 0.0);
  };
  for (const std::string& word : built.unaccented_words) {
    if (out.count(word)) continue;
    const auto& global = vocab.spellings(word);
    if (global.size() < 2) continue;  // one spelling: nothing to choose
    const double total = wdf_in_top(schema::make_term(schema::Field::BodyFolded, word));
    if (total <= 0) continue;
    std::vector<Spelling> mixed;
    double marked = 0;
    for (const Spelling& g : global) {
      if (g.exact == word) continue;
      const double local = wdf_in_top(g.exact) / total;
      marked += local;
      mixed.push_back({g.exact, prior * g.share + (1 - prior) * local});
    }
    for (const Spelling& g : global)
      if (g.exact == word) mixed.push_back({word, prior * g.share + (1 - prior) * std::max(0.0, 1 - marked)});
    std::sort(mixed.begin(), mixed.end(), [](const Spelling& a, const Spelling& b) { return a.share > b.share; });
    out.emplace(word, std::move(mixed));
  }
  return out;
}

Xapian::Enquire ranking_enquire(const SearchState& s, bool by_date) {
  const RankingWeights& w = s.im.weights;
  Xapian::Enquire enquire(s.im.db());
  enquire.set_weighting_scheme(Xapian::BM25Weight(w.bm25_k1, 0, 1, w.bm25_b, 0.5));
  // Copies of one document (same number and issue date) make one hit, the best ranked. Collapsing
  // reads every candidate's key: only where the view holds copies.
  if (s.im.copy_keys().any()) enquire.set_collapse_key(schema::kSlotCopyKey);
  if (by_date) {
    // Browsing (no text) lists the newest first unless asked otherwise; undated
    // documents come last either way ("~" sorts after every date).
    const bool ascending = s.request.sort == SortOrder::DateAsc;
    const bool indexed = s.request.sort == SortOrder::IndexedDesc;
    if (s.im.remote) {
      // A KeyMaker does not cross the remote protocol: sorted by the slot, undated documents ("")
      // come first when ascending (docs/scale-out.md).
      enquire.set_sort_by_value_then_relevance(indexed ? schema::kSlotIndexedAt : schema::kSlotIssueDate, !ascending);
      return enquire;
    }
    auto* dates = new Xapian::MultiValueKeyMaker;
    dates->add_value(indexed ? schema::kSlotIndexedAt : schema::kSlotIssueDate, !ascending, ascending ? "~" : "");
    if (indexed) dates->add_value(schema::kSlotIssueDate, true);  // one run's documents: the newest issued first
    enquire.set_sort_by_key_then_relevance(dates->release(), false);
  }
  return enquire;
}

// First pass: the top documents tell which spellings the unaccented words stand for
// here; the query is rebuilt with them when they differ from the collection's.
Result<void> restore_accents(SearchState& s, Xapian::Enquire& enquire, BuiltQuery& built) {
  const RankingWeights& w = s.im.weights;
  if (w.prf_docs <= 0 || built.unaccented_words.empty() || !built.has_text) return {};
  enquire.set_query(s.filters.apply(built.query));
  const Xapian::MSet top = enquire.get_mset(0, static_cast<Xapian::doccount>(w.prf_docs));
  s.local = local_spellings(s.positions, top, built, s.ctx.vocabulary, w.prf_prior);
  if (s.local.empty()) return {};
  s.ctx.local_spellings = &s.local;
  auto restored = build_query(s.tree, s.ctx);
  if (!restored) return restored.error();
  built = std::move(*restored);
  return {};
}

}  // namespace

Result<RankedPage> rank_page(SearchState& s) {
  auto built = build_query(s.tree, s.ctx);
  if (!built) return built.error();
  const bool by_date = !built->has_text || s.request.sort != SortOrder::Relevance;
  Xapian::Enquire enquire = ranking_enquire(s, by_date);
  if (auto ok = restore_accents(s, enquire, *built); !ok) return ok.error();
  // Ranking by date asks Xapian only for the page; ranking by relevance asks the first
  // stage for its best rerank_depth candidates (at least the page), which the second
  // stage re-scores (rerank.h). Counting needs every match and runs apart (search_count.cc).
  const SearchRequest& r = s.request;
  const std::size_t rerank_depth =
      s.im.remote ? std::min(s.im.weights.rerank_depth, kRemoteRerankDepth) : s.im.weights.rerank_depth;
  const bool reranked = !by_date && rerank_depth > 0;
  const auto depth = static_cast<Xapian::doccount>(std::max(rerank_depth, r.offset + r.limit));
  auto page = [&](const Xapian::Query& q) {
    enquire.set_query(s.filters.apply(q));
    if (reranked) return enquire.get_mset(0, depth, depth);
    // check_at_least >= 1: with no items asked for, Xapian would not look at any match.
    return enquire.get_mset(r.offset, r.limit, std::max<Xapian::doccount>(1, r.offset + r.limit));
  };
  Xapian::MSet mset = page(built->query);
  RankedPage out{std::move(*built), std::move(mset), {}, false};
  if (out.mset.get_matches_lower_bound() == 0 && s.request.op == DefaultOperator::Auto && out.built.word_count >= 2) {
    // Nothing has every word: rank what has some of them.
    s.ctx.op = DefaultOperator::Or;
    auto relaxed = build_query(s.tree, s.ctx);
    if (!relaxed) return relaxed.error();
    out.built = std::move(*relaxed);
    out.mset = page(out.built.query);
    out.relaxed = true;
  }
  if (reranked) {
    const std::vector<Ranked> best =
        rerank(s.im.db(), out.mset, out.built.signals, s.ctx.vocabulary, s.im.weights, r.offset + r.limit, s.positions);
    for (std::size_t k = r.offset; k < best.size() && out.hits.size() < r.limit; ++k) out.hits.push_back(best[k]);
  } else {
    for (auto it = out.mset.begin(); it != out.mset.end(); ++it)
      out.hits.push_back({*it, it.get_weight(), it.get_weight()});
  }
  return out;
}

}  // namespace tracuu::searchd
