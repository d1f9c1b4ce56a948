#include "searchd/server/api.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <initializer_list>
#include <sstream>

#include "schema/fields.h"
#include "searchd/server/codec.h"
#include "searchd/server/metrics.h"
#include "text/version.h"

namespace tracuu::searchd::server {
namespace {

using ojson = nlohmann::ordered_json;

constexpr std::size_t kDefaultSuggestions = 8;

// Decodes the query string and rejects parameters a route does not take.
Result<Params> route_params(std::string_view query_string, std::initializer_list<std::string_view> allowed) {
  auto params = decode_query_string(query_string);
  if (!params) return params.error();
  std::vector<std::string_view> seen;
  for (const auto& [name, value] : *params) {
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
      return Error{Status::BadRequest, "unknown parameter '" + name + "'"};
    if (std::find(seen.begin(), seen.end(), name) != seen.end())
      return Error{Status::BadRequest, name + " must not be repeated"};
    seen.push_back(name);
  }
  return params;
}

Result<std::size_t> suggest_limit(const Params& params) {
  const auto text = param(params, "limit");
  if (!text || text->empty()) return kDefaultSuggestions;
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc() || end != text->data() + text->size() || n < 1 || n > kMaxLimit)
    return Error{Status::BadRequest, "limit must be an integer from 1 to " + std::to_string(kMaxLimit)};
  return n;
}

std::optional<IndexInfo> index_info(SearcherPool& pool, const Config& config, const schema::Audience& audience) {
  auto lease = lease_searcher(pool, config);
  if (!lease) return std::nullopt;
  auto info = (*lease)->info(audience);
  if (!info) return std::nullopt;
  return *info;
}

}  // namespace

Result<SearcherPool::Lease> lease_searcher(SearcherPool& pool, const Config& config) {
  auto lease = pool.acquire(config.acquire_wait);
  if (!lease && lease.error().status == Status::NotFound) return Error{Status::IndexUnavailable, lease.error().message};
  return lease;
}

Result<SearchResponse> run_search(const Params& params, SearcherPool& pool, const Config& config,
                                  const schema::Audience& audience) {
  auto request = search_request_from_params(params);
  if (!request) return request.error();
  request->audience = audience;
  auto lease = lease_searcher(pool, config);
  if (!lease) return lease.error();
  return (*lease)->search(*request);
}

Result<ojson> api_search(std::string_view query_string, SearcherPool& pool, const Config& config,
                         const schema::Audience& audience) {
  auto params = decode_query_string(query_string);
  if (!params) return params.error();
  auto response = run_search(*params, pool, config, audience);
  if (!response) return response.error();
  return to_json(*response);
}

namespace {

// The document of a /documents/{id} route with its validity at the as_of parameter; `missing_shards`
// receives the shards its cited-by lists lack.
Result<DocumentView> document_view(std::string_view encoded_id, std::string_view query_string, SearcherPool& pool,
                                   const Config& config, const schema::Audience& audience,
                                   std::vector<std::string>& missing_shards) {
  auto params = route_params(query_string, {"as_of"});
  if (!params) return params.error();
  auto id = decode_path_segment(encoded_id);
  if (!id) return id.error();
  if (id->empty()) return Error{Status::NotFound, "no document id in the path"};
  auto lease = lease_searcher(pool, config);
  if (!lease) return lease.error();
  auto view = (*lease)->document(*id, audience, param(*params, "as_of"));
  missing_shards = (*lease)->missing_shards();
  return view;
}

}  // namespace

Result<ojson> api_document(std::string_view encoded_id, std::string_view query_string, SearcherPool& pool,
                           const Config& config, const schema::Audience& audience) {
  std::vector<std::string> missing;
  auto view = document_view(encoded_id, query_string, pool, config, audience, missing);
  if (!view) return view.error();
  ojson j = to_json(*view);
  mark_partial(j, missing);
  return j;
}

Result<ojson> api_relations(std::string_view encoded_id, std::string_view query_string, SearcherPool& pool,
                            const Config& config, const schema::Audience& audience) {
  std::vector<std::string> missing;
  auto view = document_view(encoded_id, query_string, pool, config, audience, missing);
  if (!view) return view.error();
  ojson j = relations_json(*view);
  mark_partial(j, missing);
  return j;
}

Result<OriginalDownload> api_original(std::string_view encoded_id, std::string_view query_string, SearcherPool& pool,
                                      const Config& config, const schema::Audience& audience) {
  auto params = route_params(query_string, {});
  if (!params) return params.error();
  auto id = decode_path_segment(encoded_id);
  if (!id) return id.error();
  Result<OriginalFile> file = Error{Status::NotFound, "no document id in the path"};
  if (!id->empty()) {
    auto lease = lease_searcher(pool, config);
    if (!lease) return lease.error();
    file = (*lease)->original(*id, audience);  // the searcher goes back to the pool before the file is read
  }
  if (!file) return file.error();
  std::ifstream in(file->path, std::ios::binary);
  std::ostringstream bytes;
  if (!(in && bytes << in.rdbuf())) return Error{Status::Io, "cannot read the original of '" + *id + "'"};
  std::string name = file->file_name;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') c = '_';
  return OriginalDownload{std::move(bytes).str(), std::move(file->media_type), std::move(name)};
}

Result<ojson> api_citations(std::string_view query_string, SearcherPool& pool, const Config& config,
                            const schema::Audience& audience) {
  auto params = route_params(query_string, {"number", "date"});
  if (!params) return params.error();
  const auto number = param(*params, "number");
  if (!number || number->empty()) return Error{Status::BadRequest, "number is required"};
  auto lease = lease_searcher(pool, config);
  if (!lease) return lease.error();
  auto view = (*lease)->citations(*number, audience, param(*params, "date"));
  if (!view) return view.error();
  ojson j = to_json(*view);
  mark_partial(j, (*lease)->missing_shards());
  return j;
}

Result<ojson> api_suggest(std::string_view query_string, SearcherPool& pool, const Config& config,
                          const schema::Audience& audience) {
  auto params = route_params(query_string, {"q", "limit"});
  if (!params) return params.error();
  const std::string q = param(*params, "q").value_or("");
  if (q.size() > kMaxQueryBytes)
    return Error{Status::TooLarge, "q is longer than " + std::to_string(kMaxQueryBytes) + " bytes"};
  auto limit = suggest_limit(*params);
  if (!limit) return limit.error();
  auto lease = lease_searcher(pool, config);
  if (!lease) return lease.error();
  auto suggestions = (*lease)->suggest(q, *limit, audience);
  if (!suggestions) return suggestions.error();
  ojson j = to_json(*suggestions);
  mark_partial(j, (*lease)->missing_shards());
  return j;
}

ojson health(SearcherPool& pool, const Config& config, const schema::Audience& audience) {
  const auto info = index_info(pool, config, audience);
  return ojson{
      {"status", "ok"},
      {"version",
       {{"searchd", config.version}, {"schema", schema::kSchemaVersion}, {"analyzer", text::kAnalyzerVersion}}},
      {"index", info ? to_json(*info) : ojson(nullptr)}};
}

Result<ojson> ready(SearcherPool& pool, const Config& config, const schema::Audience& audience) {
  auto lease = lease_searcher(pool, config);
  if (!lease) return lease.error();
  auto info = (*lease)->info(audience);
  if (!info) return info.error();
  return ojson{{"status", "ready"}, {"index", to_json(*info)}};
}

std::string metrics_text(SearcherPool& pool, const Config& config, const Metrics* metrics,
                         const schema::Audience& audience) {
  const auto info = index_info(pool, config, audience);
  if (metrics) return metrics->render(info);
  return Metrics().render(info);
}

}  // namespace tracuu::searchd::server
