#include "schema/record_json.h"

namespace tracuu::schema {
namespace {

using ojson = nlohmann::ordered_json;

ojson opt(const std::optional<std::string>& v) {
  return v ? ojson(*v) : ojson(nullptr);
}
ojson span_json(const Span& s) {
  return ojson{{"begin", s.begin}, {"end", s.end}};
}

ojson relations_json(const std::vector<CitationRelation>& relations) {
  ojson out = ojson::array();
  for (const auto& r : relations)
    out.push_back(ojson{{"type", r.type},
                        {"scope", opt(r.scope)},
                        {"effective_date", opt(r.effective_date)},
                        {"by", opt(r.by)},
                        {"span", span_json(r.span)},
                        {"source", r.source}});
  return out;
}

// Reading helpers throw a message naming the field; record_from_json turns that into a Result.
struct FieldError {
  std::string field;
};

void read_opt(const nlohmann::json& j, const char* key, std::optional<std::string>& out) {
  if (!j.contains(key)) return;
  const auto& v = j.at(key);
  if (v.is_null())
    out.reset();
  else if (v.is_string())
    out = v.get<std::string>();
  else
    throw FieldError{key};
}

void read_str(const nlohmann::json& j, const char* key, std::string& out) {
  if (!j.contains(key)) return;
  const auto& v = j.at(key);
  if (!v.is_string()) throw FieldError{key};
  out = v.get<std::string>();
}

template <typename T>
void read_num(const nlohmann::json& j, const char* key, T& out) {
  if (!j.contains(key)) return;
  const auto& v = j.at(key);
  if (!v.is_number_integer() && !v.is_number_unsigned()) throw FieldError{key};
  out = v.get<T>();
}

Span read_span(const nlohmann::json& j, const char* key) {
  Span s;
  if (!j.contains(key)) return s;
  const auto& v = j.at(key);
  if (!v.is_object()) throw FieldError{key};
  read_num(v, "begin", s.begin);
  read_num(v, "end", s.end);
  return s;
}

template <typename T, typename F>
void read_array(const nlohmann::json& j, const char* key, std::vector<T>& out, F&& read_one) {
  if (!j.contains(key)) return;
  const auto& v = j.at(key);
  if (v.is_null()) {
    out.clear();
    return;
  }
  if (!v.is_array()) throw FieldError{key};
  out.clear();
  for (const auto& e : v) out.push_back(read_one(e));
}

// "public", "internal" or {"groups": ["so-tai-chinh", ...]}. Anything else fails the
// record: a document whose visibility cannot be read must never be indexed as public.
void read_visibility(const nlohmann::json& j, Visibility& out) {
  if (!j.contains("visibility")) return;
  const auto& v = j.at("visibility");
  if (v.is_string() && (v == "public" || v == "internal")) {
    out = *parse_visibility(v.get<std::string>());
    return;
  }
  if (!v.is_object() || v.size() != 1 || !v.contains("groups") || !v.at("groups").is_array())
    throw FieldError{"visibility"};
  std::vector<std::string> codes;
  for (const auto& g : v.at("groups")) {
    if (!g.is_string()) throw FieldError{"visibility"};
    codes.push_back(g.get<std::string>());
  }
  auto groups = groups_visibility(std::move(codes));
  if (!groups) throw FieldError{"visibility"};
  out = std::move(*groups);
}

void read_fields(DocRecord& r, const nlohmann::json& j) {
  if (!j.is_object()) throw FieldError{"(record)"};
  read_str(j, "id", r.id);
  read_opt(j, "doc_type", r.doc_type);
  read_opt(j, "doc_number", r.doc_number);
  read_opt(j, "doc_number_key", r.doc_number_key);
  read_opt(j, "title", r.title);
  read_opt(j, "issuer", r.issuer);
  read_opt(j, "place", r.place);
  read_opt(j, "issue_date", r.issue_date);
  read_opt(j, "event_date", r.event_date);
  read_opt(j, "effective_date", r.effective_date);
  read_opt(j, "expiry_date", r.expiry_date);
  read_opt(j, "stated_status", r.stated_status);
  if (j.contains("field_sources")) {
    const auto& v = j.at("field_sources");
    if (!v.is_object() && !v.is_null()) throw FieldError{"field_sources"};
    r.field_sources.clear();
    if (v.is_object())
      for (const auto& [field, source] : v.items()) {
        if (!source.is_string()) throw FieldError{"field_sources"};
        r.field_sources[field] = source.get<std::string>();
      }
  }
  if (j.contains("signer")) {
    const auto& s = j.at("signer");
    if (s.is_null()) {
      r.signer = Signer{};
    } else {
      if (!s.is_object()) throw FieldError{"signer"};
      read_opt(s, "name", r.signer.name);
      read_opt(s, "position", r.signer.position);
      read_opt(s, "on_behalf", r.signer.on_behalf);
    }
  }
  read_array(j, "recipients", r.recipients, [](const nlohmann::json& e) {
    if (!e.is_string()) throw FieldError{"recipients"};
    return e.get<std::string>();
  });
  read_array(j, "sections", r.sections, [](const nlohmann::json& e) {
    if (!e.is_object()) throw FieldError{"sections"};
    Section s;
    read_str(e, "number", s.number);
    read_str(e, "title", s.title);
    read_opt(e, "submitted_by", s.submitted_by);
    read_num(e, "level", s.level);
    read_str(e, "anchor", s.anchor);
    s.heading = read_span(e, "heading");
    s.body = read_span(e, "body");
    return s;
  });
  read_array(j, "citations", r.citations, [](const nlohmann::json& e) {
    if (!e.is_object()) throw FieldError{"citations"};
    Citation c;
    read_str(e, "number", c.number);
    read_str(e, "key", c.key);
    read_opt(e, "doc_type", c.doc_type);
    read_opt(e, "issuer", c.issuer);
    read_opt(e, "date", c.date);
    c.span = read_span(e, "span");
    read_str(e, "context", c.context);
    read_str(e, "relation", c.relation);
    read_array(e, "relations", c.relations, [](const nlohmann::json& x) {
      if (!x.is_object()) throw FieldError{"relations"};
      CitationRelation r;
      read_str(x, "type", r.type);
      read_opt(x, "scope", r.scope);
      read_opt(x, "effective_date", r.effective_date);
      read_opt(x, "by", r.by);
      r.span = read_span(x, "span");
      read_str(x, "source", r.source);
      return r;
    });
    return c;
  });
  read_array(j, "assignments", r.assignments, [](const nlohmann::json& e) {
    if (!e.is_object()) throw FieldError{"assignments"};
    Assignment a;
    read_str(e, "assignee", a.assignee);
    read_opt(e, "deadline", a.deadline);
    read_opt(e, "section", a.section);
    a.span = read_span(e, "span");
    read_str(e, "text", a.text);
    return a;
  });
  read_array(j, "warnings", r.warnings, [](const nlohmann::json& e) {
    if (!e.is_string()) throw FieldError{"warnings"};
    return e.get<std::string>();
  });
  read_str(j, "text", r.text);
  read_array(j, "pages", r.pages, [](const nlohmann::json& e) {
    if (!e.is_object()) throw FieldError{"pages"};
    PageStart p;
    read_num(e, "page", p.page);
    read_num(e, "offset", p.offset);
    return p;
  });
  read_visibility(j, r.visibility);
  read_str(j, "source", r.source);
  read_str(j, "content_hash", r.content_hash);
  read_opt(j, "original", r.original);
}

}  // namespace

nlohmann::ordered_json record_to_json(const DocRecord& r, bool include_text) {
  ojson j;
  j["id"] = r.id;
  j["doc_type"] = opt(r.doc_type);
  j["doc_number"] = opt(r.doc_number);
  j["doc_number_key"] = opt(r.doc_number_key);
  j["title"] = opt(r.title);
  j["issuer"] = opt(r.issuer);
  j["place"] = opt(r.place);
  j["issue_date"] = opt(r.issue_date);
  j["event_date"] = opt(r.event_date);
  j["effective_date"] = opt(r.effective_date);
  j["expiry_date"] = opt(r.expiry_date);
  j["stated_status"] = opt(r.stated_status);
  j["signer"] =
      ojson{{"name", opt(r.signer.name)}, {"position", opt(r.signer.position)}, {"on_behalf", opt(r.signer.on_behalf)}};
  j["field_sources"] = r.field_sources;
  j["recipients"] = r.recipients;
  j["sections"] = ojson::array();
  for (const auto& s : r.sections)
    j["sections"].push_back(ojson{{"number", s.number},
                                  {"title", s.title},
                                  {"submitted_by", opt(s.submitted_by)},
                                  {"level", s.level},
                                  {"anchor", s.anchor},
                                  {"heading", span_json(s.heading)},
                                  {"body", span_json(s.body)}});
  j["citations"] = ojson::array();
  for (const auto& c : r.citations)
    j["citations"].push_back(ojson{{"number", c.number},
                                   {"key", c.key},
                                   {"doc_type", opt(c.doc_type)},
                                   {"issuer", opt(c.issuer)},
                                   {"date", opt(c.date)},
                                   {"span", span_json(c.span)},
                                   {"context", c.context},
                                   {"relation", c.relation},
                                   {"relations", relations_json(c.relations)}});
  j["assignments"] = ojson::array();
  for (const auto& a : r.assignments)
    j["assignments"].push_back(ojson{{"assignee", a.assignee},
                                     {"deadline", opt(a.deadline)},
                                     {"section", opt(a.section)},
                                     {"span", span_json(a.span)},
                                     {"text", a.text}});
  j["warnings"] = r.warnings;
  j["visibility"] = r.visibility.kind == Visibility::Kind::Groups ? ojson{{"groups", r.visibility.groups}}
                                                                  : ojson(to_string(r.visibility));
  j["source"] = r.source;
  j["content_hash"] = r.content_hash;
  j["original"] = opt(r.original);
  if (include_text) {
    j["text"] = r.text;
    j["pages"] = ojson::array();
    for (const auto& p : r.pages) j["pages"].push_back(ojson{{"page", p.page}, {"offset", p.offset}});
  }
  return j;
}

Result<DocRecord> record_from_json(const nlohmann::json& j) {
  DocRecord r;
  try {
    read_fields(r, j);
  } catch (const FieldError& e) {
    return Error{Status::BadRequest, "field '" + e.field + "' has the wrong type or value"};
  } catch (const nlohmann::json::exception& e) {
    return Error{Status::BadRequest, std::string("malformed record: ") + e.what()};
  }
  return r;
}

Result<void> apply_overrides(DocRecord& record, const nlohmann::json& overrides) {
  DocRecord copy = record;
  try {
    read_fields(copy, overrides);
  } catch (const FieldError& e) {
    return Error{Status::BadRequest, "field '" + e.field + "' has the wrong type or value"};
  } catch (const nlohmann::json::exception& e) {
    return Error{Status::BadRequest, std::string("malformed override: ") + e.what()};
  }
  record = std::move(copy);
  return {};
}

}  // namespace tracuu::schema
