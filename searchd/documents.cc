// Searcher::document and Searcher::citations: a record, its citations out and in.
#include <set>

#include "schema/docdata.h"
#include "schema/fields.h"
#include "schema/index_home.h"
#include "schema/relation.h"
#include "schema/sharding.h"
#include "schema/terms.h"
#include "schema/validity.h"
#include "searchd/field_filters.h"
#include "searchd/searcher_impl.h"
#include "text/docnum.h"
#include "text/docnum_parse.h"

namespace tracuu::searchd {
namespace {

constexpr std::size_t kMaxCitedBy = 200;

struct Loaded {
  Xapian::docid did;
  schema::StoredDoc stored;
};

// The first document holding `term` that the caller may see (the view holds no
// other; the check guards against a document filed in the wrong sub-database).
std::optional<Loaded> first_visible(const Xapian::Database& db, const std::string& term,
                                    const schema::Audience& audience, schema::DocParts parts = schema::DocParts::All) {
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    auto stored = schema::decode_doc_data(db.get_document(*it).get_data(), parts);
    if (!stored || !schema::may_see(audience, stored->record.visibility)) continue;
    return Loaded{*it, std::move(*stored)};
  }
  return std::nullopt;
}

// What `from` does to `target` through citation `c` (its typed relations; mentions left out), and the acts
// among them that touch its force.
void add_incoming(const schema::DocRecord& from, const schema::Citation& c, std::vector<IncomingRelation>& out,
                  std::vector<schema::IncomingAct>& acts) {
  for (const auto& rel : c.relations) {
    if (rel.type == "mentions") continue;
    out.push_back({rel.type, rel.scope, rel.effective_date, from.id, from.doc_number, from.title, from.issue_date,
                   from.effective_date, rel.by, c.context});
    if (auto a = schema::incoming_act(from, rel)) acts.push_back(std::move(*a));
  }
}

// Validity at `as_of` from the record and the incoming acts (schema::incoming_act) of documents the caller
// may see.
ValidityView validity_of(const schema::DocRecord& r, std::vector<schema::IncomingAct> acts, std::string as_of) {
  schema::ValidityFacts facts = schema::facts_of(r);
  facts.acts = std::move(acts);
  auto report = schema::validity_report(facts, as_of);
  return {std::move(as_of),
          std::string(schema::validity_code(report.status)),
          std::string(schema::validity_label(report.status)),
          report.dates.from,
          report.dates.until,
          report.dates.partly_from,
          std::move(report.conflicts),
          std::move(report.timeline)};
}

// The id of the document holding the number `c` cites that agrees with what the text says of it
// (date, issuer): a 2026 provincial 16-NQ/TW is not the "16-NQ/TW, ngày 10/10/2017" cited.
std::optional<std::string> matching_holder(const Xapian::Database& db, const schema::Citation& c,
                                           const schema::IssuerRegistry& issuers, const schema::Audience& audience) {
  const std::string term = schema::make_term(schema::Field::Number, c.key);
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    auto stored = schema::decode_doc_data(db.get_document(*it).get_data(), schema::DocParts::Meta);
    if (!stored || !schema::may_see(audience, stored->record.visibility)) continue;
    if (schema::citation_matches(c, stored->record, issuers)) return stored->record.id;
  }
  return std::nullopt;
}

// Documents citing `key`, with the sentence that cites it; with `target` (the document holding the key),
// the typed relations of the citations that agree with it (schema::citation_matches) go to `relations_in`.
std::vector<CitingDoc> citing(const Xapian::Database& db, const std::string& key, const std::string& self_id,
                              const schema::Audience& audience, std::vector<schema::Citation>* mentions,
                              const schema::DocRecord* target = nullptr,
                              const schema::IssuerRegistry* issuers = nullptr,
                              std::vector<IncomingRelation>* relations_in = nullptr,
                              std::vector<schema::IncomingAct>* acts = nullptr) {
  std::vector<CitingDoc> out;
  std::set<std::string> acted;  // number|date of the citing documents whose acts are taken: copies act once
  const std::string term = schema::make_term(schema::Field::Cites, key);
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term) && out.size() < kMaxCitedBy; ++it) {
    auto stored = schema::decode_doc_data(db.get_document(*it).get_data(), schema::DocParts::All);
    if (!stored) continue;
    const auto& r = stored->record;
    if (r.id == self_id || !schema::may_see(audience, r.visibility)) continue;
    CitingDoc c{r.id, r.title, r.doc_type, r.doc_number, r.issue_date, {}};
    for (const auto& cit : r.citations) {
      if (cit.key != key) continue;
      c.context = cit.context;
      if (mentions) mentions->push_back(cit);
      if (target && relations_in && acts && schema::citation_matches(cit, *target, *issuers) &&
          (!r.doc_number_key || acted.insert(*r.doc_number_key + "|" + r.issue_date.value_or("")).second))
        add_incoming(r, cit, *relations_in, *acts);
      break;
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

Result<DocumentView> Searcher::document(const std::string& id, const schema::Audience& audience,
                                        const std::optional<std::string>& as_of) {
  std::string day = schema::today_iso();
  if (as_of) {
    auto asked = parse_day("as_of", *as_of);
    if (!asked) return Error{Status::BadRequest, asked.error().message};
    day = std::move(*asked);
  }
  return retry_if_modified(
      "reading a document", [&] { return refresh(); },
      [&]() -> Result<DocumentView> {
        const Xapian::Database& db = impl_->use(audience).db;
        auto found = first_visible(db, schema::id_term(id), audience);
        // It may be on a shard that does not answer: not a 404.
        if (!found && !impl_->missing.empty())
          return Error{Status::IndexUnavailable,
                       "shard " + impl_->missing.front() + " does not answer (document '" + id + "' may be there)"};
        if (!found) return Error{Status::NotFound, "no document '" + id + "'"};
        DocumentView view;
        view.record = std::move(found->stored.record);
        if (!audience.staff) view.record.source.clear();  // where the file lived on the server is not public
        std::vector<schema::IncomingAct> acts;
        if (view.record.doc_number_key)
          view.cited_by = citing(db, *view.record.doc_number_key, view.record.id, audience, nullptr, &view.record,
                                 &impl_->issuers, &view.relations_in, &acts);
        view.validity = validity_of(view.record, std::move(acts), day);
        for (const auto& c : view.record.citations)
          view.citation_targets.push_back(matching_holder(db, c, impl_->issuers, audience));
        return view;
      });
}

Result<OriginalFile> Searcher::original(const std::string& id, const schema::Audience& audience) {
  return retry_if_modified(
      "reading a document", [&] { return refresh(); },
      [&]() -> Result<OriginalFile> {
        auto found = first_visible(impl_->use(audience).db, schema::id_term(id), audience, schema::DocParts::Meta);
        if (!found) return Error{Status::NotFound, "no document '" + id + "'"};
        const auto& r = found->stored.record;
        // The name comes from the index: checked, so that it can only name a file in DIR/originals.
        const auto media_type = r.original ? schema::original_media_type(*r.original) : std::nullopt;
        if (!media_type) return Error{Status::NotFound, "document '" + id + "' was not read from a PDF or DOCX file"};
        // A sharded home keeps each original in the shard holding its document (schema/sharding.h).
        const std::filesystem::path& top = impl_->source.home;
        if (top.empty())  // remote shards: the files are on their machines
          return Error{Status::NotFound, "the original of '" + id + "' is not kept on this server"};
        const auto shards = schema::shard_count(top);
        const std::filesystem::path home = shards ? schema::shard_home(top, schema::shard_of(r.id, *shards)) : top;
        OriginalFile file{schema::originals_dir(home) / *r.original, std::string(*media_type),
                          r.id + r.original->substr(r.original->find('.')),
                          r.visibility.kind == schema::Visibility::Kind::Public};
        std::error_code ec;
        if (!std::filesystem::is_regular_file(file.path, ec))
          return Error{Status::NotFound, "the original of '" + id + "' is not kept on this server"};
        return file;
      });
}

Result<CitationView> Searcher::citations(const std::string& number, const schema::Audience& audience,
                                         const std::optional<std::string>& asked_date) {
  const auto dn = text::parse_doc_number(number, impl_->abbreviations);
  if (!dn) return Error{Status::BadRequest, "number: '" + number + "' is not a document number"};
  std::optional<std::string> date;
  if (asked_date) {
    auto day = parse_day("date", *asked_date);
    if (!day) return Error{Status::BadRequest, day.error().message};
    date = std::move(*day);
  }
  return retry_if_modified(
      "reading citations", [&] { return refresh(); },
      [&]() -> Result<CitationView> {
        const Xapian::Database& db = impl_->use(audience).db;
        CitationView view;
        view.key = dn->key;
        view.display = dn->display;
        std::string self;
        const std::string term = schema::make_term(schema::Field::Number, dn->key);
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
          auto stored = schema::decode_doc_data(db.get_document(*it).get_data(), schema::DocParts::Meta);
          if (!stored || !schema::may_see(audience, stored->record.visibility)) continue;
          const schema::DocRecord& r = stored->record;
          if (view.document || (date && r.issue_date && *r.issue_date != *date)) {
            view.others.push_back(hit_of(r));
            continue;
          }
          view.document = hit_of(r);
          self = r.id;
          if (r.doc_number) view.display = *r.doc_number;
        }
        if (date) view.date = date;
        std::vector<schema::Citation> mentions;
        view.cited_by = citing(db, dn->key, self, audience, &mentions);
        // What the citing documents say about a number we do not hold.
        for (const auto& m : mentions) {
          if (!view.doc_type) view.doc_type = m.doc_type;
          if (!view.issuer) view.issuer = m.issuer;
          if (!view.date) view.date = m.date;
          if (!view.document && !m.number.empty()) view.display = m.number;
        }
        if (!view.document) {
          // A stub of what the citing documents say, so that their acts on it are read as on a held document.
          schema::DocRecord stub;
          stub.doc_number_key = dn->key;
          stub.doc_number = view.display;
          stub.doc_type = view.doc_type, stub.issuer = view.issuer, stub.issue_date = view.date;
          std::vector<schema::IncomingAct> acts;
          citing(db, dn->key, std::string(), audience, nullptr, &stub, &impl_->issuers, &view.relations_in, &acts);
          view.validity = validity_of(stub, std::move(acts), schema::today_iso());
        }
        return view;
      });
}

}  // namespace tracuu::searchd
