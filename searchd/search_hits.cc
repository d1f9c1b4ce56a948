// A search's hits: the metadata of each document of the ranked page and its snippets.
#include "schema/docdata.h"
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

Result<std::vector<Hit>> page_hits(const SearchState& s, const RankedPage& page) {
  const SearchRequest& request = s.request;
  // A hit list decodes only the metadata part of the document data, snippets also the sections.
  const schema::DocParts parts = request.snippets > 0 ? schema::DocParts::Snippets : schema::DocParts::Meta;
  std::vector<Hit> hits;
  std::size_t rank = request.offset;
  for (const Ranked& r : page.hits) {
    auto stored = schema::decode_doc_data(s.im.db.get_document(r.did).get_data(), parts);
    if (!stored) return stored.error();
    Hit h = hit_of(stored->record);
    h.score = r.score;
    h.rank = ++rank;
    h.snippets = make_snippets(s.im.db, r.did, *stored, page.built.highlight, request.snippets, page.built.exact_forms);
    hits.push_back(std::move(h));
  }
  return hits;
}

}  // namespace tracuu::searchd
