#pragma once
// The portal's staff sign-in: GET /signin shows the form, POST /signin takes a
// staff key and sets the session cookie, POST /signout ends the session. Every
// form carries a CSRF token bound to a cookie (SameSite=Strict as well).

#include "searchd/server/access.h"
#include "searchd/server/http_types.h"
#include "searchd/server/portal.h"
#include "searchd/server/router.h"

namespace tracuu::searchd::server {

class Site;

/// Answers Route::SignIn (GET: the form; POST: sign in) and Route::SignOut (POST).
/// A wrong key or CSRF token re-renders the form with 401 or 403; success is a
/// 303 to the home page with the Set-Cookie header.
Response signin_response(const Request& request, Route route, const Site& site, Access& access, const Client& client,
                         const Viewer& viewer, RequestNotes& notes);

}  // namespace tracuu::searchd::server
