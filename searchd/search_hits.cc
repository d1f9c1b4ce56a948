// A search's hits: the metadata of each document of the ranked page and its snippets.
#include "schema/docdata.h"
#include "schema/fields.h"
#include "schema/terms.h"
#include "searchd/search_steps.h"
#include "searchd/snippets.h"

namespace tracuu::searchd {

Hit hit_of(const schema::DocRecord& rec) {
  Hit h;
  h.id = rec.id;
  h.title = rec.title, h.doc_type = rec.doc_type, h.doc_number = rec.doc_number, h.issuer = rec.issuer;
  h.issue_date = rec.issue_date, h.event_date = rec.event_date, h.signer = rec.signer.name;
  return h;
}

namespace {

constexpr Xapian::doccount kMaxCopies = 20;

// The other copies of document `did` that the request may see: same own number and
// issue date (kSlotCopyKey), found through the number's boolean term.
std::vector<std::string> copies_of(const SearchState& s, Xapian::docid did, const Xapian::Document& doc) {
  const std::string key = doc.get_value(schema::kSlotCopyKey);
  if (key.empty()) return {};
  using Q = Xapian::Query;
  const Q same(Q::OP_FILTER, Q(schema::make_term(schema::Field::Number, doc.get_value(schema::kSlotNumberKey))),
               Q(Q::OP_VALUE_RANGE, schema::kSlotCopyKey, key, key));
  Xapian::Enquire enquire(s.im.db());
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  enquire.set_query(same);
  std::vector<std::string> out;
  const Xapian::MSet found = enquire.get_mset(0, kMaxCopies + 1);
  for (auto it = found.begin(); it != found.end(); ++it) {
    if (*it == did) continue;
    auto stored = schema::decode_doc_data(it.get_document().get_data(), schema::DocParts::Meta);
    if (stored && out.size() < kMaxCopies) out.push_back(stored->record.id);
  }
  return out;
}

}  // namespace

Result<std::vector<Hit>> page_hits(const SearchState& s, const RankedPage& page) {
  const SearchRequest& request = s.request;
  // A hit list decodes only the metadata part of the document data, snippets also the sections.
  const schema::DocParts parts = request.snippets > 0 ? schema::DocParts::Snippets : schema::DocParts::Meta;
  std::vector<Hit> hits;
  std::size_t rank = request.offset;
  for (const Ranked& r : page.hits) {
    const Xapian::Document doc = s.im.db().get_document(r.did);
    auto stored = schema::decode_doc_data(doc.get_data(), parts);
    if (!stored) return stored.error();
    Hit h = hit_of(stored->record);
    h.copies = copies_of(s, r.did, doc);
    h.score = r.score;
    h.rank = ++rank;
    h.snippets =
        make_snippets(s.im.db(), r.did, *stored, page.built.highlight, request.snippets, page.built.exact_forms);
    hits.push_back(std::move(h));
  }
  return hits;
}

}  // namespace tracuu::searchd
