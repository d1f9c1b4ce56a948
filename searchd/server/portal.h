#pragma once
// The portal (issue #8): server-side rendered HTML pages over the search
// library, and the static files they use.

#include <kainjow/mustache.hpp>
#include <string_view>

#include "searchd/searcher.h"
#include "searchd/server/codec.h"
#include "searchd/server/config.h"
#include "searchd/server/http_types.h"
#include "searchd/server/principal.h"
#include "searchd/server/router.h"

namespace tracuu::searchd::server {

class Site;

/// A portal request as the router matched it.
struct PageRequest {
  Route route = Route::PageSearch;  ///< PageSearch, PageDocument, PageCitation or Static
  std::string_view tail;            ///< percent-encoded {id}, {number} or file name
  std::string_view query;           ///< raw query string
};

/// The layout's values for `viewer` (staff, user name, sign-in link, sign-out form).
void set_viewer(kainjow::mustache::data& data, const Viewer& viewer);

/// Answers a portal route: an HTML page (or a static file), or an HTML error
/// page whose status comes from http_status() and whose text is Vietnamese.
/// @param notes receives the detail of 5xx errors for the log.
Response portal_response(const Request& request, const PageRequest& page, SearcherPool& pool, const Site& site,
                         const Config& config, const Viewer& viewer, RequestNotes& notes);

/// An HTML error page (Vietnamese text chosen by the error's code) with the error's status.
Response error_page(const Request& request, const Error& error, const Params& params, const Site& site,
                    const Viewer& viewer, RequestNotes& notes);

/// The HTML error page of a portal route for an error met before the page is built (admission
/// control's 503 keeps its Retry-After); `query` is the raw query string, echoed into the search box.
Response portal_error(const Request& request, const Error& error, std::string_view query, const Site& site,
                      RequestNotes& notes);

}  // namespace tracuu::searchd::server
