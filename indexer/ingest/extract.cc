// Extractor::extract: reflow, then each extractor, then given metadata, warnings and overrides.
#include "indexer/ingest/extract_internal.h"
#include "indexer/ingest/ingest.h"
#include "indexer/ingest/reflow.h"
#include "indexer/ingest/scan.h"
#include "schema/record_json.h"
#include "text/docnum.h"

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

// "Nghị định sửa đổi", "Quyết định của Thủ tướng Chính phủ": the type is the longest known leading words.
std::optional<std::string> leading_doc_type(std::string_view s) {
  std::string_view v = scan::trim(s);
  for (int words = 0; words < 8 && !v.empty(); ++words) {
    if (auto t = schema::canonical_doc_type(v)) return t;
    const std::size_t sp = v.rfind(' ');
    if (sp == std::string_view::npos) break;
    v = v.substr(0, sp);
  }
  return std::nullopt;
}

bool is_iso_date(std::string_view s) {
  return s.size() == 10 && s[4] == '-' && s[7] == '-' &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
}

// Fills what the text did not yield from the source's own metadata.
void fill_from_given(const RawDoc& raw, const Tables& tables, schema::DocRecord& r) {
  const nlohmann::json& g = raw.given;
  auto note = [&](const char* field) { r.warnings.push_back(std::string(field) + " taken from the source metadata"); };
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
  if (!r.issue_date)
    if (auto s = given_string(g, {"ngay_ban_hanh", "issue_date"}); s && is_iso_date(*s))
      r.issue_date = *s, note("issue_date");
  if (!r.title) {
    auto s = given_string(g, {"trich_yeu", "title"});
    if (!s && raw.title) s = scan::collapse_spaces(*raw.title);
    if (s) r.title = *s, note("title");
  }
}

void warn_missing(schema::DocRecord& r) {
  const std::pair<const char*, bool> fields[] = {{"doc_type", r.doc_type.has_value()},
                                                 {"doc_number", r.doc_number.has_value()},
                                                 {"title", r.title.has_value()},
                                                 {"issuer", r.issuer.has_value()},
                                                 {"place", r.place.has_value()},
                                                 {"issue_date", r.issue_date.has_value()},
                                                 {"event_date", r.event_date.has_value()},
                                                 {"signer.name", r.signer.name.has_value()},
                                                 {"signer.position", r.signer.position.has_value()}};
  for (const auto& [name, found] : fields)
    if (!found) r.warnings.push_back(std::string(name) + " not found");
  if (r.recipients.empty()) r.warnings.push_back("recipients not found");
}

// The type when no heading names it: from the number's type code, or a công văn (the number starts with a body code).
void type_from_number(const Header& h, const Tables& tables, schema::DocRecord& r) {
  if (r.doc_type || h.number_codes.empty()) return;
  r.doc_type = doc_type_of_code(h.number_codes.front(), tables.abbreviations);
  if (!r.doc_type && h.number_codes.size() >= 2) r.doc_type = "Công văn";
  if (r.doc_type) r.warnings.push_back("doc_type inferred from the document number");
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
  r.sections = extract_sections(doc, closing_byte);
  r.citations = extract_citations(doc, tables, r.doc_number_key);
  r.assignments = extract_assignments(doc, r.sections, tables, closing_byte);
  r.text = std::move(doc.text);
  r.pages = std::move(doc.pages);
  if (options_.use_given_metadata) fill_from_given(raw, tables, r);
  warn_missing(r);
  if (!raw.overrides.is_null()) {
    if (auto ok = schema::apply_overrides(r, raw.overrides); !ok)
      return Error{ok.error().status, "sidecar override: " + ok.error().message};
  }
  return r;
}

}  // namespace tracuu::indexer
