#pragma once
// The wire format of /api/v1: query strings in, JSON out. The only place where
// search types meet JSON (the portal renders the same types as HTML).

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schema/status.h"
#include "searchd/types.h"

namespace tracuu::searchd::server {

/// Decoded query parameters, in order (repeats kept: type=a&type=b).
using Params = std::vector<std::pair<std::string, std::string>>;

/// Decodes a query string ("q=d%E1%BB%93ng+ch%C3%AD&type=a"): percent-escapes,
/// '+' as space, then UTF-8 validation and NFC (text::normalize) of every value.
/// @return BadRequest naming the parameter for a malformed escape or invalid UTF-8.
Result<Params> decode_query_string(std::string_view query_string);

/// Decodes a path component ("66%2F2025%2FN%C4%90-CP"): percent-escapes ('+'
/// stays '+'), then UTF-8 validation and NFC.
/// @return BadRequest for a malformed escape or invalid UTF-8.
Result<std::string> decode_path_segment(std::string_view segment);

/// Builds a SearchRequest from /api/v1/search parameters:
/// q, type, issuer, signer, assignee, year, month (repeatable), from, to,
/// sort=relevance|date_desc|date_asc, op=auto|and|or, limit, offset, snippets, facets=0|1.
/// @return BadRequest naming the parameter (unknown, repeated, malformed, out of range);
///         TooLarge when q exceeds kMaxQueryBytes.
Result<SearchRequest> search_request_from_params(const Params& params);

/// The value of a single-valued parameter, if present.
std::optional<std::string> param(const Params& params, std::string_view name);

/// The /api/v1/search body: total, took_ms, hits, facets, did_you_mean, query (searchd/server/openapi.yaml
/// SearchResponse).
nlohmann::ordered_json to_json(const SearchResponse& response);
/// One hit with its snippets (highlights as [begin, end) byte pairs).
nlohmann::ordered_json to_json(const Hit& hit);
/// Where a document's original file is downloaded: "/api/v1/documents/<id, percent-encoded>/original".
std::string original_url(std::string_view id);
/// The /api/v1/documents/{id} body: the record with text, citation targets and cited_by.
nlohmann::ordered_json to_json(const DocumentView& view);
/// /documents/{id}/relations: what the document does to the numbers it cites (typed, with the held
/// document when one matches) and what the documents the caller may see do to it, with its validity.
nlohmann::ordered_json relations_json(const DocumentView& view);
/// The /api/v1/citations body: number, key, document or stub, cited_by.
nlohmann::ordered_json to_json(const CitationView& view);
/// The /api/v1/suggest body: {"suggestions":[{text, kind, id}]}.
nlohmann::ordered_json to_json(const std::vector<Suggestion>& suggestions);
/// Marks an answer given without some remote shards (--shard-failure partial): "partial": true and
/// "missing_shards" naming them; nothing when none is missing.
void mark_partial(nlohmann::ordered_json& answer, const std::vector<std::string>& missing_shards);
/// The index facts of /health and /ready: documents, generation, last_commit (never the path).
nlohmann::ordered_json to_json(const IndexInfo& info);

/// The error body: {"error":{"code":"bad_query","message":"..."}}.
nlohmann::ordered_json error_json(const Error& error);

/// An error body with a code of its own, for HTTP-only conditions that no library reports.
nlohmann::ordered_json error_json(std::string_view code, std::string_view message);

}  // namespace tracuu::searchd::server
