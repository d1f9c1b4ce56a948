#pragma once
// Building responses: status from http_status(), security headers on every
// response, JSON and HTML bodies, error bodies safe to show to anyone.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "schema/status.h"
#include "searchd/server/http_types.h"

namespace tracuu::searchd::server {

/// Content types the server sends.
inline constexpr std::string_view kJsonType = "application/json; charset=utf-8";
inline constexpr std::string_view kHtmlType = "text/html; charset=utf-8";
inline constexpr std::string_view kPrometheusType = "text/plain; version=0.0.4; charset=utf-8";

/// A response to `request` with status http_status(`status`), the given body
/// and content type, the security headers and `Cache-Control: no-cache`.
Response make_response(const Request& request, Status status, std::string body, std::string_view content_type);

/// A JSON response (Status::Ok unless given).
Response json_response(const Request& request, const nlohmann::ordered_json& body, Status status = Status::Ok);

/// The error as a JSON response ({"error":{"code","message"}}, via error_json);
/// 5xx errors carry a generic message (see public_error).
Response error_response(const Request& request, const Error& error);

/// 405 with `Allow: GET, HEAD` (and POST when `post`: the sign-in forms) to any other
/// method. HTTP alone knows methods, so this has no Status; its error code is "method_not_allowed".
Response method_not_allowed(const Request& request, bool post = false);

/// The error as shown to clients: 4xx errors unchanged; 5xx errors keep their
/// code but get a fixed English message, so paths and Xapian text never leave
/// the server (STYLE §3). The original goes to the request log.
Error public_error(const Error& error);

/// True when `status` maps to a 5xx response.
bool is_server_error(Status status);

/// Adds Content-Security-Policy, X-Content-Type-Options, Referrer-Policy and
/// X-Frame-Options (called by make_response; exposed for the session's own replies).
void add_security_headers(Response& response);

/// Sets Content-Length, and for a HEAD request drops the body but keeps its length.
void finish_response(const Request& request, Response& response);

}  // namespace tracuu::searchd::server
