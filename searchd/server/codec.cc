#include "searchd/server/codec.h"

#include <algorithm>
#include <charconv>

#include "schema/facets.h"
#include "schema/record_json.h"
#include "searchd/server/html.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace tracuu::searchd::server {
namespace {

using ojson = nlohmann::ordered_json;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes one component ('+' is a space in query strings only); false on a malformed escape.
bool percent_decode(std::string_view in, std::string& out, bool plus_is_space = true) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (in[i] == '%') {
      if (i + 2 >= in.size()) return false;  // truncated escape
      const int hi = hex_value(in[i + 1]), lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return true;
}

ojson opt(const std::optional<std::string>& v) {
  return v ? ojson(*v) : ojson(nullptr);
}

Result<std::size_t> parse_count(const std::string& name, const std::string& v, std::size_t max) {
  std::size_t n = 0;
  const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || ptr != v.data() + v.size() || v.empty())
    return Error{Status::BadRequest, name + " must be a non-negative integer"};
  if (n > max) return Error{Status::BadRequest, name + " must be at most " + std::to_string(max)};
  return n;
}

ojson citing_json(const CitingDoc& c) {
  return ojson{{"id", c.id},
               {"title", opt(c.title)},
               {"doc_type", opt(c.doc_type)},
               {"doc_number", opt(c.doc_number)},
               {"issue_date", opt(c.issue_date)},
               {"context", c.context}};
}

ojson incoming_json(const std::vector<IncomingRelation>& relations) {
  ojson out = ojson::array();
  for (const auto& r : relations)
    out.push_back(ojson{{"type", r.type},
                        {"scope", opt(r.scope)},
                        {"effective_date", opt(r.effective_date)},
                        {"from_id", r.from_id},
                        {"from_number", opt(r.from_number)},
                        {"from_title", opt(r.from_title)},
                        {"from_date", opt(r.from_date)},
                        {"by", opt(r.by)},
                        {"context", r.context}});
  return out;
}

ojson validity_json(const ValidityView& v) {
  ojson timeline = ojson::array();
  const auto or_null = [](const std::string& s) { return s.empty() ? ojson(nullptr) : ojson(s); };
  for (const auto& e : v.timeline)
    timeline.push_back(ojson{{"date", opt(e.date)},
                             {"kind", e.kind},
                             {"scope", opt(e.scope)},
                             {"by_id", or_null(e.by_id)},
                             {"by_number", or_null(e.by_number)},
                             {"reported_by", or_null(e.reported_by)},
                             {"source", e.source}});
  return ojson{{"as_of", v.as_of},
               {"status", v.status},
               {"label", v.label},
               {"in_force_from", opt(v.in_force_from)},
               {"ended_from", opt(v.ended_from)},
               {"partly_ended_from", opt(v.partly_ended_from)},
               {"conflicts", v.conflicts},
               {"timeline", timeline}};
}

}  // namespace

Result<Params> decode_query_string(std::string_view qs) {
  Params params;
  std::size_t start = 0;
  while (start <= qs.size()) {
    std::size_t end = qs.find('&', start);
    if (end == std::string_view::npos) end = qs.size();
    const std::string_view pair = qs.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) {
      if (end == qs.size()) break;
      continue;
    }
    const std::size_t eq = pair.find('=');
    std::string name, value;
    if (!percent_decode(pair.substr(0, eq), name))
      return Error{Status::BadRequest, "malformed percent-escape in a parameter name"};
    if (!percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), value))
      return Error{Status::BadRequest, name + ": malformed percent-escape"};
    if (!text::is_valid_utf8(name) || !text::is_valid_utf8(value))
      return Error{Status::BadRequest, name + ": not valid UTF-8"};
    params.emplace_back(std::move(name), text::normalize(value));
    if (end == qs.size()) break;
  }
  return params;
}

Result<std::string> decode_path_segment(std::string_view segment) {
  std::string out;
  if (!percent_decode(segment, out, false)) return Error{Status::BadRequest, "malformed percent-escape in the path"};
  if (!text::is_valid_utf8(out)) return Error{Status::BadRequest, "the path is not valid UTF-8"};
  return text::normalize(out);
}

std::optional<std::string> param(const Params& params, std::string_view name) {
  for (const auto& [k, v] : params)
    if (k == name) return v;
  return std::nullopt;
}

Result<SearchRequest> search_request_from_params(const Params& params) {
  SearchRequest r;
  std::vector<std::string> seen_single;
  for (const auto& [k, v] : params) {
    // Facet parameters repeat (values OR together); every other parameter is given once.
    if (const schema::FacetSpec* facet = schema::facet_by_param(k)) {
      r.filter(facet->facet).push_back(v);
      continue;
    }
    if (std::find(seen_single.begin(), seen_single.end(), k) != seen_single.end())
      return Error{Status::BadRequest, k + " must not be repeated"};
    seen_single.push_back(k);
    if (k == "q") {
      if (v.size() > kMaxQueryBytes)
        return Error{Status::TooLarge, "q is longer than " + std::to_string(kMaxQueryBytes) + " bytes"};
      r.query = v;
    } else if (k == "from") {
      if (!v.empty()) r.from = v;
    } else if (k == "to") {
      if (!v.empty()) r.to = v;
    } else if (k == "as_of") {
      if (!v.empty()) r.as_of = v;
    } else if (k == "sort") {
      if (v == "relevance" || v.empty())
        r.sort = SortOrder::Relevance;
      else if (v == "date_desc")
        r.sort = SortOrder::DateDesc;
      else if (v == "date_asc")
        r.sort = SortOrder::DateAsc;
      else if (v == "indexed_desc")
        r.sort = SortOrder::IndexedDesc;
      else
        return Error{Status::BadRequest, "sort must be relevance, date_desc, date_asc or indexed_desc"};
    } else if (k == "op") {
      if (v == "auto" || v.empty())
        r.op = DefaultOperator::Auto;
      else if (v == "and")
        r.op = DefaultOperator::And;
      else if (v == "or")
        r.op = DefaultOperator::Or;
      else
        return Error{Status::BadRequest, "op must be auto, and or or"};
    } else if (k == "limit") {
      auto n = parse_count(k, v, kMaxLimit);
      if (!n) return n.error();
      r.limit = *n;
    } else if (k == "offset") {
      auto n = parse_count(k, v, 1000000);
      if (!n) return n.error();
      r.offset = *n;
    } else if (k == "snippets") {
      auto n = parse_count(k, v, kMaxSnippets);
      if (!n) return n.error();
      r.snippets = *n;
    } else if (k == "facets") {
      if (v == "1" || v == "true")
        r.facets = true;
      else if (v == "0" || v == "false")
        r.facets = false;
      else
        return Error{Status::BadRequest, "facets must be 0 or 1"};
    } else {
      return Error{Status::BadRequest, "unknown parameter '" + k + "'"};
    }
  }
  return r;
}

std::string original_url(std::string_view id) {
  return "/api/v1/documents/" + url_encode(id) + "/original";
}

ojson to_json(const Hit& h) {
  ojson j{{"id", h.id},
          {"title", opt(h.title)},
          {"doc_type", opt(h.doc_type)},
          {"doc_number", opt(h.doc_number)},
          {"issuer", opt(h.issuer)},
          {"issue_date", opt(h.issue_date)},
          {"event_date", opt(h.event_date)},
          {"signer", opt(h.signer)},
          {"score", h.score},
          {"rank", h.rank},
          {"copies", h.copies},
          {"validity", opt(h.validity)},
          {"original", h.has_original ? ojson(original_url(h.id)) : ojson(nullptr)},
          {"indexed_at", opt(h.indexed_at)},
          {"snippets", ojson::array()}};
  for (const auto& s : h.snippets) {
    ojson hl = ojson::array();
    for (const auto& x : s.highlights) hl.push_back(ojson::array({x.begin, x.end}));
    ojson section =
        s.section ? ojson{{"number", s.section->number}, {"title", s.section->title}, {"anchor", s.section->anchor}}
                  : ojson(nullptr);
    j["snippets"].push_back(ojson{{"text", s.text},
                                  {"highlights", hl},
                                  {"section", section},
                                  {"anchor", s.anchor},
                                  {"offset", s.offset},
                                  {"length", s.length},
                                  {"page", s.page > 0 ? ojson(s.page) : ojson(nullptr)}});
  }
  return j;
}

ojson to_json(const SearchResponse& r) {
  ojson j{{"total", r.total},       {"exact", r.exact},          {"took_ms", r.took_ms},
          {"hits", ojson::array()}, {"facets", ojson::object()}, {"did_you_mean", opt(r.did_you_mean)}};
  for (const auto& h : r.hits) j["hits"].push_back(to_json(h));
  for (const auto& [name, values] : r.facets) {
    ojson list = ojson::array();
    for (const auto& v : values)
      list.push_back(ojson{{"value", v.value}, {"count", v.count}, {"selected", v.selected}});
    j["facets"][name] = list;
  }
  j["query"] = ojson{{"doc_numbers", r.info.doc_numbers}, {"relaxed", r.info.relaxed}};
  j["validity_as_of"] = r.validity_as_of;
  mark_partial(j, r.missing_shards);
  return j;
}

void mark_partial(ojson& answer, const std::vector<std::string>& missing_shards) {
  if (missing_shards.empty()) return;
  answer["partial"] = true;
  answer["missing_shards"] = missing_shards;
}

ojson to_json(const DocumentView& v) {
  ojson j = schema::record_to_json(v.record, true);
  for (std::size_t i = 0; i < v.citation_targets.size() && i < j["citations"].size(); ++i)
    j["citations"][i]["document_id"] = opt(v.citation_targets[i]);
  j["cited_by"] = ojson::array();
  for (const auto& c : v.cited_by) j["cited_by"].push_back(citing_json(c));
  j["relations_in"] = incoming_json(v.relations_in);
  j["validity"] = validity_json(v.validity);
  j["original"] = v.record.original ? ojson(original_url(v.record.id)) : ojson(nullptr);  // not the stored name
  return j;
}

ojson relations_json(const DocumentView& v) {
  const schema::DocRecord& r = v.record;
  ojson out = ojson::array();
  for (std::size_t i = 0; i < r.citations.size(); ++i) {
    const auto& c = r.citations[i];
    const auto target = i < v.citation_targets.size() ? v.citation_targets[i] : std::nullopt;
    for (const auto& rel : c.relations) {
      if (rel.type == "mentions") continue;
      out.push_back(ojson{{"type", rel.type},
                          {"scope", opt(rel.scope)},
                          {"effective_date", opt(rel.effective_date)},
                          {"number", c.number},
                          {"key", c.key},
                          {"doc_type", opt(c.doc_type)},
                          {"issuer", opt(c.issuer)},
                          {"date", opt(c.date)},
                          {"document_id", opt(target)},
                          {"by", opt(rel.by)},
                          {"context", c.context}});
    }
  }
  return ojson{{"id", r.id},
               {"doc_number", opt(r.doc_number)},
               {"title", opt(r.title)},
               {"issue_date", opt(r.issue_date)},
               {"validity", validity_json(v.validity)},
               {"outgoing", out},
               {"incoming", incoming_json(v.relations_in)}};
}

ojson to_json(const CitationView& v) {
  ojson j{{"number", v.display}, {"key", v.key}, {"document", v.document ? to_json(*v.document) : ojson(nullptr)}};
  j["stub"] = v.document ? ojson(nullptr)
                         : ojson{{"doc_type", opt(v.doc_type)}, {"issuer", opt(v.issuer)}, {"date", opt(v.date)}};
  j["others"] = ojson::array();
  for (const auto& h : v.others) j["others"].push_back(to_json(h));
  j["cited_by"] = ojson::array();
  for (const auto& c : v.cited_by) j["cited_by"].push_back(citing_json(c));
  j["relations_in"] = incoming_json(v.relations_in);
  j["validity"] = v.validity ? validity_json(*v.validity) : ojson(nullptr);
  return j;
}

ojson to_json(const std::vector<Suggestion>& suggestions) {
  ojson list = ojson::array();
  for (const auto& s : suggestions) list.push_back(ojson{{"text", s.text}, {"kind", s.kind}, {"id", opt(s.id)}});
  return ojson{{"suggestions", list}};
}

ojson to_json(const IndexInfo& i) {
  return ojson{{"documents", i.documents}, {"generation", i.generation}, {"last_commit", i.last_commit}};
}

ojson error_json(const Error& e) {
  return error_json(to_string(e.status), e.message);
}

ojson error_json(std::string_view code, std::string_view message) {
  return ojson{{"error", {{"code", code}, {"message", message}}}};
}

}  // namespace tracuu::searchd::server
