// The portal's document page (/doc/{id}) and citation page (/cite/{number}).
#include <algorithm>

#include "schema/relation.h"
#include "searchd/server/api.h"
#include "searchd/server/html.h"
#include "searchd/server/portal_pages.h"

namespace tracuu::searchd::server {
namespace {

using kainjow::mustache::data;

std::string doc_url(const std::string& id) {
  return "/doc/" + url_encode(id);
}
// With the date the citing text gives, so that the citation page tells a holder of another date apart.
std::string cite_url(const std::string& number, const std::optional<std::string>& date = std::nullopt) {
  return "/cite/" + url_encode(number) + (date ? "?date=" + url_encode(*date) : "");
}

void add_row(data& rows, const char* label, const std::optional<std::string>& value) {
  if (!value || value->empty()) return;
  data row;
  row.set("label", label);
  row.set("value", *value);
  rows.push_back(row);
}

std::optional<std::string> date_of(const std::optional<std::string>& iso) {
  return iso ? std::optional<std::string>(vietnamese_date(*iso)) : std::nullopt;
}

std::optional<std::string> signer_line(const schema::Signer& s) {
  std::string line = s.name.value_or("");
  std::string role = s.position.value_or("");
  if (s.on_behalf) role += role.empty() ? *s.on_behalf : " (" + *s.on_behalf + ")";
  if (!role.empty()) line += (line.empty() ? "" : " – ") + role;
  return line.empty() ? std::nullopt : std::optional<std::string>(line);
}

std::optional<std::string> visibility_label(const schema::Visibility& v) {
  switch (v.kind) {
    case schema::Visibility::Kind::Public: return "Công khai";
    case schema::Visibility::Kind::Internal: return "Nội bộ";
    case schema::Visibility::Kind::Groups: break;
  }
  std::string groups;
  for (const auto& g : v.groups) groups += (groups.empty() ? "" : ", ") + g;
  return "Hạn chế: " + groups;
}

data metadata_rows(const schema::DocRecord& r, bool staff) {
  data rows{data::type::list};
  add_row(rows, "Số hiệu", r.doc_number);
  add_row(rows, "Loại văn bản", r.doc_type);
  add_row(rows, "Cơ quan ban hành", r.issuer);
  add_row(rows, "Nơi ban hành", r.place);
  add_row(rows, "Ngày ban hành", date_of(r.issue_date));
  add_row(rows, "Ngày diễn ra sự việc", date_of(r.event_date));
  add_row(rows, "Người ký", signer_line(r.signer));
  add_row(rows, "Trích yếu", r.title);
  if (staff) add_row(rows, "Phạm vi", visibility_label(r.visibility));
  return rows;
}

data citing_data(const CitingDoc& c) {
  data d;
  d.set("citing_url", doc_url(c.id));
  d.set("citing_title", c.title.value_or(c.doc_number.value_or(c.id)));
  d.set("citing_number", optional_data(c.doc_number));
  d.set("citing_date", c.issue_date ? data(vietnamese_date(*c.issue_date)) : data(false));
  d.set("citing_context", c.context);
  return d;
}

data citations_data(const DocumentView& v) {
  data list{data::type::list};
  for (std::size_t i = 0; i < v.record.citations.size(); ++i) {
    const auto& c = v.record.citations[i];
    const bool held = i < v.citation_targets.size() && v.citation_targets[i];
    data d;
    d.set("cite_number", c.number);
    d.set("cite_url", held ? doc_url(*v.citation_targets[i]) : cite_url(c.number, c.date));
    d.set("cite_held", held);
    d.set("cite_type", optional_data(c.doc_type));
    d.set("cite_issuer", optional_data(c.issuer));
    list.push_back(d);
  }
  return list;
}

// How the panel names a relation: what this document does, and what is done to it.
struct RelationWords {
  std::string_view type, outgoing, incoming;
};
constexpr RelationWords kRelationWords[] = {
    {"replaces", "Thay thế", "Được thay thế bởi"},
    {"repeals", "Bãi bỏ", "Bị bãi bỏ bởi"},
    {"amends", "Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi"},
    {"details", "Quy định chi tiết, hướng dẫn", "Được quy định chi tiết, hướng dẫn bởi"},
    {"implements", "Triển khai thực hiện", "Được triển khai thực hiện bởi"},
    {"basis", "Căn cứ", "Là căn cứ của"},
};

data relation_item(const std::string& url, const std::string& label, const std::optional<std::string>& title,
                   const std::optional<std::string>& scope, const std::optional<std::string>& from,
                   const std::optional<std::string>& note) {
  data d;
  d.set("rel_url", url);
  d.set("rel_label", label);
  d.set("rel_title", optional_data(title));
  d.set("rel_scope", optional_data(scope));
  d.set("rel_from", from ? data(vietnamese_date(*from)) : data(false));
  d.set("rel_note", optional_data(note));
  return d;
}

// The relations panel: one group per type and direction, strongest first, both directions. What this
// document only reports of others ("X được sửa đổi bởi Y") goes to a group of its own.
data relation_groups(const DocumentView& v) {
  const auto& cits = v.record.citations;
  data groups{data::type::list};
  const auto add_group = [&](std::string_view heading, data items) {
    if (items.is_empty_list()) return;
    data g;
    g.set("rel_heading", std::string(heading));
    g.set("rel_items", items);
    groups.push_back(g);
  };
  data reported{data::type::list};
  for (const auto& words : kRelationWords) {
    data out{data::type::list}, in{data::type::list};
    for (std::size_t i = 0; i < cits.size(); ++i) {
      const auto& c = cits[i];
      const bool held = i < v.citation_targets.size() && v.citation_targets[i];
      const std::string url = held ? doc_url(*v.citation_targets[i]) : cite_url(c.number, c.date);
      for (const auto& rel : c.relations) {
        if (rel.type != words.type) continue;
        if (rel.by)
          reported.push_back(relation_item(url, c.number, std::nullopt, rel.scope, rel.effective_date,
                                           std::string(words.incoming) + " " + *rel.by));
        else
          out.push_back(relation_item(url, c.number, std::nullopt, rel.scope, rel.effective_date, std::nullopt));
      }
    }
    for (const auto& r : v.relations_in) {
      if (r.type != words.type) continue;
      const auto note =
          r.by ? std::optional<std::string>("văn bản này ghi nhận; văn bản thực hiện: " + *r.by) : std::nullopt;
      in.push_back(relation_item(doc_url(r.from_id), r.from_number.value_or(r.from_id), r.from_title, r.scope,
                                 r.effective_date, note));
    }
    add_group(words.outgoing, std::move(out));
    add_group(words.incoming, std::move(in));
  }
  add_group("Văn bản này ghi nhận", std::move(reported));
  return groups;
}

std::string_view event_words(const std::string& kind) {
  if (kind == "issued") return "Ban hành";
  if (kind == "in_force") return "Có hiệu lực";
  if (kind == "expires") return "Hết thời hạn hiệu lực";
  if (kind == "amended") return "Được sửa đổi, bổ sung";
  if (kind == "partly_repealed") return "Bị bãi bỏ một phần";
  if (kind == "repealed") return "Bị bãi bỏ";
  if (kind == "partly_replaced") return "Bị thay thế một phần";
  if (kind == "replaced") return "Bị thay thế";
  return kind;
}

// The status at the date asked (today by default), its dates, where sources disagree, and the timeline.
// `form_url`: where the as-of form asks again (none on a citation page).
void set_validity(data& d, const std::optional<std::string>& form_url, const ValidityView& v, bool asked) {
  d.set("validity_code", v.status);
  d.set("validity_label", v.label);
  d.set("validity_as_of", vietnamese_date(v.as_of));
  d.set("validity_asked", asked);
  d.set("validity_form_url", optional_data(form_url));
  data rows{data::type::list};
  add_row(rows, "Có hiệu lực từ", date_of(v.in_force_from));
  add_row(rows, "Hết hiệu lực một phần từ", date_of(v.partly_ended_from));
  add_row(rows, "Hết hiệu lực từ", date_of(v.ended_from));
  d.set("validity_rows", rows);
  d.set("validity_conflicts", list_data(v.conflicts, [](const std::string& c) { return data("conflict", c); }));
  d.set("has_validity_conflicts", !v.conflicts.empty());
  d.set("timeline", list_data(v.timeline, [](const schema::ValidityEvent& e) {
          data t;
          t.set("event_date", e.date ? data(vietnamese_date(*e.date)) : data(false));
          t.set("event_words", std::string(event_words(e.kind)));
          t.set("event_scope", optional_data(e.scope));
          t.set("event_by", e.by_number.empty() ? data(false) : data(e.by_number));
          t.set("event_by_url", e.by_id.empty() ? data(false) : data(doc_url(e.by_id)));
          return t;
        }));
  d.set("has_timeline", !v.timeline.empty());
}

data assignment_data(const std::string& id, const schema::Assignment& a) {
  data d;
  d.set("assignee", a.assignee);
  d.set("deadline", a.deadline ? data(vietnamese_date(*a.deadline)) : data(false));
  d.set("task", a.text);
  d.set("task_url", a.section ? data(doc_url(id) + "#" + url_encode(*a.section)) : data(false));
  return d;
}

}  // namespace

Result<Page> document_page(const std::string& id, const Params& params, SearcherPool& pool, const Config& config,
                           const schema::Audience& audience) {
  auto lease = lease_searcher(pool, config);
  if (!lease) return lease.error();
  const auto as_of = param(params, "as_of");
  auto view = (*lease)->document(id, audience, as_of && !as_of->empty() ? as_of : std::nullopt);
  if (!view) return view.error();
  const schema::DocRecord& r = view->record;
  const auto hl = param(params, "hl");
  const std::optional<Passage> passage = hl ? parse_passage(*hl) : std::nullopt;
  Page out{"document", data()};
  data& d = out.data;
  const std::string heading = r.title.value_or(r.doc_number.value_or(r.id));
  d.set("title", heading + " – Tra cứu văn bản");
  d.set("doc_heading", heading);
  d.set("doc_number", optional_data(r.doc_number));
  d.set("doc_type", optional_data(r.doc_type));
  d.set("internal", r.visibility.kind != schema::Visibility::Kind::Public);
  d.set("original_url", r.original ? data(original_url(r.id)) : data(false));
  d.set("original_kind", r.original && r.original->ends_with(".docx") ? "DOCX" : "PDF");
  d.set("rows", metadata_rows(r, audience.staff));
  d.set("toc", list_data(r.sections, [&](const schema::Section& s) {
          data t;
          t.set("anchor", s.anchor);
          t.set("heading", section_heading(r, s));
          t.set("level", std::to_string(std::clamp(s.level, 1, 4)));
          return t;
        }));
  d.set("has_toc", !r.sections.empty());
  d.set("passage", passage.has_value() && passage->offset < r.text.size());
  d.set("passage_anchor", passage ? "p-" + std::to_string(passage->offset) : std::string());
  d.set("text_html", document_text_html(r, passage));
  d.set("citations", citations_data(*view));
  d.set("has_citations", !r.citations.empty());
  d.set("cited_by", list_data(view->cited_by, citing_data));
  d.set("has_cited_by", !view->cited_by.empty());
  set_validity(d, doc_url(r.id), view->validity, as_of && !as_of->empty());
  auto groups = relation_groups(*view);
  d.set("has_relations", !groups.is_empty_list());
  d.set("relation_groups", groups);
  d.set("assignments", list_data(r.assignments, [&](const schema::Assignment& a) { return assignment_data(r.id, a); }));
  d.set("has_assignments", !r.assignments.empty());
  d.set("assignments_url", "/assignments?doc=" + url_encode(r.id));
  return out;
}

Result<Page> citation_page(const std::string& number, const Params& params, SearcherPool& pool, const Config& config,
                           const schema::Audience& audience) {
  auto lease = lease_searcher(pool, config);
  if (!lease) return lease.error();
  auto view = (*lease)->citations(number, audience, param(params, "date"));
  if (!view) return view.error();
  Page out{"citation", data()};
  data& d = out.data;
  d.set("title", view->display + " – Tra cứu văn bản");
  d.set("cite_display", view->display);
  d.set("held", view->document.has_value());
  d.set("held_url", view->document ? doc_url(view->document->id) : std::string());
  d.set("held_title", view->document ? view->document->title.value_or(view->display) : std::string());
  d.set("stub_type", optional_data(view->doc_type));
  d.set("stub_issuer", optional_data(view->issuer));
  d.set("stub_date", view->date ? data(vietnamese_date(*view->date)) : data(false));
  d.set("others", list_data(view->others, [](const Hit& h) {
          data o;
          o.set("other_url", doc_url(h.id));
          o.set("other_title", h.title.value_or(h.doc_number.value_or(h.id)));
          o.set("other_date", h.issue_date ? data(vietnamese_date(*h.issue_date)) : data(false));
          return o;
        }));
  d.set("has_others", !view->others.empty());
  d.set("cited_by", list_data(view->cited_by, citing_data));
  d.set("has_cited_by", !view->cited_by.empty());
  // A number we do not hold: its status and the acts on it, as far as the citing documents tell.
  d.set("has_validity", view->validity.has_value());
  if (view->validity) set_validity(d, std::nullopt, *view->validity, false);
  DocumentView acted_on;
  acted_on.relations_in = view->relations_in;
  auto groups = relation_groups(acted_on);
  d.set("has_relations", !groups.is_empty_list());
  d.set("relation_groups", groups);
  return out;
}

}  // namespace tracuu::searchd::server
