#include "searchd/server/router.h"

#include <array>
#include <exception>
#include <utility>

#include "searchd/server/access.h"
#include "searchd/server/api.h"
#include "searchd/server/codec.h"
#include "searchd/server/portal.h"
#include "searchd/server/portal_signin.h"
#include "searchd/server/responses.h"
#include "text/tokenizer.h"

namespace tracuu::searchd::server {
namespace {

struct RouteSpec {
  std::string_view path;
  bool prefix;  // path + tail
  Route route;
};

constexpr std::array<RouteSpec, 18> kRoutes{{
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
    {"/signin", false, Route::SignIn},
    {"/signout", false, Route::SignOut},
    {"/assignments", false, Route::PageAssignments},
    {"/assignments.csv", false, Route::AssignmentsCsv},
    {"/assignments.ics", false, Route::AssignmentsIcs},
    {"/feed", false, Route::Feed},
}};

// Routes that exist for staff only. To anyone else they are a path that does not exist: the same
// 404, whatever the method or credentials, so nobody learns they are there.
bool is_staff_only(Route route) {
  return route == Route::PageAssignments || route == Route::AssignmentsCsv || route == Route::AssignmentsIcs;
}

bool is_portal(Route route) {
  return route == Route::PageSearch || route == Route::PageDocument || route == Route::PageCitation ||
         route == Route::Static || route == Route::SignIn || route == Route::SignOut || route == Route::Feed ||
         is_staff_only(route);
}

// The answer to a path that does not exist.
Response no_such_route(const Request& request, RequestNotes& notes) {
  notes.route = route_name(Route::Unknown);
  return error_response(request, {Status::NotFound, "no such route"});
}

// Whether valid staff credentials come with the request (nothing is counted or logged).
bool presents_staff(const Request& request, const Backend& backend, const Client& client) {
  if (!backend.access) return false;
  const auto who = backend.access->authenticate(request, client);
  return who && who->staff();
}

bool allows_post(Route route) {
  return route == Route::SignIn || route == Route::SignOut;
}

// A failure of authentication or authorisation, in the route's own form (JSON or HTML page).
Response refusal(const Request& request, bool portal, const Error& error, const Backend& backend, const Viewer& viewer,
                 RequestNotes& notes) {
  Response r = portal && backend.site ? error_page(request, error, {}, *backend.site, viewer, notes)
                                      : error_response(request, error);
  if (error.status == Status::Unauthorized) {
    r.set(http::field::www_authenticate, "Bearer realm=\"tracuu\"");
    // A dead session cookie is dropped, so the next page is the public's and offers sign-in again.
    r.set(http::field::set_cookie, std::string(kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
  }
  return r;
}

// Who asks, and whether they may go on. Fills the viewer and the notes; returns a refusal or nothing.
std::optional<Response> admit(const Request& request, Route route, const Backend& backend, const Config& config,
                              const Client& client, Viewer& viewer, RequestNotes& notes) {
  const bool portal = is_portal(route);
  if (!backend.access) {
    // No keys configured: credentials cannot be checked, so they are refused, never ignored.
    if (request.find(http::field::authorization) != request.end())
      return refusal(request, portal, {Status::Unauthorized, "this server takes no keys"}, backend, viewer, notes);
  } else {
    Access& access = *backend.access;
    notes.client = access.client_address(request, client);
    auto who = access.authenticate(request, client);
    if (!who) return refusal(request, portal, who.error(), backend, viewer, notes);
    viewer.who = std::move(*who);
    viewer.sign_in = !config.keys.empty();
    if (viewer.who.via == "session") {
      const auto cookies = request.find(http::field::cookie);
      viewer.signout_token = access.sessions().csrf_token(cookie_value(cookies->value(), kSessionCookie).value_or(""));
    }
    notes.who = viewer.who.name;
    notes.via = viewer.who.via;
    notes.audit = viewer.who.staff();
    if (const unsigned wait = access.take(viewer.who, notes.client); wait > 0) {
      Response r =
          refusal(request, portal, {Status::RateLimited, "too many requests; retry later"}, backend, viewer, notes);
      r.set(http::field::retry_after, std::to_string(wait));
      return r;
    }
  }
  if (route == Route::MetricsText && !config.metrics_public && viewer.who.scope != Scope::Admin) {
    const Error e = viewer.who.staff() ? Error{Status::Forbidden, "/metrics needs an admin key"}
                                       : Error{Status::Unauthorized, "/metrics needs an admin key"};
    return refusal(request, false, e, backend, viewer, notes);
  }
  return std::nullopt;
}

Response from_result(const Request& request, Result<nlohmann::ordered_json> result, RequestNotes& notes) {
  if (result) return json_response(request, *result);
  if (is_server_error(result.error().status)) notes.detail = result.error().message;
  return error_response(request, result.error());
}

// The request's route and query string, from its target.
struct Target {
  RouteMatch match;
  std::string_view query;
};

Target target_of(const Request& request) {
  const std::string_view target = request.target();
  const std::size_t question = target.find('?');
  return {match_route(target.substr(0, question)),
          question == std::string_view::npos ? std::string_view() : target.substr(question + 1)};
}

// What needs no searcher: malformed requests, unknown routes, wrong methods, static files, and the
// caller's credentials, rate limit and scope. Returns the answer, or nothing when the request goes on.
std::optional<Response> screen(const Request& request, const Backend& backend, const Config& config,
                               const Client& client, Viewer& viewer, RequestNotes& notes) {
  const auto [match, query] = target_of(request);
  notes.route = route_name(match.route);
  // RFC 9112 §3.2: a server must answer 400 to an HTTP/1.1 request without Host.
  if (request.version() >= 11 && request.find(http::field::host) == request.end())
    return error_response(request, {Status::BadRequest, "an HTTP/1.1 request needs a Host header"});
  if (match.route == Route::Unknown) return no_such_route(request, notes);
  if (is_staff_only(match.route) && !presents_staff(request, backend, client)) return no_such_route(request, notes);
  const bool post = request.method() == http::verb::post && allows_post(match.route);
  if (request.method() != http::verb::get && request.method() != http::verb::head && !post)
    return method_not_allowed(request, allows_post(match.route));
  if (is_portal(match.route) && !backend.site)
    return error_response(request, {Status::NotFound, "the portal is not enabled (searchd serve --web DIR)"});
  if (match.route == Route::Static)
    return portal_response(request, {match.route, match.tail, query}, backend.pool, *backend.site, config, {}, notes);
  return admit(request, match.route, backend, config, client, viewer, notes);
}

// The rest, for a request screen() let through.
Response dispatch(const Request& request, const Backend& backend, const Config& config, const Client& client,
                  const Viewer& viewer, RequestNotes& notes) {
  const auto [match, query] = target_of(request);
  if (match.route == Route::ApiDocument || match.route == Route::ApiRelations || match.route == Route::ApiOriginal ||
      match.route == Route::PageDocument) {
    auto id = decode_path_segment(match.tail);
    notes.document = id ? *id : std::string(match.tail);
  }
  if (match.route == Route::SignIn || match.route == Route::SignOut) {
    if (!backend.access || config.keys.empty())
      return error_response(request, {Status::NotFound, "sign-in needs keys (searchd serve --keys FILE)"});
    return signin_response(request, match.route, *backend.site, *backend.access, client, viewer, notes);
  }
  if (is_portal(match.route))
    return portal_response(request, {match.route, match.tail, query}, backend.pool, *backend.site, config, viewer,
                           notes);
  SearcherPool& pool = backend.pool;
  const schema::Audience audience = viewer.who.audience();
  switch (match.route) {
    case Route::ApiSearch: return from_result(request, api_search(query, pool, config, audience), notes);
    case Route::ApiDocument:
      return from_result(request, api_document(match.tail, query, pool, config, audience), notes);
    case Route::ApiRelations:
      return from_result(request, api_relations(match.tail, query, pool, config, audience), notes);
    case Route::ApiOriginal: {
      auto file = api_original(match.tail, query, pool, config, audience);
      if (!file) return from_result(request, file.error(), notes);
      Response response = make_response(request, Status::Ok, std::move(file->bytes), file->media_type);
      response.set(http::field::content_disposition, "inline; filename=\"" + file->file_name + "\"");
      return response;
    }
    case Route::ApiCitations: return from_result(request, api_citations(query, pool, config, audience), notes);
    case Route::ApiSuggest: return from_result(request, api_suggest(query, pool, config, audience), notes);
    case Route::Health: return json_response(request, health(pool, config, audience));
    case Route::Ready: return from_result(request, ready(pool, config, audience), notes);
    case Route::MetricsText:
      return make_response(request, Status::Ok, metrics_text(pool, config, backend.metrics, audience), kPrometheusType);
    case Route::PageSearch:
    case Route::PageDocument:
    case Route::PageCitation:
    case Route::Static:
    case Route::SignIn:
    case Route::SignOut:
    case Route::PageAssignments:
    case Route::AssignmentsCsv:
    case Route::AssignmentsIcs:
    case Route::Feed:
    case Route::Unknown: break;
  }
  return error_response(request, {Status::NotFound, "no such route"});
}

// A library bug must cost one request, never the process.
Response internal_error(const Request& request, const std::exception& e, RequestNotes& notes) {
  notes.detail = std::string("exception: ") + e.what();
  return error_response(request, {Status::Internal, notes.detail});
}

// The headers every answer but a static file gets, then the common ones.
Response finished(const Request& request, Response response, const RequestNotes& notes) {
  if (notes.route != route_name(Route::Static)) {
    // Answers differ by caller (documents, counts, suggestions): no shared cache may keep them.
    response.set(http::field::cache_control, "private, no-store");
    response.set(http::field::vary, "Authorization, Cookie");
  }
  finish_response(request, response);
  return response;
}

}  // namespace

RouteMatch match_route(std::string_view path) {
  for (const auto& spec : kRoutes) {
    if (!(spec.prefix ? path.starts_with(spec.path) && path.size() > spec.path.size() : path == spec.path)) continue;
    const std::string_view tail = spec.prefix ? path.substr(spec.path.size()) : std::string_view();
    // An id's own slashes are percent-encoded (%2F): a literal one ends it.
    for (const auto& [suffix, route] : {std::pair{std::string_view("/relations"), Route::ApiRelations},
                                        std::pair{std::string_view("/original"), Route::ApiOriginal}})
      if (spec.route == Route::ApiDocument && tail.ends_with(suffix) && tail.size() > suffix.size())
        return {route, tail.substr(0, tail.size() - suffix.size())};
    return {spec.route, tail};
  }
  return {};
}

std::string_view route_name(Route route) {
  switch (route) {
    case Route::ApiSearch: return "api_search";
    case Route::ApiDocument: return "api_document";
    case Route::ApiRelations: return "api_relations";
    case Route::ApiOriginal: return "api_original";
    case Route::ApiCitations: return "api_citations";
    case Route::ApiSuggest: return "api_suggest";
    case Route::Health: return "health";
    case Route::Ready: return "ready";
    case Route::MetricsText: return "metrics";
    case Route::PageSearch: return "page_search";
    case Route::PageDocument: return "page_document";
    case Route::PageCitation: return "page_citation";
    case Route::Static: return "static";
    case Route::SignIn: return "signin";
    case Route::SignOut: return "signout";
    case Route::PageAssignments: return "page_assignments";
    case Route::AssignmentsCsv: return "assignments_csv";
    case Route::AssignmentsIcs: return "assignments_ics";
    case Route::Feed: return "feed";
    case Route::Unknown: return "unknown";
  }
  return "unknown";
}

Screened screen_request(const Request& request, const Backend& backend, const Config& config, const Client* client) {
  Screened s;
  const Client no_client;
  try {
    s.answer = screen(request, backend, config, client ? *client : no_client, s.viewer, s.notes);
  } catch (const std::exception& e) {
    s.answer = internal_error(request, e, s.notes);
  }
  if (s.answer) s.answer = finished(request, std::move(*s.answer), s.notes);
  return s;
}

Response handle_screened(const Request& request, const Backend& backend, const Config& config, Screened& screened,
                         const Client* client) {
  Response response;
  const Client no_client;
  try {
    response = dispatch(request, backend, config, client ? *client : no_client, screened.viewer, screened.notes);
  } catch (const std::exception& e) {
    response = internal_error(request, e, screened.notes);
  }
  return finished(request, std::move(response), screened.notes);
}

Response handle_request(const Request& request, const Backend& backend, const Config& config, RequestNotes* notes,
                        const Client* client) {
  Screened s = screen_request(request, backend, config, client);
  Response response = s.answer ? std::move(*s.answer) : handle_screened(request, backend, config, s, client);
  if (notes) *notes = std::move(s.notes);
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
