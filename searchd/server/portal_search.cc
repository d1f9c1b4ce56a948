// The portal's search page: parameters in, a mustache view of the results out.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>

#include "schema/facets.h"
#include "schema/validity.h"
#include "searchd/server/api.h"
#include "searchd/server/html.h"
#include "searchd/server/portal_pages.h"

namespace tracuu::searchd::server {
namespace {

using kainjow::mustache::data;

struct SortSpec {
  std::string_view value, label;
};
constexpr std::array<SortSpec, 4> kSorts{{
    {"relevance", "Phù hợp nhất"},
    {"date_desc", "Mới nhất"},
    {"date_asc", "Cũ nhất"},
    {"indexed_desc", "Mới cập nhật"},
}};

// "1234567" -> "1.234.567" (Vietnamese digit grouping).
std::string grouped(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  return out;
}

// "12,5 ms" (Vietnamese decimal comma).
std::string milliseconds(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", ms);
  std::string s = buf;
  for (char& c : s)
    if (c == '.') c = ',';
  return s + " ms";
}

// The parameters of the page minus `page` and empty values: what every link keeps.
Params kept_params(const Params& params) {
  Params kept;
  for (const auto& [k, v] : params)
    if (k != "page" && !v.empty()) kept.emplace_back(k, v);
  return kept;
}

// /search?<kept params with `name` replaced by `value` (dropped when empty)>.
std::string search_url(const Params& kept, std::string_view name, const std::string& value) {
  std::string url = "/search?";
  bool first = true;
  auto add = [&](std::string_view k, const std::string& v) {
    if (!first) url += '&';
    first = false;
    url += url_encode(k) + '=' + url_encode(v);
  };
  for (const auto& [k, v] : kept)
    if (k != name) add(k, v);
  if (!value.empty()) add(name, value);
  return url;
}

Result<std::size_t> page_number(const Params& params) {
  const std::string text = param(params, "page").value_or("1");
  std::size_t page = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), page);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || page < 1 || page > 1000)
    return Error{Status::BadRequest, "page must be an integer from 1 to 1000"};
  return page;
}

data snippet_data(const Hit& hit, const Snippet& s) {
  data d;
  d.set("snippet_html", highlight_html(s.text, s.highlights));
  d.set("snippet_url", "/doc/" + url_encode(hit.id) + "?hl=" + std::to_string(s.offset) + "-" +
                           std::to_string(s.length) + "#p-" + std::to_string(s.offset));
  d.set("section",
        s.section ? data(s.section->number + (s.section->title.empty() ? "" : ". " + s.section->title)) : data(false));
  // A passage of a PDF opens the original at its page (browsers' PDF viewers read #page=N).
  d.set("page", s.page > 0 && hit.has_original ? data(std::to_string(s.page)) : data(false));
  d.set("page_url", original_url(hit.id) + "#page=" + std::to_string(s.page));
  return d;
}

data hit_data(const Hit& hit) {
  data d;
  d.set("hit_url", "/doc/" + url_encode(hit.id));
  d.set("hit_title", hit.title.value_or(hit.doc_number.value_or(hit.id)));
  d.set("hit_number", optional_data(hit.doc_number));
  d.set("hit_type", optional_data(hit.doc_type));
  d.set("hit_issuer", optional_data(hit.issuer));
  d.set("hit_date", hit.issue_date ? data(vietnamese_date(*hit.issue_date)) : data(false));
  // Undated documents (no heading block) still say when the meeting or inspection they report took place.
  d.set("hit_event_date", !hit.issue_date && hit.event_date ? data(vietnamese_date(*hit.event_date)) : data(false));
  // The status badge, where the index knows it ("Chưa rõ" says nothing worth a badge).
  const auto status = hit.validity ? schema::parse_validity(*hit.validity) : std::nullopt;
  const bool badge = status && *status != schema::Validity::Unknown;
  d.set("hit_status", badge ? data(std::string(schema::validity_label(*status))) : data(false));
  d.set("hit_status_code", hit.validity.value_or(""));
  d.set("snippets", list_data(hit.snippets, [&](const Snippet& s) { return snippet_data(hit, s); }));
  d.set("has_copies", !hit.copies.empty());
  d.set("copies", list_data(hit.copies, [](const std::string& id) {
          data c;
          c.set("copy_url", "/doc/" + url_encode(id));
          c.set("copy_id", id);
          return c;
        }));
  return d;
}

data facet_value_data(const schema::FacetSpec& spec, const FacetValue& v, std::size_t i) {
  data d;
  d.set("value", v.value);
  d.set("count", grouped(v.count));
  d.set("checked", v.selected);
  d.set("input_id", std::string(spec.param) + "-" + std::to_string(i));
  return d;
}

data facets_data(const Facets& facets, bool staff) {
  data list{data::type::list};
  for (const schema::FacetSpec& spec : schema::kFacets) {
    if (spec.label.empty() || (spec.staff_only && !staff)) continue;
    const auto it = facets.find(std::string(spec.name));
    if (it == facets.end() || it->second.empty()) continue;
    const std::vector<FacetValue>& values = it->second;
    const std::vector<bool> top = top_facet_values(values, kFacetTopValues);
    data shown{data::type::list}, more{data::type::list};
    std::size_t selected = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
      (top[i] ? shown : more).push_back(facet_value_data(spec, values[i], i));
      selected += values[i].selected ? 1 : 0;
    }
    const std::size_t more_count = values.size() - static_cast<std::size_t>(std::count(top.begin(), top.end(), true));
    data f;
    f.set("facet_param", std::string(spec.param));
    f.set("facet_label", std::string(spec.label));
    f.set("values", shown);
    f.set("more_values", more);
    f.set("has_more", more_count > 0);
    f.set("more_count", std::to_string(more_count));
    f.set("selected_count", selected > 0 ? data(std::to_string(selected)) : data(false));
    list.push_back(f);
  }
  return list;
}

// The query string of `kept` ("q=ubnd&year=2025"): the search a feed follows.
std::string query_of(const Params& kept) {
  const std::string url = search_url(kept, "", "");
  return url.substr(url.find('?') + 1);
}

// Text for XML 1.0: escaped, without the control characters XML forbids (a PDF's form feed).
std::string xml_text(std::string_view text) {
  std::string kept;
  for (const char ch : text)
    if (static_cast<unsigned char>(ch) >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r') kept.push_back(ch);
  return html_escape(kept);
}

constexpr std::size_t kFeedEntries = 20;

// Pages of results the portal offers (at most 1,000, as page_number allows).
std::size_t page_count(std::size_t total) {
  return std::min<std::size_t>((total + kPageSize - 1) / kPageSize, 1000);
}

data pagination_data(const Params& kept, std::size_t page, std::size_t total) {
  const std::size_t pages = page_count(total);
  data d;
  d.set("has_pages", pages > 1);
  d.set("prev_url", page > 1 ? data(search_url(kept, "page", std::to_string(page - 1))) : data(false));
  d.set("next_url", page < pages ? data(search_url(kept, "page", std::to_string(page + 1))) : data(false));
  const std::size_t first = page > 3 ? page - 3 : 1, last = std::min(pages, page + 3);
  data numbers{data::type::list};
  for (std::size_t n = first; n <= last && pages > 1; ++n) {
    data item;
    item.set("number", std::to_string(n));
    item.set("page_url", search_url(kept, "page", std::to_string(n)));
    item.set("current", n == page);
    numbers.push_back(item);
  }
  d.set("numbers", numbers);
  return d;
}

// The form's own values (q, dates, sort) as the visitor left them.
// A date the visitor typed, shown back as dd/mm/yyyy when it is one (2025-08-04 -> 04/08/2025).
std::string date_shown(const Params& params, const char* name) {
  const std::string typed = param(params, name).value_or("");
  const auto iso = parse_vietnamese_date(typed);
  return iso ? vietnamese_date(*iso) : typed;
}

void form_data(data& d, const Params& params) {
  d.set("q", param(params, "q").value_or(""));
  d.set("from", date_shown(params, "from"));
  d.set("to", date_shown(params, "to"));
  d.set("as_of", date_shown(params, "as_of"));
  d.set("date_pattern", std::string(kDatePattern));
  const std::string sort = param(params, "sort").value_or("relevance");
  d.set("sorts", list_data(kSorts, [&](const SortSpec& s) {
          data o;
          o.set("sort_value", std::string(s.value));
          o.set("sort_label", std::string(s.label));
          o.set("sort_selected", s.value == sort);
          return o;
        }));
}

}  // namespace

std::vector<bool> top_facet_values(const std::vector<FacetValue>& values, std::size_t k) {
  std::vector<std::size_t> order(values.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  // Most documents first; a tie keeps the facet's own order (value order for years and months).
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a].count > values[b].count; });
  std::vector<bool> top(values.size(), false);
  for (std::size_t i = 0; i < order.size() && i < k; ++i) top[order[i]] = true;
  for (std::size_t i = 0; i < values.size(); ++i) top[i] = top[i] || values[i].selected;
  // Hiding one value behind "Xem thêm" saves nothing: show it.
  if (std::count(top.begin(), top.end(), false) == 1) top.assign(values.size(), true);
  return top;
}

data optional_data(const std::optional<std::string>& value) {
  return value ? data(*value) : data(false);
}

Result<Page> search_page(const Params& params, SearcherPool& pool, const Config& config,
                         const schema::Audience& audience) {
  auto page = page_number(params);
  if (!page) return page.error();
  Params forwarded;
  for (const auto& [k, v] : params)
    if (k != "page" && !(schema::facet_by_param(k) && v.empty())) forwarded.emplace_back(k, v);
  const Params kept = kept_params(params);
  Page out{"search", data()};
  data& d = out.data;
  form_data(d, params);
  d.set("title", "Tra cứu văn bản");
  d.set("searched", !kept.empty());
  if (kept.empty()) return out;  // the home page: the form alone
  d.set("feed_url", "/feed?" + query_of(kept));
  forwarded.emplace_back("limit", std::to_string(kPageSize));
  forwarded.emplace_back("offset", std::to_string((*page - 1) * kPageSize));
  auto response = run_search(forwarded, pool, config, audience);
  if (!response) return response.error();
  const SearchResponse& r = *response;
  const std::string q = param(params, "q").value_or("");
  d.set("title", (q.empty() ? std::string("Duyệt văn bản") : q) + " – Tra cứu văn bản");
  d.set("total", grouped(r.total));
  d.set("approximate", !r.exact);  // counts extrapolated from a sample of a broad result set
  d.set("took", milliseconds(r.took_ms));
  d.set("has_results", !r.hits.empty());
  d.set("first_rank", grouped(r.hits.empty() ? 0 : r.hits.front().rank));
  d.set("last_rank", grouped(r.hits.empty() ? 0 : r.hits.back().rank));
  d.set("hits", list_data(r.hits, hit_data));
  d.set("facets", facets_data(r.facets, audience.staff));
  const bool day_asked = !param(params, "as_of").value_or("").empty();
  d.set("as_of_note", day_asked ? data(vietnamese_date(r.validity_as_of)) : data(false));
  std::size_t selected_filters = 0;  // facet values and date bounds: what the phone's closed panel mentions
  for (const auto& [k, v] : kept)
    selected_filters += schema::facet_by_param(k) || k == "from" || k == "to" || k == "as_of" ? 1 : 0;
  d.set("selected_filters", selected_filters > 0 ? data(std::to_string(selected_filters)) : data(false));
  d.set("did_you_mean", r.did_you_mean ? data(*r.did_you_mean) : data(false));
  d.set("did_you_mean_url", r.did_you_mean ? search_url(kept, "q", *r.did_you_mean) : std::string());
  d.set("relaxed", r.info.relaxed);
  d.set("pagination", pagination_data(kept, *page, r.total));
  // A page past the last one (an old link, a hand-edited URL) says so, not "no results".
  const std::size_t pages = page_count(r.total);
  d.set("past_end", r.hits.empty() && r.total > 0 && *page > pages);
  d.set("page_number", grouped(*page));
  d.set("last_page", grouped(pages));
  d.set("last_page_url", search_url(kept, "page", std::to_string(pages)));
  return out;
}

Result<std::string> search_feed(const Params& params, SearcherPool& pool, const Config& config,
                                const schema::Audience& audience) {
  Params kept;
  for (const auto& [k, v] : kept_params(params))
    if (k != "sort" && k != "limit" && k != "offset") kept.emplace_back(k, v);
  Params forwarded = kept;
  forwarded.emplace_back("sort", "indexed_desc");
  forwarded.emplace_back("limit", std::to_string(kFeedEntries));
  auto response = run_search(forwarded, pool, config, audience);
  if (!response) return response.error();
  const std::string query = query_of(kept);
  const std::string q = param(params, "q").value_or("");
  std::string entries, updated;
  for (const Hit& hit : response->hits) {
    // Newest to the index first; <published> is the issue date (a day in Vietnam) when there is one.
    const std::string issued = hit.issue_date ? *hit.issue_date + "T00:00:00+07:00" : std::string();
    const std::string when = hit.indexed_at.value_or(issued.empty() ? std::string("1970-01-01T00:00:00Z") : issued);
    if (updated.empty()) updated = when;
    const std::string title = hit.title.value_or(hit.doc_number.value_or(hit.id));
    entries += "<entry>\n<title>" + xml_text(hit.doc_number && hit.title ? *hit.doc_number + ": " + title : title) +
               "</title>\n<id>urn:tracuu:doc:" + url_encode(hit.id) + "</id>\n<updated>" + when + "</updated>\n" +
               (issued.empty() ? "" : "<published>" + issued + "</published>\n") +
               "<link rel=\"alternate\" type=\"text/html\" href=\"/doc/" + url_encode(hit.id) + "\"/>\n";
    if (hit.issuer) entries += "<author><name>" + xml_text(*hit.issuer) + "</name></author>\n";
    if (!hit.snippets.empty()) entries += "<summary>" + xml_text(hit.snippets.front().text) + "</summary>\n";
    entries += "</entry>\n";
  }
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n"
         "<title>" +
         xml_text("Tra cứu văn bản: " + (q.empty() ? std::string("văn bản mới") : q)) +
         "</title>\n<id>urn:tracuu:feed:" + xml_text(query) + "</id>\n<updated>" +
         (updated.empty() ? std::string("1970-01-01T00:00:00Z") : updated) +
         "</updated>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"" + xml_text("/feed?" + query) +
         "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"" +
         xml_text(search_url(kept, "sort", "indexed_desc")) + "\"/>\n<author><name>Tra cứu văn bản</name></author>\n" +
         entries + "</feed>\n";
}

}  // namespace tracuu::searchd::server
