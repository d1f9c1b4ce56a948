#pragma once
// The Beast message types of the server, and the one Status -> HTTP mapping.

#include <boost/beast/http.hpp>

#include "schema/status.h"

namespace tracuu::searchd::server {

namespace http = boost::beast::http;

/// A request as parsed by the session (body bounded by Config::body_limit).
using Request = http::request<http::string_body>;
/// Every response the server writes.
using Response = http::response<http::string_body>;

/// The one mapping from Status to an HTTP status (STYLE §3). A switch with no
/// default: a new Status fails the build (-Wswitch-enum) until it is mapped here.
http::status http_status(Status status);

}  // namespace tracuu::searchd::server
