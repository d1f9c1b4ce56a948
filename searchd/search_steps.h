#pragma once
// Internal: the steps of Searcher::search (search.cc), one file each:
//   search_rank.cc   builds the query and ranks the page (accents restored from a first
//                    pass, AND relaxed to OR when nothing has every word)
//   search_count.cc  counts the total and the facets over every match
//   search_hits.cc   turns the ranked page into hits with snippets
#include <xapian.h>

#include <optional>
#include <utility>
#include <vector>

#include "schema/facets.h"
#include "searchd/positions.h"
#include "searchd/query_builder.h"
#include "searchd/rerank.h"
#include "searchd/searcher_impl.h"

namespace tracuu::searchd {

/// The filters of a request besides its text: the date range and each selected facet's values.
class Filters {
 public:
  /// @param validity_day ISO: the day the validity facet's selection is judged on
  Filters(const SearchRequest& r, const schema::IssuerRegistry& issuers, const std::string& validity_day);

  /// `query` restricted by every filter but those of facet `skip` (none: every filter).
  /// Visibility is not a filter: the view searched holds only what the audience may see.
  Xapian::Query apply(const Xapian::Query& query, std::optional<schema::Facet> skip = std::nullopt) const;

 private:
  std::vector<Xapian::Query> base_;                              // date range
  std::vector<std::pair<schema::Facet, Xapian::Query>> facets_;  // per selected facet
};

/// What the steps of one search share.
struct SearchState {
  Searcher::Impl& im;
  const SearchRequest& request;
  const QueryNode& tree;
  BuildContext ctx;  ///< as the ranked query was built (relaxed to Or, restored spellings)
  Filters filters;
  SpellingOverrides local;  ///< spellings restored from the first pass (ctx.local_spellings points here)
  PositionLists positions;  ///< read by the second stage, used again by the page's snippets
};

/// The ranked page and the query that ranked it.
struct RankedPage {
  BuiltQuery built;
  Xapian::MSet mset;         ///< the first stage: the page, or the candidates re-ranked into it
  std::vector<Ranked> hits;  ///< the requested page, best first
  bool relaxed = false;      ///< Auto fell back from AND to OR
};

/// Builds the query of the request and ranks the requested page (search_rank.cc).
/// @return BadQuery for an invalid field value.
Result<RankedPage> rank_page(SearchState& s);

/// Counts every match of the query `s.ctx` builds, stripped of what only ranks, copies of
/// one document once: sets `resp.total`, `resp.exact` and, when the request asks for
/// them, `resp.facets` (search_count.cc).
Result<void> count_matches(SearchState& s, SearchResponse& resp);

/// The hits of the ranked page with their snippets (search_hits.cc).
/// @return an error when a document's stored data cannot be read.
Result<std::vector<Hit>> page_hits(SearchState& s, const RankedPage& page);

}  // namespace tracuu::searchd
