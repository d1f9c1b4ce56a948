// Extractor::extract: reflow, then each extractor, then given metadata, warnings and overrides.
#include <functional>

#include "indexer/ingest/extract_internal.h"
#include "indexer/ingest/ingest.h"
#include "indexer/ingest/reflow.h"
#include "indexer/ingest/scan.h"
#include "schema/record_json.h"
#include "text/docnum.h"
#include "text/docnum_parse.h"

namespace tracuu::indexer {
namespace {

using namespace extract_detail;

// A string the source gives: "meta" object first (vn-legal), then top-level fields.
std::optional<std::string> given_string(const nlohmann::json& given, std::initializer_list<const char*> keys) {
  if (!given.is_object()) return std::nullopt;
  const auto meta = given.find("meta");
  for (const nlohmann::json* obj : {meta != given.end() && meta->is_object() ? &*meta : nullptr, &given}) {
    if (!obj) continue;
    for (const char* k : keys) {
      const auto it = obj->find(k);
      if (it == obj->end()) continue;
      if (it->is_string() && !it->get<std::string>().empty()) return scan::collapse_spaces(it->get<std::string>());
      if (it->is_array() && !it->empty() && it->front().is_string()) return it->front().get<std::string>();
    }
  }
  return std::nullopt;
}

// Fills what the text did not yield from the source's own metadata.
// The "visibility" a JSONL record gives, at the top level or in its "meta" object.
const nlohmann::json* given_visibility(const nlohmann::json& given) {
  if (!given.is_object()) return nullptr;
  if (const auto it = given.find("visibility"); it != given.end()) return &*it;
  const auto meta = given.find("meta");
  if (meta == given.end() || !meta->is_object()) return nullptr;
  const auto it = meta->find("visibility");
  return it == meta->end() ? nullptr : &*it;
}

// A date the source metadata gives under one of `keys`, ISO.
std::optional<std::string> given_date(const nlohmann::json& g, std::initializer_list<const char*> keys) {
  const auto s = given_string(g, keys);
  const auto d = s ? scan::match_date(*s, 0) : std::nullopt;
  return d ? std::optional<std::string>(d->date.iso()) : std::nullopt;
}

constexpr std::initializer_list<const char*> kGivenIssueDate = {"ngay_ban_hanh", "issue_date"};
constexpr std::initializer_list<const char*> kGivenEffectiveDate = {"ngay_hieu_luc", "effective_date"};

void fill_from_given(const RawDoc& raw, const Tables& tables, schema::DocRecord& r) {
  const nlohmann::json& g = raw.given;
  auto note = [&](const char* field) {
    r.warnings.push_back(std::string(field) + " taken from the source metadata");
    r.field_sources[field] = "given";
  };
  auto date = [&](std::initializer_list<const char*> keys) { return given_date(g, keys); };
  if (!r.doc_number)
    if (auto s = given_string(g, {"so_hieu", "doc_number", "number"})) {
      const auto dn = text::parse_doc_number(*s, tables.abbreviations);
      r.doc_number = dn ? dn->display : scan::collapse_spaces(*s);
      if (dn) r.doc_number_key = dn->key;
      note("doc_number");
    }
  if (!r.doc_type)
    if (auto s = given_string(g, {"loai_van_ban", "doc_type", "type"}); s && (r.doc_type = leading_doc_type(*s)))
      note("doc_type");
  if (!r.issuer)
    if (auto s = given_string(g, {"co_quan_ban_hanh", "issuer"})) {
      r.issuer = tables.issuers.canonical_or_self(s->substr(0, s->find(" (")));
      note("issuer");
    }
  if (!r.signer.name)
    if (auto s = given_string(g, {"nguoi_ky", "signer"}); s && (r.signer.name = person_name(*s))) note("signer.name");
  if (!r.issue_date && (r.issue_date = date(kGivenIssueDate))) note("issue_date");
  if (!r.effective_date && (r.effective_date = date(kGivenEffectiveDate))) note("effective_date");
  if (!r.expiry_date && (r.expiry_date = date({"ngay_het_hieu_luc", "expiry_date"}))) note("expiry_date");
  if (!r.stated_status && (r.stated_status = given_string(g, {"tinh_trang_hieu_luc", "hieu_luc", "status"})))
    note("stated_status");
  if (!r.title) {
    auto s = given_string(g, {"trich_yeu", "title"});
    if (!s && raw.title) s = scan::collapse_spaces(*raw.title);
    if (s) r.title = *s, note("title");
  }
}

// One field of the metadata table: it fills the record when the text gave nothing, and a
// different reading is reported (the text is kept: it is the document itself).
void merge_field(schema::DocRecord& r, const char* name, std::optional<std::string>& field,
                 const std::optional<std::string>& table, const std::function<std::string(const std::string&)>& key) {
  if (!table) return;
  if (!field) {
    field = table;
    r.field_sources[name] = "table";
  } else if (key && key(*field) != key(*table)) {
    r.warnings.push_back(std::string(name) + ": the text says '" + *field + "', the metadata table '" + *table + "'");
  }
}

void merge_table(const MetaTable& t, const Tables& tables, schema::DocRecord& r) {
  const auto same = [](const std::string& s) { return s; };
  if (t.doc_number_key && !r.doc_number_key) {
    r.doc_number = t.doc_number, r.doc_number_key = t.doc_number_key;
    r.field_sources["doc_number"] = "table";
  } else if (t.doc_number_key && *t.doc_number_key != *r.doc_number_key) {
    r.warnings.push_back("doc_number: the text says '" + r.doc_number.value_or(*r.doc_number_key) +
                         "', the metadata table '" + *t.doc_number + "'");
  }
  merge_field(r, "doc_type", r.doc_type, t.doc_type, [](const std::string& s) { return schema::slug(s); });
  merge_field(r, "title", r.title, t.title, nullptr);
  merge_field(r, "issuer", r.issuer, t.issuer, [&](const std::string& s) { return tables.issuers.key(s); });
  merge_field(r, "place", r.place, t.place, nullptr);
  merge_field(r, "signer.name", r.signer.name, t.signer, [](const std::string& s) { return schema::clean_display(s); });
  merge_field(r, "issue_date", r.issue_date, t.issue_date, same);
  merge_field(r, "effective_date", r.effective_date, t.effective_date, same);
  merge_field(r, "expiry_date", r.expiry_date, t.expiry_date, same);
  merge_field(r, "stated_status", r.stated_status, t.status, nullptr);
}

// The metadata fields of a record and whether each has a value; `dated` adds the validity dates.
std::vector<std::pair<const char*, bool>> present_fields(const schema::DocRecord& r, bool dated) {
  std::vector<std::pair<const char*, bool>> fields = {{"doc_type", r.doc_type.has_value()},
                                                      {"doc_number", r.doc_number.has_value()},
                                                      {"title", r.title.has_value()},
                                                      {"issuer", r.issuer.has_value()},
                                                      {"place", r.place.has_value()},
                                                      {"issue_date", r.issue_date.has_value()},
                                                      {"event_date", r.event_date.has_value()},
                                                      {"signer.name", r.signer.name.has_value()},
                                                      {"signer.position", r.signer.position.has_value()}};
  if (dated) {
    fields.emplace_back("effective_date", r.effective_date.has_value());
    fields.emplace_back("expiry_date", r.expiry_date.has_value());
  }
  return fields;
}

// Every field read so far came from the document's own text.
void mark_text_sources(schema::DocRecord& r) {
  for (const auto& [name, found] : present_fields(r, true))
    if (found) r.field_sources.try_emplace(name, "text");
}

// Overridden fields come from the sidecar.
void mark_sidecar_sources(const nlohmann::json& overrides, schema::DocRecord& r) {
  if (!overrides.is_object()) return;
  for (const auto& [key, value] : overrides.items()) {
    if (key == "signer" && value.is_object()) {
      for (const auto& [sub, v] : value.items())
        if (v.is_null())
          r.field_sources.erase("signer." + sub);
        else
          r.field_sources["signer." + sub] = "sidecar";
    } else if (value.is_string()) {
      r.field_sources[key] = "sidecar";
    } else if (value.is_null()) {
      r.field_sources.erase(key);
    }
  }
}

// A number the table or the source metadata gave after the citations were read is the document's own.
void drop_self_citations(schema::DocRecord& r) {
  if (!r.doc_number_key) return;
  std::erase_if(r.citations, [&](const schema::Citation& c) { return c.key == *r.doc_number_key; });
}

RelationContext relation_context(const ReflowedText& doc, const MetaTable& table, bool read_table,
                                 const schema::DocRecord& r) {
  RelationContext c;
  if (table.begin != kNone) {
    c.table_begin = doc.blocks[table.begin].begin;
    c.table_end = table.end < doc.blocks.size() ? doc.blocks[table.end].begin : doc.text.size();
  }
  c.table = read_table;
  if (read_table) c.table_rows = table.relation_rows;
  c.own_type = r.doc_type;
  c.own_effective_date = r.effective_date;
  return c;
}

void warn_missing(schema::DocRecord& r) {
  for (const auto& [name, found] : present_fields(r, false))
    if (!found) r.warnings.push_back(std::string(name) + " not found");
  if (r.recipients.empty()) r.warnings.push_back("recipients not found");
}

// The type when no heading names it: from the number's type code, or a công văn (the number starts with a body code).
// The first day a task's deadline may fall on: a document sets tasks no earlier than it was written, on its meeting
// or issue date, or, undated (a pháp điển excerpt), after the latest document it cites (its date, else the year of
// its number). An earlier date in a task's sentence is history: "người hoạt động cách mạng trước ngày 01 tháng 01
// năm 1945".
std::optional<std::string> first_deadline_day(const schema::DocRecord& r) {
  if (r.event_date || r.issue_date) return std::min(r.event_date.value_or("9999"), r.issue_date.value_or("9999"));
  std::optional<std::string> latest;
  for (const schema::Citation& c : r.citations) {
    std::optional<std::string> day = c.date;
    if (!day)
      if (const auto p = text::pattern_of_key(c.key); p && !p->year.empty()) day = p->year + "-01-01";
    if (day && (!latest || *day > *latest)) latest = day;
  }
  return latest;
}

void type_from_number(const Header& h, const Tables& tables, schema::DocRecord& r) {
  if (r.doc_type || h.number_codes.empty()) return;
  r.doc_type = doc_type_of_code(h.number_codes.front(), tables.abbreviations);
  if (!r.doc_type && h.number_codes.size() >= 2) r.doc_type = "Công văn";
  if (r.doc_type)
    r.warnings.push_back("doc_type inferred from the document number"), r.field_sources["doc_type"] = "inferred";
}

}  // namespace

Extractor::Extractor(ExtractOptions options)
    : options_(options), issuers_(schema::IssuerRegistry::builtin()), abbreviations_(text::Abbreviations::builtin()) {}

Result<schema::DocRecord> Extractor::extract(const RawDoc& raw) const {
  schema::DocRecord r;
  r.id = raw.id;
  r.source = raw.source;
  r.content_hash = raw.content_hash;
  r.warnings = raw.notes;
  ReflowedText doc = reflow(raw.pages, raw.format == "docx");
  const Tables tables{issuers_, abbreviations_};
  const Header h = extract_header(doc, tables);
  const Closing closing = extract_closing(doc, h.first_item, tables);
  r.warnings.insert(r.warnings.end(), h.notes.begin(), h.notes.end());
  r.doc_type = h.doc_type;
  r.doc_number = h.doc_number;
  r.doc_number_key = h.doc_number_key;
  type_from_number(h, tables, r);
  r.title = h.title;
  r.place = h.place;
  r.issue_date = h.issue_date;
  r.event_date = h.event_date;
  r.issuer = resolve_issuer(h, closing, doc, tables, r.warnings);
  r.signer = closing.signer;
  r.recipients = closing.recipients;
  const std::size_t closing_byte = closing.begin == kNone ? doc.text.size() : doc.blocks[closing.begin].begin;
  // "có hiệu lực từ ngày ký" needs the issue date, which a web copy may give only in its metadata.
  const auto given = [&](std::initializer_list<const char*> keys) {
    return options_.use_given_metadata ? given_date(raw.given, keys) : std::nullopt;
  };
  const OwnValidity own =
      own_validity(doc, r.doc_type, r.issue_date ? r.issue_date : given(kGivenIssueDate), closing_byte);
  r.effective_date = own.effective_date;
  r.expiry_date = own.expiry_date;
  mark_text_sources(r);
  // The table is found even when it is not read: its rows then state no relation.
  const MetaTable table = extract_meta_table(doc, tables);
  if (options_.read_metadata_table) merge_table(table, tables, r);
  r.sections = extract_sections(doc, closing_byte);
  std::vector<Mention> mentions;
  r.citations = extract_citations(doc, tables, r.doc_number_key, mentions);
  RelationContext relations = relation_context(doc, table, options_.read_metadata_table, r);
  if (!relations.own_effective_date) relations.own_effective_date = given(kGivenEffectiveDate);
  type_citations(doc, mentions, r.citations, relations);
  r.assignments = extract_assignments(doc, r.sections, tables, closing_byte, first_deadline_day(r));
  if (options_.use_given_metadata) fill_from_given(raw, tables, r);
  if (!r.title && (r.title = opening_title(doc, r.sections, h.first_item))) {
    r.field_sources["title"] = "inferred";
    r.warnings.push_back("title derived from the opening (no heading block)");
  }
  r.text = std::move(doc.text);
  r.pages = std::move(doc.pages);
  drop_self_citations(r);
  // Who may see it is never guessed: a JSONL "visibility" (top level or in "meta") applies
  // whatever use_given_metadata says, and a malformed one fails the document.
  if (const nlohmann::json* v = given_visibility(raw.given)) {
    if (auto ok = schema::apply_overrides(r, nlohmann::json{{"visibility", *v}}); !ok)
      return Error{ok.error().status, "visibility: " + ok.error().message};
  }
  warn_missing(r);
  if (!raw.overrides.is_null()) {
    if (auto ok = schema::apply_overrides(r, raw.overrides); !ok)
      return Error{ok.error().status, "sidecar override: " + ok.error().message};
    mark_sidecar_sources(raw.overrides, r);
  }
  return r;
}

}  // namespace tracuu::indexer
