#include "searchd/server/router.h"

#include <array>
#include <exception>
#include <utility>

#include "searchd/server/api.h"
#include "searchd/server/codec.h"
#include "searchd/server/portal.h"
#include "searchd/server/responses.h"
#include "text/tokenizer.h"

namespace tracuu::searchd::server {
namespace {

struct RouteSpec {
  std::string_view path;
  bool prefix;  // path + tail
  Route route;
};

constexpr std::array<RouteSpec, 12> kRoutes{{
    {"/api/v1/search", false, Route::ApiSearch},
    {"/api/v1/documents/", true, Route::ApiDocument},
    {"/api/v1/citations", false, Route::ApiCitations},
    {"/api/v1/suggest", false, Route::ApiSuggest},
    {"/health", false, Route::Health},
    {"/ready", false, Route::Ready},
    {"/metrics", false, Route::MetricsText},
    {"/", false, Route::PageSearch},
    {"/search", false, Route::PageSearch},
    {"/doc/", true, Route::PageDocument},
    {"/cite/", true, Route::PageCitation},
    {"/static/", true, Route::Static},
}};

bool is_portal(Route route) {
  return route == Route::PageSearch || route == Route::PageDocument || route == Route::PageCitation ||
         route == Route::Static;
}

Response from_result(const Request& request, Result<nlohmann::ordered_json> result, RequestNotes& notes) {
  if (result) return json_response(request, *result);
  if (is_server_error(result.error().status)) notes.detail = result.error().message;
  return error_response(request, result.error());
}

Response dispatch(const Request& request, const Backend& backend, const Config& config, RequestNotes& notes) {
  const std::string_view target = request.target();
  const std::size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  const std::string_view query = question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
  const RouteMatch match = match_route(path);
  notes.route = route_name(match.route);
  // RFC 9112 §3.2: a server must answer 400 to an HTTP/1.1 request without Host.
  if (request.version() >= 11 && request.find(http::field::host) == request.end())
    return error_response(request, {Status::BadRequest, "an HTTP/1.1 request needs a Host header"});
  if (match.route == Route::Unknown) return error_response(request, {Status::NotFound, "no such route"});
  if (request.method() != http::verb::get && request.method() != http::verb::head) return method_not_allowed(request);
  if (is_portal(match.route)) {
    if (!backend.site)
      return error_response(request, {Status::NotFound, "the portal is not enabled (searchd serve --web DIR)"});
    return portal_response(request, {match.route, match.tail, query}, backend.pool, *backend.site, config, notes);
  }
  SearcherPool& pool = backend.pool;
  switch (match.route) {
    case Route::ApiSearch: return from_result(request, api_search(query, pool, config), notes);
    case Route::ApiDocument: return from_result(request, api_document(match.tail, query, pool, config), notes);
    case Route::ApiCitations: return from_result(request, api_citations(query, pool, config), notes);
    case Route::ApiSuggest: return from_result(request, api_suggest(query, pool, config), notes);
    case Route::Health: return json_response(request, health(pool, config));
    case Route::Ready: return from_result(request, ready(pool, config), notes);
    case Route::MetricsText:
      return make_response(request, Status::Ok, metrics_text(pool, config, backend.metrics), kPrometheusType);
    case Route::PageSearch:
    case Route::PageDocument:
    case Route::PageCitation:
    case Route::Static:
    case Route::Unknown: break;
  }
  return error_response(request, {Status::NotFound, "no such route"});
}

}  // namespace

RouteMatch match_route(std::string_view path) {
  for (const auto& spec : kRoutes) {
    if (spec.prefix ? path.starts_with(spec.path) && path.size() > spec.path.size() : path == spec.path)
      return {spec.route, spec.prefix ? path.substr(spec.path.size()) : std::string_view()};
  }
  return {};
}

std::string_view route_name(Route route) {
  switch (route) {
    case Route::ApiSearch: return "api_search";
    case Route::ApiDocument: return "api_document";
    case Route::ApiCitations: return "api_citations";
    case Route::ApiSuggest: return "api_suggest";
    case Route::Health: return "health";
    case Route::Ready: return "ready";
    case Route::MetricsText: return "metrics";
    case Route::PageSearch: return "page_search";
    case Route::PageDocument: return "page_document";
    case Route::PageCitation: return "page_citation";
    case Route::Static: return "static";
    case Route::Unknown: return "unknown";
  }
  return "unknown";
}

Response handle_request(const Request& request, const Backend& backend, const Config& config, RequestNotes* notes) {
  RequestNotes local;
  RequestNotes& n = notes ? *notes : local;
  Response response;
  try {
    response = dispatch(request, backend, config, n);
  } catch (const std::exception& e) {
    // A library bug must cost one request, never the process.
    n.detail = std::string("exception: ") + e.what();
    response = error_response(request, {Status::Internal, n.detail});
  }
  finish_response(request, response);
  return response;
}

Lane request_lane(const Request& request) {
  const std::string_view target = request.target();
  const std::size_t question = target.find('?');
  const Route route = match_route(target.substr(0, question)).route;
  if (route == Route::Unknown || route == Route::Static ||
      (request.method() != http::verb::get && request.method() != http::verb::head))
    return Lane::Inline;
  if ((route != Route::ApiSearch && route != Route::PageSearch) || question == std::string_view::npos)
    return Lane::Cheap;
  auto params = decode_query_string(target.substr(question + 1));
  if (!params) return Lane::Inline;  // answered 400 without a searcher
  const auto q = param(*params, "q");
  if (!q || q->size() > kMaxQueryBytes) return Lane::Cheap;  // nothing to search, or answered 413
  return text::analyze(*q).size() > kCheapQueryWords ? Lane::Expensive : Lane::Cheap;
}

Response busy_response(const Request& request, const Site* site, RequestNotes* notes) {
  RequestNotes local;
  RequestNotes& n = notes ? *notes : local;
  const std::string_view target = request.target();
  const std::size_t question = target.find('?');
  const Route route = match_route(target.substr(0, question)).route;
  n.route = route_name(route);
  const Error busy{Status::Overloaded, "every search worker is busy"};
  // A visitor of the portal gets the portal's page (in Vietnamese), a program the API's JSON.
  Response response =
      is_portal(route) && site
          ? portal_error(request, busy, question == std::string_view::npos ? "" : target.substr(question + 1), *site, n)
          : error_response(request, busy);
  finish_response(request, response);
  return response;
}

}  // namespace tracuu::searchd::server
