// Searcher::search: query building, filters, ranking, facets, hits, snippets.
#include <algorithm>
#include <chrono>

#include "schema/docdata.h"
#include "schema/facets.h"
#include "schema/fields.h"
#include "schema/terms.h"
#include "searchd/facets.h"
#include "searchd/query_budget.h"
#include "searchd/searcher_impl.h"
#include "searchd/snippets.h"
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

Hit hit_of(const schema::DocRecord& rec) {
  Hit h;
  h.id = rec.id;
  h.title = rec.title, h.doc_type = rec.doc_type, h.doc_number = rec.doc_number, h.issuer = rec.issuer;
  h.issue_date = rec.issue_date, h.event_date = rec.event_date, h.signer = rec.signer.name;
  return h;
}

// Everything a run needs besides the text query: non-facet filters and the facet selections.
struct Filters {
  std::vector<Q> base;                              // visibility, date range
  std::vector<std::pair<schema::Facet, Q>> facets;  // per selected facet
  // Every filter but those of facet `skip` (none: every filter).
  Q all_except(std::optional<schema::Facet> skip = std::nullopt) const {
    std::vector<Q> qs = base;
    for (const auto& [facet, q] : facets)
      if (facet != skip) qs.push_back(q);
    if (qs.empty()) return Q();
    return Q(Q::OP_AND, qs.begin(), qs.end());
  }
};

Filters make_filters(const SearchRequest& r, const schema::IssuerRegistry& issuers) {
  Filters f;
  if (r.from || r.to) {
    const std::string lo = r.from ? parse_date_range(*r.from)->first : "";
    const std::string hi = r.to ? parse_date_range(*r.to)->second : "99999999";
    f.base.emplace_back(Q::OP_VALUE_RANGE, schema::kSlotIssueDate, lo, hi);
  }
  for (const schema::FacetSpec& facet : schema::kFacets) {
    const auto& sel = r.filter(facet.facet);
    if (!sel.empty() && (!facet.staff_only || r.staff))
      f.facets.emplace_back(facet.facet, facet_filter(facet, sel, issuers));
  }
  return f;
}

// Accent restoration from the top documents of a first pass: which spellings of
// each unaccented query word those documents use (wdf), blended with the
// collection-wide shares. "luat" in documents about law is "luật".
SpellingOverrides local_spellings(const Xapian::Database& db, const Xapian::MSet& top, const BuiltQuery& built,
                                  const Vocabulary& vocab, double prior) {
  SpellingOverrides out;
  std::vector<Xapian::docid> docs;
  for (auto it = top.begin(); it != top.end(); ++it) docs.push_back(*it);
  std::sort(docs.begin(), docs.end());
  auto wdf_in_top = [&](const std::string& term) {
    double sum = 0;
    auto pl = db.postlist_begin(term);
    for (Xapian::docid d : docs) {
      pl.skip_to(d);
      if (pl == db.postlist_end(term)) break;
      if (*pl == d) sum += pl.get_wdf();
    }
    return sum;
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

// How many documents match `query` (a match-set query: no boosts), feeding `spies`
// on the way. Up to about kExactCountLimit matches every one is counted (BoolWeight:
// no weights); beyond, a uniform sample of the collection (every
// k-th document id) is counted and extrapolated, so a query matching a million
// documents costs what one matching kExactCountLimit does.
struct Count {
  Xapian::doccount total = 0;
  bool exact = true;
};

Count count_matches(const Xapian::Database& db, const Q& query, const std::vector<FacetCounter*>& spies,
                    std::size_t limit) {
  Xapian::Enquire estimate(db);
  estimate.set_query(query);
  const Xapian::doccount guess = estimate.get_mset(0, 0).get_matches_estimated();
  const Xapian::docid stride = guess > limit ? static_cast<Xapian::docid>(guess / limit) + 1 : 1;
  Xapian::Enquire counting(db);
  counting.set_weighting_scheme(Xapian::BoolWeight());
  counting.set_query(stride > 1 ? Q(Q::OP_FILTER, query, Q((new StrideSource(stride))->release())) : query);
  for (FacetCounter* spy : spies) counting.add_matchspy(spy);
  const Xapian::doccount seen = counting.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
  if (stride == 1) return {seen, true};
  for (FacetCounter* spy : spies) spy->extrapolate(static_cast<std::size_t>(seen) * stride);
  return {seen * stride, false};
}

Q apply_filters(const Q& query, const Q& filter, bool staff) {
  Q q = filter.empty() ? query : Q(Q::OP_FILTER, query, filter);
  if (!staff) q = Q(Q::OP_AND_NOT, q, Q(schema::make_term(schema::Field::Visibility, "internal")));
  return q;
}

}  // namespace

Result<SearchResponse> Searcher::search(const SearchRequest& request) {
  const auto t0 = std::chrono::steady_clock::now();
  if (auto ok = validate(request); !ok) return ok.error();
  const std::string query_text = text::normalize(request.query);
  auto tree = parse_query(query_text, request.op);
  if (!tree) return tree.error();
  if (auto ok = check_budget(estimate_cost(*tree, impl_->abbreviations)); !ok) return ok.error();

  return retry_if_modified(
      "searching", [&] { return refresh(); },
      [&]() -> Result<SearchResponse> {
        Impl& im = *impl_;
        SearchResponse resp;
        BuildContext ctx{im.db,      im.abbreviations,
                         im.issuers, im.vocab(),
                         im.weights, request.op == DefaultOperator::Or ? DefaultOperator::Or : DefaultOperator::And};
        for (const auto& t : text::analyze(query_text)) ctx.query_has_marks = ctx.query_has_marks || t.has_marks();
        auto built = build_query(*tree, ctx);
        if (!built) return built.error();
        const Filters filters = make_filters(request, im.issuers);

        Xapian::Enquire enquire(im.db);
        enquire.set_weighting_scheme(Xapian::BM25Weight(im.weights.bm25_k1, 0, 1, im.weights.bm25_b, 0.5));
        const bool by_date = !built->has_text || request.sort != SortOrder::Relevance;
        if (by_date) {
          // Browsing (no text) lists the newest first unless asked otherwise.
          const bool ascending = request.sort == SortOrder::DateAsc;
          enquire.set_sort_by_value_then_relevance(schema::kSlotIssueDate, !ascending);
        }
        // Ranking asks Xapian only for the page (it prunes by maximum weight); counting
        // facets needs every match, so it runs apart with BoolWeight on a query that
        // keeps only what decides the match set (BuildContext::match_set_only).
        auto rank_page = [&](const Q& q) {
          enquire.set_query(apply_filters(q, filters.all_except(), request.staff));
          // check_at_least >= 1: with no items asked for, Xapian would not look at any match.
          return enquire.get_mset(request.offset, request.limit,
                                  std::max<Xapian::doccount>(1, request.offset + request.limit));
        };
        SpellingOverrides local;
        if (im.weights.prf_docs > 0 && !built->unaccented_words.empty() && built->has_text) {
          // First pass: the top documents tell which spellings the unaccented words stand for here.
          enquire.set_query(apply_filters(built->query, filters.all_except(), request.staff));
          const Xapian::MSet top = enquire.get_mset(0, static_cast<Xapian::doccount>(im.weights.prf_docs));
          local = local_spellings(im.db, top, *built, ctx.vocabulary, im.weights.prf_prior);
          if (!local.empty()) {
            ctx.local_spellings = &local;
            auto restored = build_query(*tree, ctx);
            if (!restored) return restored.error();
            built = std::move(restored);
          }
        }
        Xapian::MSet mset = rank_page(built->query);
        if (mset.get_matches_lower_bound() == 0 && request.op == DefaultOperator::Auto && built->word_count >= 2) {
          // Nothing has every word: rank what has some of them.
          ctx.op = DefaultOperator::Or;
          auto relaxed = build_query(*tree, ctx);
          if (!relaxed) return relaxed.error();
          built = std::move(relaxed);
          mset = rank_page(built->query);
          resp.info.relaxed = true;
        }
        // Counts every match once, for the total and the facets of fields without a selection.
        std::vector<const schema::FacetSpec*> unselected;
        for (const schema::FacetSpec& f : schema::kFacets)
          if ((!f.staff_only || request.staff) && request.filter(f.facet).empty()) unselected.push_back(&f);
        FacetCounter counter(unselected);
        std::optional<Xapian::doccount> exact_total;
        // Totals and facets count every match: with a query stripped of what only ranks.
        Q match_set;
        if (request.facets) {
          BuildContext counting = ctx;
          counting.match_set_only = true;
          auto stripped = build_query(*tree, counting);
          if (!stripped) return stripped.error();
          match_set = stripped->query;
          const Count c = count_matches(im.db, apply_filters(match_set, filters.all_except(), request.staff),
                                        {&counter}, im.weights.exact_count_limit);
          exact_total = c.total;
          resp.exact = c.exact;
        }
        resp.total = exact_total ? *exact_total : mset.get_matches_estimated();
        resp.info.doc_numbers = built->doc_numbers;
        resp.info.parsed = built->query.get_description();

        std::size_t rank = request.offset;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
          auto stored = schema::decode_doc_data(
              it.get_document().get_data(), request.snippets > 0 ? schema::DocParts::Snippets : schema::DocParts::Meta);
          if (!stored) return stored.error();
          Hit h = hit_of(stored->record);
          h.score = it.get_weight();
          h.rank = ++rank;
          h.snippets = make_snippets(im.db, *it, *stored, built->highlight, request.snippets);
          resp.hits.push_back(std::move(h));
        }
        if (request.facets) {
          const FacetNames names = [&](const schema::FacetSpec& f, std::uint32_t id) { return im.facet_name(f, id); };
          for (const schema::FacetSpec& f : schema::kFacets) {
            if (f.staff_only && !request.staff) continue;
            const std::string name(f.name);
            const auto& sel = request.filter(f.facet);
            // Room for the shown values: the top ones plus ties at the cut (facet_values sorts and trims).
            const std::size_t limit = f.max_values == 0 ? 0 : f.max_values * 2;
            if (sel.empty()) {
              resp.facets[name] = facet_values(f, counter.values(f, names, limit, {}), sel, im.issuers);
              continue;
            }
            std::vector<std::uint32_t> selected_ids;
            for (const auto& v : sel) selected_ids.push_back(facet_value_id(f, v, im.issuers));
            // Disjunctive: this field's counts ignore this field's own selection.
            FacetCounter own({&f});
            const Count c = count_matches(im.db, apply_filters(match_set, filters.all_except(f.facet), request.staff),
                                          {&own}, im.weights.exact_count_limit);
            resp.exact = resp.exact && c.exact;
            resp.facets[name] = facet_values(f, own.values(f, names, limit, selected_ids), sel, im.issuers);
          }
        }
        // Offered when nothing has every word: no hit at all, or only a relaxed (OR) list.
        if ((resp.total == 0 || resp.info.relaxed) && built->has_text)
          resp.did_you_mean = did_you_mean(query_text, request);
        resp.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        return resp;
      });
}

}  // namespace tracuu::searchd
