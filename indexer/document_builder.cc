#include "indexer/document_builder.h"

#include <set>
#include <unordered_map>
#include <vector>

#include "indexer/prepared_doc_impl.h"
#include "schema/codes.h"
#include "schema/docdata.h"
#include "schema/facets.h"
#include "schema/fields.h"
#include "schema/relation.h"
#include "schema/terms.h"
#include "schema/validity.h"
#include "text/docnum.h"
#include "text/tokenizer.h"

namespace tracuu::indexer {
namespace {

using schema::Field;
using schema::make_term;

// Tokens longer than this are noise (base64, URLs glued to text); Xapian refuses > 245 bytes.
constexpr std::size_t kMaxTokenBytes = 120;

// Digits of a document number's own number part ("49" of "49/NQ-TU").
std::string number_part(const std::string& key) {
  return key.substr(0, key.find('/'));
}

// Non-positional terms of one document with their wdf, added to Xapian once each:
// a hash lookup per token here is cheaper than a std::map lookup in Xapian's document.
using TermCounts = std::unordered_map<std::string, Xapian::termcount>;

void index_body(Xapian::Document& doc, const std::string& body, std::vector<std::uint32_t>& checkpoints,
                std::set<std::string>& mentioned_numbers) {
  text::Analyzer analyzer(body);
  text::Token t;
  TermCounts counts;
  std::string previous;  // folded form of the previous word, empty after a non-word or punctuation
  std::size_t previous_end = 0;
  while (analyzer.next(t)) {
    if (t.position % schema::kCheckpointInterval == 0) checkpoints.push_back(static_cast<std::uint32_t>(t.begin));
    if (t.folded.size() > kMaxTokenBytes) {
      previous.clear();
      continue;  // keeps positions aligned with the analyser
    }
    if (t.kind == text::TokenKind::Word) {
      if (!previous.empty() && text::joins_words(std::string_view(body).substr(previous_end, t.begin - previous_end)))
        ++counts[schema::bigram_term(previous, t.folded)];
      previous = t.folded;
      previous_end = t.end;
    } else {
      previous.clear();
    }
    doc.add_posting(schema::folded_term(t), t.position);
    if (t.kind == text::TokenKind::DocNumber) {
      doc.add_posting(make_term(Field::BodyFolded, number_part(t.folded)), t.position);
      // Its year too: "an ninh mạng 2018" finds the law numbered 24/2018/QH14.
      if (const auto p = text::pattern_of_key(t.folded); p && !p->year.empty())
        doc.add_posting(make_term(Field::BodyFolded, p->year), t.position);
      mentioned_numbers.insert(t.folded);
    } else if (t.exact != t.folded && t.exact.size() <= kMaxTokenBytes) {
      // The exact layer carries no positions: phrases run on the folded layer and
      // the exact terms of a marked query re-rank. Halves the positional data.
      ++counts[t.exact];
    }
  }
  for (const auto& [term, wdf] : counts) doc.add_term(term, wdf);
}

void index_title(Xapian::Document& doc, const std::string& title) {
  for (const text::Token& t : text::analyze(title)) {
    if (t.folded.size() > kMaxTokenBytes) continue;
    doc.add_term(schema::folded_term(t), DocumentBuilder::kTitleWdf);
    if (t.exact != t.folded && t.kind == text::TokenKind::Word) doc.add_term(t.exact, DocumentBuilder::kTitleWdf);
    // Positional, so that the second ranking stage sees query words adjacent in the title.
    doc.add_posting(schema::word_term(Field::Title, t), t.position);
  }
}

// Every facet of schema/facets.h: its filter terms (one per distinct code), its
// display values in its slot, and its id in kSlotFacets (one value holding every
// facet of the document, so that counting reads one value per match), with the
// display forms of hashed ids for the writer to store.
void add_facets(PreparedDoc::Impl& p, const schema::DocRecord& r, const schema::IssuerRegistry& issuers) {
  using schema::FacetPart;
  std::array<std::uint32_t, static_cast<std::size_t>(FacetPart::Count)> ids{};
  for (const schema::FacetSpec& f : schema::kFacets) {
    if (f.facet == schema::Facet::Validity) continue;  // set_validity owns its term and slot (the pass rewrites them)
    std::string shown;
    std::set<std::string> codes;
    for (std::string& value : f.values_of(r)) {
      std::string code = f.code(value, issuers);
      if (code.empty() || !codes.insert(code).second) continue;
      p.doc.add_boolean_term(make_term(f.field, code));
      if (f.part != FacetPart::Count) {
        const std::uint32_t id = schema::facet_value_id(f, code);
        ids[static_cast<std::size_t>(f.part)] = id;
        if (!f.id_name) p.facet_names.emplace_back(id, value);
      }
      if (!shown.empty()) shown.push_back(schema::kMultiValueSeparator);
      shown += value;
    }
    if (!shown.empty()) p.doc.add_value(f.slot, shown);
  }
  p.doc.add_value(schema::kSlotFacets, schema::pack_facet_ids(ids));
}

// The document's own acts on the numbers it cites; relations it reports of other documents are not its
// own, but those ending a number's force mark it (XHLBC:) for the validity pass.
void add_relations(Xapian::Document& doc, const schema::DocRecord& r) {
  for (const auto& c : r.citations)
    for (const auto& rel : c.relations) {
      const auto type = schema::relation_type(rel.type);
      if (!type || c.key.empty()) continue;
      if (rel.by) {
        if (schema::ends_force(*type)) doc.add_boolean_term(make_term(Field::ReportsEnd, c.key));
      } else if (const auto field = schema::relation_field(*type)) {
        doc.add_boolean_term(make_term(*field, c.key));
      }
    }
}

// Removes the terms of `doc` starting with `prefix`.
void remove_terms(Xapian::Document& doc, const std::string& prefix) {
  std::vector<std::string> old;
  auto t = doc.termlist_begin();
  for (t.skip_to(prefix); t != doc.termlist_end() && (*t).starts_with(prefix); ++t) old.push_back(*t);
  for (const auto& term : old) doc.remove_term(term);
}

// A slot set to `value`, or cleared when there is none (Xapian: an empty value is no value).
void set_value(Xapian::Document& doc, unsigned slot, const std::optional<std::string>& value) {
  doc.add_value(slot, value.value_or(""));
}

}  // namespace

PreparedDoc::PreparedDoc() : impl_(std::make_unique<Impl>()) {}
PreparedDoc::~PreparedDoc() = default;
PreparedDoc::PreparedDoc(PreparedDoc&&) noexcept = default;
PreparedDoc& PreparedDoc::operator=(PreparedDoc&&) noexcept = default;
const std::string& PreparedDoc::id() const {
  return impl_->id;
}
const std::string& PreparedDoc::content_hash() const {
  return impl_->content_hash;
}
std::size_t PreparedDoc::text_bytes() const {
  return impl_->text_bytes;
}
const schema::Visibility& PreparedDoc::visibility() const {
  return impl_->visibility;
}

DocumentBuilder::DocumentBuilder(std::string as_of) : as_of_(std::move(as_of)) {}

PreparedDoc DocumentBuilder::prepare(const schema::DocRecord& r) const {
  PreparedDoc prepared;
  auto& p = prepared.impl();
  Xapian::Document& doc = p.doc;
  p.id = r.id;
  p.id_term = schema::id_term(r.id);
  p.content_hash = r.content_hash;
  p.text_bytes = r.text.size();
  p.visibility = r.visibility;
  doc.add_boolean_term(p.id_term);

  schema::StoredDoc stored;
  std::set<std::string> mentioned;
  index_body(doc, r.text, stored.checkpoints, mentioned);
  if (r.title) index_title(doc, *r.title);

  if (r.doc_number_key) {
    doc.add_boolean_term(make_term(Field::Number, *r.doc_number_key));
    doc.add_term(schema::number_term(*r.doc_number_key), kNumberWdf);
    if (const auto p = text::pattern_of_key(*r.doc_number_key); p && !p->year.empty())
      doc.add_term(make_term(Field::BodyFolded, p->year));
    doc.add_value(schema::kSlotNumberKey, *r.doc_number_key);
  }
  std::set<std::string> cites(mentioned);
  for (const auto& c : r.citations)
    if (!c.key.empty()) cites.insert(c.key);
  if (r.doc_number_key) cites.erase(*r.doc_number_key);
  for (const auto& key : cites) doc.add_boolean_term(make_term(Field::Cites, key));

  if (r.signer.name)
    for (const auto& t : text::analyze(*r.signer.name)) doc.add_term(schema::word_term(Field::SignerName, t));
  stored.record = r;
  // Validity from the record's own dates and stated status; the validity pass adds what later documents do.
  const schema::ValidityDates validity = schema::validity_dates(schema::facts_of(r));
  stored.record.validity = std::string(schema::validity_label(schema::validity_at(validity, as_of_)));
  add_facets(p, stored.record, issuers_);
  set_validity(doc, validity, as_of_);
  add_relations(doc, r);
  // The document date: issue date, else the date of the event it reports.
  if (const auto& date = r.issue_date ? r.issue_date : r.event_date) {
    const std::string ymd = schema::date_slot_value(*date);
    if (!ymd.empty()) doc.add_value(schema::kSlotIssueDate, ymd);
  }
  if (r.doc_number_key && r.issue_date) {
    const std::string ymd = schema::date_slot_value(*r.issue_date);
    if (!ymd.empty()) doc.add_value(schema::kSlotCopyKey, *r.doc_number_key + "|" + ymd);
  }
  if (r.event_date) {
    const std::string ymd = schema::date_slot_value(*r.event_date);
    if (!ymd.empty()) doc.add_value(schema::kSlotEventDate, ymd);
  }
  if (!r.content_hash.empty()) doc.add_value(schema::kSlotSource, r.content_hash + schema::kMultiValueSeparator + r.id);

  doc.set_data(schema::encode_doc_data(stored));
  return prepared;
}

void set_validity(Xapian::Document& doc, const schema::ValidityDates& dates, std::string_view as_of) {
  const schema::Validity status = schema::validity_at(dates, as_of);
  remove_terms(doc, std::string(schema::prefix(Field::Validity)));
  remove_terms(doc, std::string(schema::prefix(Field::ValidityStated)));
  doc.add_boolean_term(make_term(Field::Validity, schema::validity_code(status)));
  doc.add_value(schema::kSlotValidity, std::string(schema::validity_label(status)));
  if (!dates.from)
    doc.add_boolean_term(
        make_term(Field::ValidityStated, schema::validity_code(dates.stated.value_or(schema::Validity::Unknown))));
  set_value(doc, schema::kSlotValidFrom, dates.from);
  set_value(doc, schema::kSlotValidUntil, dates.until);
  set_value(doc, schema::kSlotPartlyEndedFrom, dates.partly_from);
  doc.add_value(schema::kSlotValidityDates, schema::pack_validity_dates(dates));
}

}  // namespace tracuu::indexer
