// Searcher::search: checks the request, parses the query, then runs the steps
// of search_steps.h (rank the page, count the matches and facets, build the hits)
// against the database, once more if it changed underneath.
#include <chrono>

#include "schema/facets.h"
#include "schema/fields.h"
#include "schema/terms.h"
#include "schema/validity.h"
#include "searchd/facets.h"
#include "searchd/field_filters.h"
#include "searchd/query_budget.h"
#include "searchd/search_steps.h"
#include "text/normalize.h"
#include "text/tokenizer.h"

namespace tracuu::searchd {
namespace {

using Q = Xapian::Query;

Result<void> validate(const SearchRequest& r) {
  if (r.query.size() > kMaxQueryBytes)
    return Error{Status::TooLarge, "q is longer than " + std::to_string(kMaxQueryBytes) + " bytes"};
  if (r.limit > kMaxLimit) return Error{Status::BadRequest, "limit must be at most " + std::to_string(kMaxLimit)};
  if (r.snippets > kMaxSnippets)
    return Error{Status::BadRequest, "snippets must be at most " + std::to_string(kMaxSnippets)};
  for (const schema::FacetSpec& f : schema::kFacets)
    for (const auto& v : r.filter(f.facet))
      if (f.valid && !f.valid(v))
        return Error{Status::BadRequest, std::string(f.param) + " must be " + std::string(f.format) + ": '" + v + "'"};
  if (r.from && !parse_date_range(*r.from)) return Error{Status::BadRequest, "from is not a date: '" + *r.from + "'"};
  if (r.to && !parse_date_range(*r.to)) return Error{Status::BadRequest, "to is not a date: '" + *r.to + "'"};
  // A reversed range would match nothing and, as an empty Xapian query, silently filter nothing.
  if (r.from && r.to && parse_date_range(*r.from)->first > parse_date_range(*r.to)->second)
    return Error{Status::BadRequest, "from " + *r.from + " is after to " + *r.to};
  return {};
}

// The day validity is judged on: as_of (a day), else today.
Result<std::string> judged_day(const SearchRequest& r) {
  if (!r.as_of) return schema::today_iso();
  auto day = parse_day("as_of", *r.as_of);
  if (!day) return Error{Status::BadRequest, day.error().message};
  return day;
}

// The response of a search, and whether its query had some free text (else it browses).
struct Searched {
  SearchResponse resp;
  bool has_text = false;
};

// A search of a parsed query against the open database.
Result<Searched> run(Searcher::Impl& im, const SearchRequest& request, const std::string& query_text,
                     const QueryNode& tree, const std::string& day) {
  const DefaultOperator op = request.op == DefaultOperator::Or ? DefaultOperator::Or : DefaultOperator::And;
  SearchState s{im,
                request,
                tree,
                BuildContext{im.db(), im.abbreviations, im.issuers, im.vocab(), im.weights, op},
                Filters(request, im.issuers, day),
                {},
                PositionLists(im.db(), im.batch_read())};
  s.ctx.validity_day = day;
  for (const auto& t : text::analyze(query_text)) s.ctx.query_has_marks = s.ctx.query_has_marks || t.has_marks();
  auto page = rank_page(s);
  if (!page) return page.error();
  SearchResponse resp;
  resp.validity_as_of = day;
  resp.info.relaxed = page->relaxed;
  resp.info.doc_numbers = page->built.doc_numbers;
  resp.info.parsed = page->built.query.get_description();
  if (auto ok = count_matches(s, resp); !ok) return ok.error();
  auto hits = page_hits(s, *page);
  if (!hits) return hits.error();
  resp.hits = std::move(*hits);
  return Searched{std::move(resp), page->built.has_text};
}

}  // namespace

Filters::Filters(const SearchRequest& r, const schema::IssuerRegistry& issuers, const std::string& validity_day) {
  if (r.from || r.to) {
    const std::string lo = r.from ? parse_date_range(*r.from)->first : "";
    const std::string hi = r.to ? parse_date_range(*r.to)->second : "99999999";
    base_.emplace_back(Q::OP_VALUE_RANGE, schema::kSlotIssueDate, lo, hi);
  }
  for (const schema::FacetSpec& facet : schema::kFacets) {
    const auto& selected = r.filter(facet.facet);
    if (!selected.empty() && (!facet.staff_only || r.audience.staff))
      facets_.emplace_back(facet.facet, facet_filter(facet, selected, issuers, validity_day));
  }
}

Xapian::Query Filters::apply(const Xapian::Query& query, std::optional<schema::Facet> skip) const {
  std::vector<Q> filters = base_;
  for (const auto& [facet, q] : facets_)
    if (facet != skip) filters.push_back(q);
  // Visibility needs no filter: the database searched holds only what the audience may see.
  return filters.empty() ? query : Q(Q::OP_FILTER, query, Q(Q::OP_AND, filters.begin(), filters.end()));
}

Result<SearchResponse> Searcher::search(const SearchRequest& request) {
  const auto t0 = std::chrono::steady_clock::now();
  if (auto ok = validate(request); !ok) return ok.error();
  const auto day = judged_day(request);
  if (!day) return day.error();
  const std::string query_text = text::normalize(request.query);
  auto tree = parse_query(query_text, request.op);
  if (!tree) return tree.error();
  join_spaced_numbers(*tree, impl_->abbreviations);
  if (auto ok = check_budget(estimate_cost(*tree, impl_->abbreviations)); !ok) return ok.error();
  return retry_if_modified(
      "searching", [&] { return refresh(); },
      [&]() -> Result<SearchResponse> {
        impl_->use(request.audience);
        auto searched = run(*impl_, request, query_text, *tree, *day);
        if (!searched) return searched.error();
        SearchResponse& resp = searched->resp;
        // Offered when nothing has every word: no hit at all, or only a relaxed (OR) list.
        if ((resp.total == 0 || resp.info.relaxed) && searched->has_text)
          resp.did_you_mean = did_you_mean(query_text, request);
        resp.missing_shards = impl_->missing;
        resp.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        return std::move(resp);
      });
}

}  // namespace tracuu::searchd
