#pragma once
// The JSON routes of /api/v1 and the operational routes (/health, /ready,
// /metrics). Each returns a body or an Error; the router makes the response.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "schema/status.h"
#include "searchd/searcher.h"
#include "searchd/server/codec.h"
#include "searchd/server/config.h"

namespace tracuu::searchd::server {

class Metrics;

/// Checks out a searcher for one request, waiting up to config.acquire_wait.
/// A missing index (NotFound from the pool) is reported as IndexUnavailable:
/// for a request it means 503, not a missing document.
/// @return Overloaded when every searcher stays busy; IndexUnavailable/IndexVersionMismatch.
Result<SearcherPool::Lease> lease_searcher(SearcherPool& pool, const Config& config);

/// Runs a search from decoded /api/v1/search parameters for `audience` (shared by the API and the portal).
/// @return the errors of search_request_from_params, of lease_searcher and of Searcher::search.
Result<SearchResponse> run_search(const Params& params, SearcherPool& pool, const Config& config,
                                  const schema::Audience& audience);

/// GET /api/v1/search?q=&type=&...: to_json(SearchResponse).
/// @return BadRequest naming the parameter; TooLarge for an over-long q;
///         BadQuery; Overloaded/IndexUnavailable from the pool.
Result<nlohmann::ordered_json> api_search(std::string_view query_string, SearcherPool& pool, const Config& config,
                                          const schema::Audience& audience);

/// GET /api/v1/documents/{id}?as_of=: to_json(DocumentView), validity at as_of (default today).
/// `encoded_id` is percent-decoded here.
/// @return NotFound for an unknown document or one `audience` may not see (the same answer);
///         BadRequest for a malformed id, an as_of that is not a day or any other query parameter.
Result<nlohmann::ordered_json> api_document(std::string_view encoded_id, std::string_view query_string,
                                            SearcherPool& pool, const Config& config, const schema::Audience& audience);

/// GET /api/v1/documents/{id}/relations?as_of=: relations_json(DocumentView); answers as api_document.
Result<nlohmann::ordered_json> api_relations(std::string_view encoded_id, std::string_view query_string,
                                             SearcherPool& pool, const Config& config,
                                             const schema::Audience& audience);

/// A document's original file, read for sending.
struct OriginalDownload {
  std::string bytes;
  std::string media_type;
  std::string file_name;  ///< "<id>.pdf", with anything but [A-Za-z0-9._-] as '_' (a header value)
};

/// GET /api/v1/documents/{id}/original: the PDF or DOCX the document was read from (Searcher::original).
/// @return NotFound as api_document, and when no original is kept; Io when the file cannot be read.
Result<OriginalDownload> api_original(std::string_view encoded_id, std::string_view query_string, SearcherPool& pool,
                                      const Config& config, const schema::Audience& audience);

/// GET /api/v1/citations?number=: to_json(CitationView).
/// @return BadRequest when number is missing or not a document number.
Result<nlohmann::ordered_json> api_citations(std::string_view query_string, SearcherPool& pool, const Config& config,
                                             const schema::Audience& audience);

/// GET /api/v1/suggest?q=&limit=: {"suggestions":[...]}; limit 1..kMaxLimit, default 8.
/// @return BadRequest naming the parameter.
Result<nlohmann::ordered_json> api_suggest(std::string_view query_string, SearcherPool& pool, const Config& config,
                                           const schema::Audience& audience);

/// GET /health: {"status":"ok","version":{...},"index":{documents,...}|null}, the
/// documents counted as `audience` sees them. Always Ok while the process runs
/// (liveness); "index" is null when it cannot be read.
nlohmann::ordered_json health(SearcherPool& pool, const Config& config, const schema::Audience& audience);

/// GET /ready: {"status":"ready","index":{...}} when a searcher can read the index.
/// @return IndexUnavailable (or the pool's error) otherwise.
Result<nlohmann::ordered_json> ready(SearcherPool& pool, const Config& config, const schema::Audience& audience);

/// GET /metrics: the counters of `metrics` (when given) and the index gauges as `audience` sees them.
std::string metrics_text(SearcherPool& pool, const Config& config, const Metrics* metrics,
                         const schema::Audience& audience);

}  // namespace tracuu::searchd::server
