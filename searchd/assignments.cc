// Searcher::assignments: the tasks documents give (giao nhiệm vụ), across documents, for staff.
#include <algorithm>
#include <map>
#include <set>

#include "schema/docdata.h"
#include "schema/facets.h"
#include "schema/fields.h"
#include "schema/terms.h"
#include "searchd/searcher_impl.h"

namespace tracuu::searchd {
namespace {

bool iso_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

Result<void> check(const AssignmentQuery& q) {
  for (const auto* d : {&q.due_from, &q.due_to})
    if (*d && !iso_date(**d)) return Error{Status::BadRequest, "deadline bounds must be dates: '" + **d + "'"};
  if (q.due_from && q.due_to && *q.due_from > *q.due_to)
    return Error{Status::BadRequest, "the deadline range ends before it starts"};
  if (q.overdue && !iso_date(q.today)) return Error{Status::BadRequest, "overdue needs today's date"};
  return {};
}

// The deadline filters; an assignment without a deadline passes only when none is set.
bool due_within(const AssignmentQuery& q, const std::optional<std::string>& deadline) {
  if (!q.due_from && !q.due_to && !q.overdue) return true;
  if (!deadline) return false;
  if (q.due_from && *deadline < *q.due_from) return false;
  if (q.due_to && *deadline > *q.due_to) return false;
  return !q.overdue || *deadline < q.today;
}

// Soonest deadline first, undated last; then by document and place in it.
bool before(const AssignmentItem& a, const AssignmentItem& b) {
  const auto& da = a.assignment.deadline;
  const auto& db = b.assignment.deadline;
  if (da.has_value() != db.has_value()) return da.has_value();
  if (da && *da != *db) return *da < *db;
  if (a.doc_id != b.doc_id) return a.doc_id < b.doc_id;
  return a.assignment.span.begin < b.assignment.span.begin;
}

}  // namespace

const std::vector<std::pair<schema::Visibility, AssignmentItem>>& Searcher::Impl::assignments() {
  View& v = *current;
  auto now = revisions();
  if (v.assignments && now == v.assignment_revisions) return *v.assignments;
  // Every document with an assignment holds a term of the assignee field; its lists are decoded, not its text.
  const schema::FacetSpec& facet = schema::facet_spec(schema::Facet::Assignee);
  Xapian::Enquire enquire(v.db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_WILDCARD, schema::make_term(facet.field, "")));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet mset = enquire.get_mset(0, std::max<Xapian::doccount>(v.db.get_doccount(), 1));
  std::vector<std::pair<schema::Visibility, AssignmentItem>> all;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    auto stored = schema::decode_doc_data(it.get_document().get_data(), schema::DocParts::Lists);
    if (!stored) continue;
    const schema::DocRecord& r = stored->record;
    for (const schema::Assignment& a : r.assignments)
      all.emplace_back(r.visibility, AssignmentItem{r.id, r.title, r.doc_number, r.doc_type, r.issue_date, a});
  }
  v.assignments = std::move(all);
  v.assignment_revisions = std::move(now);
  return *v.assignments;
}

Result<AssignmentList> Searcher::assignments(const AssignmentQuery& query, const schema::Audience& audience) {
  if (!audience.staff) return Error{Status::NotFound, "no such page"};  // the page does not exist for the public
  if (auto ok = check(query); !ok) return ok.error();
  const schema::FacetSpec& facet = schema::facet_spec(schema::Facet::Assignee);
  std::set<std::string> wanted;
  for (const auto& a : query.assignees) wanted.insert(facet.code(a, impl_->issuers));
  return retry_if_modified(
      "listing assignments", [&] { return refresh(); },
      [&]() -> Result<AssignmentList> {
        impl_->use(audience);
        AssignmentList out;
        std::map<std::string, std::size_t> assignees;
        std::vector<const AssignmentItem*> items;  // the view's own: only the page asked for is copied
        for (const auto& [visibility, item] : impl_->assignments()) {
          if (!schema::may_see(audience, visibility) || (query.source && item.doc_id != *query.source)) continue;
          const schema::Assignment& a = item.assignment;
          if (!due_within(query, a.deadline)) continue;
          ++assignees[a.assignee];
          if (!wanted.empty() && !wanted.count(facet.code(a.assignee, impl_->issuers))) continue;
          items.push_back(&item);
        }
        std::sort(items.begin(), items.end(), [](const auto* a, const auto* b) { return before(*a, *b); });
        out.total = items.size();
        const std::size_t first = std::min(query.offset, items.size());
        const std::size_t last = std::min(items.size(), first + query.limit);
        for (std::size_t i = first; i < last; ++i) out.items.push_back(*items[i]);
        for (const auto& [name, count] : assignees) out.assignees.push_back(FacetValue{name, count, false});
        std::stable_sort(out.assignees.begin(), out.assignees.end(),
                         [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
        for (auto& v : out.assignees) v.selected = wanted.count(facet.code(v.value, impl_->issuers)) > 0;
        return out;
      });
}

}  // namespace tracuu::searchd
