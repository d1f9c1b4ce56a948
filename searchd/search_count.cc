// Counting a search's matches: the total and the facet lists, over every match
// of the query stripped of what only ranks, exactly up to a limit and from a
// uniform sample beyond it.
#include "searchd/facets.h"
#include "searchd/search_steps.h"

namespace tracuu::searchd {
namespace {

using Q = Xapian::Query;

struct Count {
  Xapian::doccount total = 0;
  bool exact = true;
};

// How many documents match `query` (a match-set query: no boosts), feeding `spies`
// on the way. Up to about `limit` matches every one is counted (BoolWeight: no
// weights); beyond, a uniform sample of the collection (every k-th document id) is
// counted and extrapolated, so a query matching a million documents costs what one
// matching `limit` does.
Count count_with(const Xapian::Database& db, const Q& query, const std::vector<FacetCounter*>& spies,
                 std::size_t limit) {
  Xapian::Enquire estimate(db);
  estimate.set_query(query);
  const Xapian::doccount guess = estimate.get_mset(0, 0).get_matches_estimated();
  const Xapian::docid stride = guess > limit ? static_cast<Xapian::docid>(guess / limit) + 1 : 1;
  Xapian::Enquire counting(db);
  counting.set_weighting_scheme(Xapian::BoolWeight());
  counting.set_query(stride > 1 ? Q(Q::OP_FILTER, query, Q((new StrideSource(stride))->release())) : query);
  for (FacetCounter* spy : spies) counting.add_matchspy(spy);
  // Copies of one document are one hit (search_rank.cc collapses them): counted once.
  const Xapian::doccount matches = counting.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
  const Xapian::doccount seen = matches - (spies.empty() ? 0 : static_cast<Xapian::doccount>(spies.front()->copies()));
  if (stride == 1) return {seen, true};
  for (FacetCounter* spy : spies) spy->extrapolate(static_cast<std::size_t>(seen) * stride);
  return {seen * stride, false};
}

}  // namespace

Result<void> count_matches(SearchState& s, SearchResponse& resp) {
  Searcher::Impl& im = s.im;
  const SearchRequest& request = s.request;
  BuildContext counting = s.ctx;
  counting.match_set_only = true;
  auto stripped = build_query(s.tree, counting);
  if (!stripped) return stripped.error();
  const Q& match_set = stripped->query;
  const std::size_t limit = im.weights.exact_count_limit;
  if (!request.facets) {
    // The total alone, counted as with facets: the page's estimate (of a collapsed,
    // early-terminated match) can be off either way.
    FacetCounter copies({}, &im.copy_keys());
    const Count all = count_with(im.db(), s.filters.apply(match_set), {&copies}, limit);
    resp.total = all.total;
    resp.exact = all.exact;
    return {};
  }

  // One pass counts every match once: the total, and the facets without a selection.
  std::vector<const schema::FacetSpec*> unselected;
  for (const schema::FacetSpec& f : schema::kFacets)
    if ((!f.staff_only || request.audience.staff) && request.filter(f.facet).empty()) unselected.push_back(&f);
  FacetCounter counter(unselected, &im.copy_keys());
  const Count all = count_with(im.db(), s.filters.apply(match_set), {&counter}, limit);
  resp.total = all.total;
  resp.exact = all.exact;

  const FacetNames names = [&](const schema::FacetSpec& f, std::uint32_t id) { return im.facet_name(f, id); };
  for (const schema::FacetSpec& f : schema::kFacets) {
    if (f.staff_only && !request.audience.staff) continue;
    const auto& selected = request.filter(f.facet);
    // Room for the shown values: the top ones plus ties at the cut (facet_values sorts and trims).
    const std::size_t shown = f.max_values == 0 ? 0 : f.max_values * 2;
    auto& list = resp.facets[std::string(f.name)];
    if (selected.empty()) {
      list = facet_values(f, counter.values(f, names, shown, {}), selected, im.issuers);
      continue;
    }
    std::vector<std::uint32_t> selected_ids;
    for (const auto& v : selected) selected_ids.push_back(facet_value_id(f, v, im.issuers));
    // Disjunctive: this facet's counts ignore this facet's own selection.
    FacetCounter own({&f}, &im.copy_keys());
    const Count c = count_with(im.db(), s.filters.apply(match_set, f.facet), {&own}, limit);
    resp.exact = resp.exact && c.exact;
    list = facet_values(f, own.values(f, names, shown, selected_ids), selected, im.issuers);
  }
  return {};
}

}  // namespace tracuu::searchd
