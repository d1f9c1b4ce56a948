// Counting a search's matches: the total and the facet lists, over every match
// of the query stripped of what only ranks, exactly up to a limit and from a
// uniform sample beyond it.
#include <memory>
#include <set>

#include "schema/terms.h"
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
  // A collection of at most `limit` documents is counted whole: no estimate to ask for.
  Xapian::doccount guess = 0;
  if (db.get_doccount() > limit) {
    Xapian::Enquire estimate(db);
    estimate.set_query(query);
    guess = estimate.get_mset(0, 0).get_matches_estimated();
  }
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

// count_with for remote shards: xapian-tcpsrv runs only Xapian's own classes, so every match is
// counted (no StrideSource sample) by a ValueCountMatchSpy per slot, whose per-value counts feed
// `counter` here. Copies: the shared copy keys among the matches, each counted once, and the facets
// of their further copies (in docid order, as FacetCounter skips them) taken back.
Count count_remote(const Xapian::Database& db, const Q& query, FacetCounter& counter, const CopyKeys& copy_keys) {
  Xapian::Enquire counting(db);
  counting.set_weighting_scheme(Xapian::BoolWeight());
  counting.set_query(query);
  bool packed = false;
  std::vector<std::pair<const schema::FacetSpec*, std::unique_ptr<Xapian::ValueCountMatchSpy>>> slots;
  for (const schema::FacetSpec* f : counter.fields()) {
    if (f->part != schema::FacetPart::Count)
      packed = true;
    else
      slots.emplace_back(f, std::make_unique<Xapian::ValueCountMatchSpy>(FacetCounter::counted_slot(*f)));
  }
  Xapian::ValueCountMatchSpy packed_spy(schema::kSlotFacets), keys(schema::kSlotCopyKey);
  if (packed) counting.add_matchspy(&packed_spy);
  for (auto& [f, spy] : slots) counting.add_matchspy(spy.get());
  if (copy_keys.any()) counting.add_matchspy(&keys);
  const Xapian::doccount matches = counting.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
  const auto none = [](const schema::FacetSpec&) { return std::string(); };
  for (auto it = packed_spy.values_begin(); it != packed_spy.values_end(); ++it)
    counter.add(*it, none, static_cast<long>(it.get_termfreq()));
  for (auto& slot : slots)
    for (auto it = slot.second->values_begin(); it != slot.second->values_end(); ++it) {
      // A named pointer, not a structured binding: clang 14 (the fuzzing build) cannot capture those.
      const schema::FacetSpec* field = slot.first;
      const std::string value = *it;
      counter.add(
          {}, [&](const schema::FacetSpec& f) { return &f == field ? value : std::string(); },
          static_cast<long>(it.get_termfreq()));
    }
  // The later copies of every shared key among the matches, in one enquiry (each key's number term drives
  // its value check: search_hits.cc, a bare OP_VALUE_RANGE reads the slot of every document), read in docid
  // order as FacetCounter skips them; MSet::fetch() asks for all their documents before reading any
  // (over remote shards, one enquiry per key and one round trip per document cost more than the search).
  Xapian::doccount copies = 0, holding = 0;
  std::vector<Q> shared;
  for (auto it = keys.values_begin(); it != keys.values_end(); ++it) {
    const Xapian::doccount holders = it.get_termfreq();
    if (holders < 2) continue;
    copies += holders - 1;
    holding += holders;
    const std::string key = *it;
    const std::string number = schema::make_term(schema::Field::Number, key.substr(0, key.rfind('|')));
    shared.push_back(Q(Q::OP_AND, Q(number), Q(Q::OP_VALUE_RANGE, schema::kSlotCopyKey, key, key)));
  }
  if (!shared.empty()) {
    Xapian::Enquire copy(db);
    copy.set_weighting_scheme(Xapian::BoolWeight());
    copy.set_docid_order(Xapian::Enquire::ASCENDING);
    copy.set_query(Q(Q::OP_FILTER, query, Q(Q::OP_OR, shared.begin(), shared.end())));
    const Xapian::MSet all = copy.get_mset(0, holding);
    all.fetch();
    std::set<std::string> counted;  // keys whose first copy was seen
    for (auto doc = all.begin(); doc != all.end(); ++doc) {
      const Xapian::Document d = doc.get_document();
      if (counted.insert(d.get_value(schema::kSlotCopyKey)).second) continue;  // the copy counted
      counter.add(
          d.get_value(schema::kSlotFacets),
          [&](const schema::FacetSpec& f) { return d.get_value(FacetCounter::counted_slot(f)); }, -1);
    }
  }
  return {matches - copies, true};
}

// The total (and facets) of `query`: count_with, or count_remote over remote shards.
Count count_all(Searcher::Impl& im, const Q& query, FacetCounter& counter, std::size_t limit) {
  return im.remote ? count_remote(im.db(), query, counter, im.copy_keys())
                   : count_with(im.db(), query, {&counter}, limit);
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
    FacetCounter copies({}, &im.copy_keys(), s.ctx.validity_day);
    const Count all = count_all(im, s.filters.apply(match_set), copies, limit);
    resp.total = all.total;
    resp.exact = all.exact;
    return {};
  }

  // One pass counts every match once: the total, and the facets without a selection.
  std::vector<const schema::FacetSpec*> unselected;
  for (const schema::FacetSpec& f : schema::kFacets)
    if ((!f.staff_only || request.audience.staff) && request.filter(f.facet).empty()) unselected.push_back(&f);
  FacetCounter counter(unselected, &im.copy_keys(), s.ctx.validity_day);
  const Count all = count_all(im, s.filters.apply(match_set), counter, limit);
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
    FacetCounter own({&f}, &im.copy_keys(), s.ctx.validity_day);
    const Count c = count_all(im, s.filters.apply(match_set, f.facet), own, limit);
    resp.exact = resp.exact && c.exact;
    list = facet_values(f, own.values(f, names, shown, selected_ids), selected, im.issuers);
  }
  return {};
}

}  // namespace tracuu::searchd
