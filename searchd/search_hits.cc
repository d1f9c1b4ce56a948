// A search's hits: the metadata of each document of the ranked page and its snippets.
#include "schema/docdata.h"
#include "schema/fields.h"
#include "schema/terms.h"
#include "schema/validity.h"
#include "searchd/search_steps.h"
#include "searchd/snippets.h"

namespace tracuu::searchd {

Hit hit_of(const schema::DocRecord& rec) {
  Hit h;
  h.id = rec.id;
  h.title = rec.title, h.doc_type = rec.doc_type, h.doc_number = rec.doc_number, h.issuer = rec.issuer;
  h.issue_date = rec.issue_date, h.event_date = rec.event_date, h.signer = rec.signer.name;
  h.has_original = rec.original.has_value();
  return h;
}

namespace {

constexpr Xapian::doccount kMaxCopies = 20;
constexpr Xapian::doccount kMaxHolders = 1000;  // documents of one number read, at most

// The other copies of document `did` that the request may see: same own number and
// issue date (kSlotCopyKey). They are read from the number's posting list (a few
// documents: its copies, and the same number of other years or issuers), not through
// an OP_VALUE_RANGE on the key, which Xapian may drive from the slot's whole value
// stream: that read every document's key for every hit (61 % of a search at 100k).
std::vector<std::string> copies_of(const SearchState& s, Xapian::docid did, const Xapian::Document& doc) {
  const std::string key = doc.get_value(schema::kSlotCopyKey);
  // The view's shared keys (CopyKeys) already say which documents have copies at all.
  if (key.empty() || !s.im.copy_keys().shared(key)) return {};
  const Xapian::Database& db = s.im.db();
  const std::string number = schema::make_term(schema::Field::Number, doc.get_value(schema::kSlotNumberKey));
  std::vector<std::string> out;
  Xapian::doccount read = 0;
  for (auto it = db.postlist_begin(number); it != db.postlist_end(number); ++it) {
    if (out.size() >= kMaxCopies || ++read > kMaxHolders) break;
    if (*it == did) continue;
    const Xapian::Document other = db.get_document(*it);
    if (other.get_value(schema::kSlotCopyKey) != key) continue;
    auto stored = schema::decode_doc_data(other.get_data(), schema::DocParts::Meta, s.im.decompression);
    if (stored) out.push_back(stored->record.id);
  }
  return out;
}

}  // namespace

Result<std::vector<Hit>> page_hits(SearchState& s, const RankedPage& page) {
  const SearchRequest& request = s.request;
  // A hit list decodes only the metadata part of the document data, snippets also the sections.
  const schema::DocParts parts = request.snippets > 0 ? schema::DocParts::Snippets : schema::DocParts::Meta;
  if (request.snippets > 0 && s.positions.batched()) {
    // Remote shards with shard readers: the positions of the words the snippets look for, in one
    // request per shard (what the second stage read already is not asked again).
    std::vector<Xapian::docid> dids;
    for (const Ranked& r : page.hits) dids.push_back(r.did);
    std::vector<std::string> terms;
    for (const auto& sequence : page.built.highlight)
      for (const auto& word : sequence) terms.push_back(schema::make_term(schema::Field::BodyFolded, word));
    s.positions.prefetch(dids, terms, std::vector<bool>(terms.size(), true));
  }
  std::vector<Hit> hits;
  std::size_t rank = request.offset;
  for (const Ranked& r : page.hits) {
    const Xapian::Document doc = s.im.db().get_document(r.did);
    auto stored = schema::decode_doc_data(doc.get_data(), parts, s.im.decompression);
    if (!stored) return stored.error();
    Hit h = hit_of(stored->record);
    h.copies = copies_of(s, r.did, doc);
    if (std::string at = doc.get_value(schema::kSlotIndexedAt); !at.empty()) h.indexed_at = std::move(at);
    if (const auto dates = schema::unpack_validity_dates(doc.get_value(schema::kSlotValidityDates)))
      h.validity = std::string(schema::validity_code(schema::validity_at(*dates, s.ctx.validity_day)));
    h.score = r.score;
    h.rank = ++rank;
    h.snippets =
        make_snippets(s.positions, r.did, *stored, page.built.highlight, request.snippets, page.built.exact_forms);
    hits.push_back(std::move(h));
  }
  return hits;
}

}  // namespace tracuu::searchd
