#include "searchd/server/responses.h"

#include <utility>

#include "searchd/server/codec.h"

namespace tracuu::searchd::server {

bool is_server_error(Status status) {
  return http::to_status_class(http_status(status)) == http::status_class::server_error;
}

Error public_error(const Error& error) {
  if (!is_server_error(error.status)) return error;
  switch (error.status) {
    case Status::Overloaded: return {error.status, "all searchers are busy; retry shortly"};
    case Status::IndexUnavailable:
      // A remote shard that does not answer is named (docs/scale-out.md), not why (that is logged).
      if (error.message.starts_with("shard tcp://"))
        return {error.status, error.message.substr(0, error.message.find(" does not answer")) + " does not answer"};
      return {error.status, "the index is unavailable"};
    case Status::IndexVersionMismatch:
      return {error.status, "the index was built by another version; it must be rebuilt"};
    case Status::Locked: return {error.status, "the index is locked"};
    case Status::Io:
    case Status::Internal:
    case Status::Ok:
    case Status::BadRequest:
    case Status::BadQuery:
    case Status::NotFound:
    case Status::Unsupported:
    case Status::TooLarge:
    case Status::Unauthorized:
    case Status::Forbidden:
    case Status::RateLimited: break;
  }
  return {error.status, "internal error"};
}

void add_security_headers(Response& response) {
  response.set("Content-Security-Policy",
               "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'");
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Referrer-Policy", "same-origin");
  response.set(http::field::x_frame_options, "DENY");
}

namespace {

Response make_response(const Request& request, http::status status, std::string body, std::string_view content_type) {
  Response response{status, request.version()};
  response.set(http::field::server, "tracuu-searchd");
  response.set(http::field::content_type, content_type);
  response.set(http::field::cache_control, "no-cache");
  add_security_headers(response);
  response.keep_alive(request.keep_alive());
  response.body() = std::move(body);
  return response;
}

std::string json_text(const nlohmann::ordered_json& body) {
  return body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

Response make_response(const Request& request, Status status, std::string body, std::string_view content_type) {
  return make_response(request, http_status(status), std::move(body), content_type);
}

Response json_response(const Request& request, const nlohmann::ordered_json& body, Status status) {
  return make_response(request, status, json_text(body), kJsonType);
}

Response error_response(const Request& request, const Error& error) {
  Response response = json_response(request, error_json(public_error(error)), error.status);
  if (error.status == Status::Overloaded) response.set(http::field::retry_after, "1");
  return response;
}

Response method_not_allowed(const Request& request, bool post) {
  Response response =
      make_response(request, http::status::method_not_allowed,
                    json_text(error_json("method_not_allowed", post ? "only GET, HEAD and POST are allowed here"
                                                                    : "only GET and HEAD are allowed here")),
                    kJsonType);
  response.set(http::field::allow, post ? "GET, HEAD, POST" : "GET, HEAD");
  return response;
}

void finish_response(const Request& request, Response& response) {
  const std::size_t size = response.body().size();
  if (request.method() == http::verb::head) response.body().clear();
  response.content_length(size);
}

}  // namespace tracuu::searchd::server
