#pragma once
// handle_request: the whole server behaviour apart from sockets. A pure
// function of the request, the searcher pool and the Config (STYLE §4).

#include <optional>
#include <string>
#include <string_view>

#include "searchd/searcher.h"
#include "searchd/server/admission.h"
#include "searchd/server/config.h"
#include "searchd/server/http_types.h"
#include "searchd/server/principal.h"

namespace tracuu::searchd::server {

class Access;
class Metrics;
class Site;
struct Client;

/// Every route the server knows.
enum class Route {
  ApiSearch,        ///< GET /api/v1/search
  ApiDocument,      ///< GET /api/v1/documents/{id}
  ApiRelations,     ///< GET /api/v1/documents/{id}/relations
  ApiOriginal,      ///< GET /api/v1/documents/{id}/original: the PDF or DOCX it was read from
  ApiCitations,     ///< GET /api/v1/citations?number=
  ApiSuggest,       ///< GET /api/v1/suggest?q=&limit=
  Health,           ///< GET /health: versions and document count
  Ready,            ///< GET /ready: 200 when the index is open
  MetricsText,      ///< GET /metrics: Prometheus text
  PageSearch,       ///< GET / and /search: the portal's search page
  PageDocument,     ///< GET /doc/{id}
  PageCitation,     ///< GET /cite/{number}
  Static,           ///< GET /static/{file}
  SignIn,           ///< GET /signin: the staff sign-in form; POST: sign in
  SignOut,          ///< POST /signout
  PageAssignments,  ///< GET /assignments: staff only (to others, a path that does not exist)
  AssignmentsCsv,   ///< GET /assignments.csv: staff only
  AssignmentsIcs,   ///< GET /assignments.ics: staff only
  Feed,             ///< GET /feed?<search parameters>: the search's newest documents as Atom
  Unknown,          ///< anything else (404)
};

/// A route and the still percent-encoded rest of the path after its prefix
/// ("{id}" of /api/v1/documents/{id}; empty for fixed routes).
struct RouteMatch {
  Route route = Route::Unknown;
  std::string_view tail;
};

/// Matches a path (without query string) to a route.
RouteMatch match_route(std::string_view path);

/// Stable label of a route for logs and metrics ("search", "document", ...).
std::string_view route_name(Route route);

/// What a request is answered from besides its own bytes and the Config.
struct Backend {
  SearcherPool& pool;                ///< one searcher is checked out per request that needs one
  const Site* site = nullptr;        ///< the portal; null serves the API only (portal routes 404)
  const Metrics* metrics = nullptr;  ///< read by /metrics; null renders only the index gauges
  Access* access = nullptr;          ///< keys, sessions, proxies, rate limits; null: everyone is the public
};

/// What the handler tells the request log besides the response.
struct RequestNotes {
  std::string_view route = "unknown";  ///< route_name() of the matched route
  std::string detail;                  ///< the unredacted message of a 5xx error (never sent to clients)
  std::string who;                     ///< the caller's key or user name (empty: the public)
  std::string via;                     ///< how it was identified: "key", "session" or "proxy"
  std::string client;                  ///< the client address (X-Forwarded-For from trusted proxies)
  std::string document;                ///< the document id a document route opened
  bool audit = false;                  ///< a staff request: goes to the audit log too
};

/// Who asks, as the portal shows it (staff badge, sign-in link or sign-out form).
struct Viewer {
  Principal who;
  bool sign_in = false;       ///< the server takes keys: offer the sign-in page to the public
  std::string signout_token;  ///< CSRF token of the sign-out form (for session callers)
};

/// What handle_request settles before it needs a searcher: the route, the method, who asks,
/// their rate limit and scope.
struct Screened {
  Viewer viewer;
  RequestNotes notes;
  std::optional<Response> answer;  ///< set: the request is answered already (401, 403, 429, 400, 404, 405...)
};

/// The first half of handle_request, run by the server on the I/O thread before a request waits
/// for a worker, so that a caller it refuses (a bad key, over its rate limit) takes no place in the
/// admission queue. Never throws; `answer` is complete (headers included) when set.
Screened screen_request(const Request& request, const Backend& backend, const Config& config,
                        const Client* client = nullptr);

/// The second half: answers a request screen_request let through (`screened.answer` empty),
/// filling `screened.notes`. Never throws.
Response handle_screened(const Request& request, const Backend& backend, const Config& config, Screened& screened,
                         const Client* client = nullptr);

/// Answers one request (screen_request, then handle_screened). No I/O, no globals, never throws: every failure is a
/// JSON error (API) or an HTML error page (portal) with the status given by
/// http_status(): 400 bad parameter, 404 unknown route or document, 405 wrong
/// method (with Allow), 413 query too large, 503 busy or index unavailable.
/// HEAD is answered like GET without the body. With backend.access: 401 for bad
/// credentials (never a silent fall back to the public), 403 for a route the caller
/// may not use, 429 with Retry-After beyond the caller's rate limit. Every answer
/// that depends on who asks is `Cache-Control: private, no-store`.
/// @param notes when given, receives the route label, the caller and any 5xx detail for the log.
/// @param client the connection's peer (empty in tests).
Response handle_request(const Request& request, const Backend& backend, const Config& config,
                        RequestNotes* notes = nullptr, const Client* client = nullptr);

/// Which admission queue a request waits in (admission.h): Inline for routes that need no
/// searcher (static files, unknown routes, wrong methods), Expensive for a search whose q has
/// more than kCheapQueryWords words, Cheap for everything else.
Lane request_lane(const Request& request);

/// Words of q above which a search goes to the expensive queue.
inline constexpr std::size_t kCheapQueryWords = 12;

/// The 503 answer (Overloaded, with Retry-After) to a request that admission control
/// turned away, shaped like handle_request's: JSON for the API, the portal's HTML error page
/// for a portal route when `site` is given.
Response busy_response(const Request& request, const Site* site, RequestNotes* notes = nullptr);

}  // namespace tracuu::searchd::server
