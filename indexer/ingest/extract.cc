// Minimal extractor: text and given title only. The full extractor (reflow,
// metadata, sections, citations, assignments) replaces this.
#include "indexer/ingest/ingest.h"
#include "schema/record_json.h"
#include "text/normalize.h"

namespace tracuu::indexer {

Extractor::Extractor(ExtractOptions options)
    : options_(options), issuers_(schema::IssuerRegistry::builtin()), abbreviations_(text::Abbreviations::builtin()) {}

Result<schema::DocRecord> Extractor::extract(const RawDoc& raw) const {
  schema::DocRecord r;
  r.id = raw.id;
  r.source = raw.source;
  r.content_hash = raw.content_hash;
  for (const auto& page : raw.pages) {
    if (!r.text.empty()) r.text += "\n";
    r.text += text::normalize(page);
  }
  if (raw.title) r.title = schema::clean_display(*raw.title);
  if (!raw.overrides.is_null()) {
    if (auto ok = schema::apply_overrides(r, raw.overrides); !ok) return ok.error();
  }
  return r;
}

}  // namespace tracuu::indexer
