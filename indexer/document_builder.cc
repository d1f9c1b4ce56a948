#include "indexer/document_builder.h"

#include <set>
#include <unordered_map>
#include <vector>

#include "indexer/prepared_doc_impl.h"
#include "schema/codes.h"
#include "schema/docdata.h"
#include "schema/fields.h"
#include "schema/terms.h"
#include "text/tokenizer.h"

namespace tracuu::indexer {
namespace {

using schema::Field;
using schema::make_term;

// Tokens longer than this are noise (base64, URLs glued to text); Xapian refuses > 245 bytes.
constexpr std::size_t kMaxTokenBytes = 120;

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// The folded-layer term of a token (docnum keys are lower-cased like every folded term).
std::string folded_term(const text::Token& t) {
  return make_term(Field::BodyFolded, t.kind == text::TokenKind::DocNumber ? lower_ascii(t.folded) : t.folded);
}

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
    doc.add_posting(folded_term(t), t.position);
    if (t.kind == text::TokenKind::DocNumber) {
      doc.add_posting(make_term(Field::BodyFolded, number_part(t.folded)), t.position);
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
    doc.add_term(folded_term(t), DocumentBuilder::kTitleWdf);
    if (t.exact != t.folded && t.kind == text::TokenKind::Word) doc.add_term(t.exact, DocumentBuilder::kTitleWdf);
    doc.add_term(make_term(Field::Title, t.kind == text::TokenKind::DocNumber ? lower_ascii(t.folded) : t.folded));
  }
}

void add_code(Xapian::Document& doc, Field field, const std::string& code) {
  if (!code.empty()) doc.add_boolean_term(make_term(field, code));
}

// The filter codes of a document's facets, computed once for both the boolean
// filter terms and the packed ids (issuer codes run the analyser). Empty: none.
struct FacetCodes {
  std::string type, issuer, signer;
  std::string ymd;  ///< the document date (issue date, else event date) as YYYYMMDD
};

FacetCodes facet_codes(const schema::DocRecord& r, const schema::IssuerRegistry& issuers) {
  FacetCodes c;
  if (r.doc_type) c.type = schema::slug(*r.doc_type);
  if (r.issuer) c.issuer = issuers.code(*r.issuer);
  if (r.signer.name) c.signer = schema::slug(*r.signer.name);
  if (const auto& date = r.issue_date ? r.issue_date : r.event_date) c.ymd = schema::date_slot_value(*date);
  return c;
}

// kSlotFacets: one value holding every facet of the document as ids, so that
// counting facets reads one value per match (schema::FacetPart).
void add_facet_ids(PreparedDoc::Impl& p, const schema::DocRecord& r, const FacetCodes& codes) {
  using schema::FacetPart;
  std::array<std::uint32_t, static_cast<std::size_t>(FacetPart::Count)> ids{};
  auto named = [&](FacetPart part, const std::optional<std::string>& display, const std::string& code) {
    if (!display || code.empty()) return;
    const std::uint32_t id = schema::facet_id(code);
    ids[static_cast<std::size_t>(part)] = id;
    p.facet_names.emplace_back(id, *display);
  };
  named(FacetPart::Type, r.doc_type, codes.type);
  named(FacetPart::Issuer, r.issuer, codes.issuer);
  named(FacetPart::Signer, r.signer.name, codes.signer);
  if (const std::string& ymd = codes.ymd; !ymd.empty()) {
    ids[static_cast<std::size_t>(FacetPart::Year)] = static_cast<std::uint32_t>(std::stoul(ymd.substr(0, 4)));
    ids[static_cast<std::size_t>(FacetPart::Month)] = static_cast<std::uint32_t>(std::stoul(ymd.substr(0, 6)));
  }
  p.doc.add_value(schema::kSlotFacets, schema::pack_facet_ids(ids));
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

DocumentBuilder::DocumentBuilder() = default;

PreparedDoc DocumentBuilder::prepare(const schema::DocRecord& r) const {
  PreparedDoc prepared;
  auto& p = prepared.impl();
  Xapian::Document& doc = p.doc;
  p.id = r.id;
  p.id_term = schema::id_term(r.id);
  p.content_hash = r.content_hash;
  p.text_bytes = r.text.size();
  doc.add_boolean_term(p.id_term);

  schema::StoredDoc stored;
  std::set<std::string> mentioned;
  index_body(doc, r.text, stored.checkpoints, mentioned);
  if (r.title) index_title(doc, *r.title);

  if (r.doc_number_key) {
    doc.add_boolean_term(make_term(Field::Number, *r.doc_number_key));
    doc.add_term(make_term(Field::BodyFolded, lower_ascii(*r.doc_number_key)), kNumberWdf);
    doc.add_value(schema::kSlotNumberKey, *r.doc_number_key);
  }
  std::set<std::string> cites(mentioned);
  for (const auto& c : r.citations)
    if (!c.key.empty()) cites.insert(c.key);
  if (r.doc_number_key) cites.erase(*r.doc_number_key);
  for (const auto& key : cites) doc.add_boolean_term(make_term(Field::Cites, key));

  const FacetCodes codes = facet_codes(r, issuers_);
  if (r.doc_type) {
    add_code(doc, Field::Type, codes.type);
    doc.add_value(schema::kSlotType, *r.doc_type);
  }
  if (r.issuer) {
    add_code(doc, Field::Issuer, codes.issuer);
    doc.add_value(schema::kSlotIssuer, *r.issuer);
  }
  if (r.signer.name) {
    add_code(doc, Field::Signer, codes.signer);
    doc.add_value(schema::kSlotSigner, *r.signer.name);
    for (const auto& t : text::analyze(*r.signer.name)) doc.add_term(make_term(Field::SignerName, t.folded));
  }
  std::string assignees;
  std::set<std::string> assignee_codes;
  for (const auto& a : r.assignments) {
    const std::string code = issuers_.code(a.assignee);
    if (code.empty() || !assignee_codes.insert(code).second) continue;
    add_code(doc, Field::Assignee, code);
    if (!assignees.empty()) assignees.push_back(schema::kMultiValueSeparator);
    assignees += a.assignee;
  }
  if (!assignees.empty()) doc.add_value(schema::kSlotAssignees, assignees);

  // The document date: issue date, else the date of the event it reports.
  if (const std::string& ymd = codes.ymd; !ymd.empty()) {
    const std::string& date = *(r.issue_date ? r.issue_date : r.event_date);
    doc.add_value(schema::kSlotIssueDate, ymd);
    doc.add_value(schema::kSlotYear, ymd.substr(0, 4));
    doc.add_value(schema::kSlotYearMonth, date.substr(0, 7));
    doc.add_boolean_term(make_term(Field::Year, ymd.substr(0, 4)));
    doc.add_boolean_term(make_term(Field::Month, date.substr(0, 7)));
  }
  if (r.event_date) {
    const std::string ymd = schema::date_slot_value(*r.event_date);
    if (!ymd.empty()) doc.add_value(schema::kSlotEventDate, ymd);
  }
  if (r.visibility == "internal") doc.add_boolean_term(make_term(Field::Visibility, "internal"));
  add_facet_ids(p, r, codes);
  if (!r.content_hash.empty()) doc.add_value(schema::kSlotSource, r.content_hash + schema::kMultiValueSeparator + r.id);

  stored.record = r;
  doc.set_data(schema::encode_doc_data(stored));
  return prepared;
}

}  // namespace tracuu::indexer
